import { createHmac } from 'node:crypto';
import { englishMessage } from '../../../../shared/error-words';
import type { ErrorWords } from '../../../../shared/errors';

/**
 * One SASL mechanism's client side (RFC 4422 §3): an optional initial response, then an answer per
 * server challenge, then a check of the outcome. Byte strings are raw; base64 is the exchange's job.
 */
export interface SaslClient {
  readonly mechanism: string;
  /** The initial response, or `undefined` for mechanisms where the server speaks first. */
  initialResponse(): Buffer | undefined;
  /** Answers one decoded challenge. Throws to abort the exchange. */
  respond(challenge: Buffer): Promise<Buffer>;
  /** Called on `+OK`; throws if the mechanism did not complete (for example no server proof). */
  verifySuccess(): void;
}

/**
 * Thrown by a SASL client when the server's side of the exchange is not acceptable; its reason is a
 * catalog message (`message` is its English), so the error it becomes is said in the reader's language.
 */
export class SaslProtocolError extends Error {
  /** `true` when the server itself reported the failure (its `-ERR` then decides the error code). */
  readonly reportedByServer: boolean;
  /** The reason as a catalog message. */
  readonly words: ErrorWords;

  constructor(words: ErrorWords, reportedByServer = false) {
    super(englishMessage(words));
    this.words = words;
    this.reportedByServer = reportedByServer;
    this.name = 'SaslProtocolError';
  }
}

/** PLAIN (RFC 4616): authzid empty, authcid, password; sent as the initial response. */
export function plainClient(username: string, password: string): SaslClient {
  return {
    mechanism: 'PLAIN',
    initialResponse: () => Buffer.from(`\0${username}\0${password}`, 'utf8'),
    respond: () => Promise.resolve(Buffer.from(`\0${username}\0${password}`, 'utf8')),
    verifySuccess: () => undefined,
  };
}

/**
 * LOGIN (draft-murchison-sasl-login): the server asks for the user name, then the password. The
 * prompts' text is not relied upon, only their order.
 */
export function loginClient(username: string, password: string): SaslClient {
  let step = 0;
  return {
    mechanism: 'LOGIN',
    initialResponse: () => undefined,
    respond: () => {
      step += 1;
      if (step === 1) return Promise.resolve(Buffer.from(username, 'utf8'));
      if (step === 2) return Promise.resolve(Buffer.from(password, 'utf8'));
      return Promise.reject(new SaslProtocolError({ id: 'protocolError.sasl.loginExtraPrompt' }));
    },
    verifySuccess: () => undefined,
  };
}

/** CRAM-MD5 (RFC 2195 §2): `user hex(HMAC-MD5(password, challenge))`. */
export function cramMd5Client(username: string, password: string): SaslClient {
  let answered = false;
  return {
    mechanism: 'CRAM-MD5',
    initialResponse: () => undefined,
    respond: (challenge) => {
      if (answered) return Promise.reject(new SaslProtocolError({ id: 'protocolError.sasl.cramSecondChallenge' }));
      answered = true;
      const digest = createHmac('md5', password).update(challenge).digest('hex');
      return Promise.resolve(Buffer.from(`${username} ${digest}`, 'utf8'));
    },
    verifySuccess: () => undefined,
  };
}

/**
 * XOAUTH2 (Google's SASL profile): `user=…^Aauth=Bearer …^A^A`. An error arrives as a challenge
 * holding JSON, which must be answered with an empty response before the server sends `-ERR`.
 */
export function xoauth2Client(username: string, token: string): SaslClient {
  return {
    mechanism: 'XOAUTH2',
    initialResponse: () => Buffer.from(`user=${username}\x01auth=Bearer ${token}\x01\x01`, 'utf8'),
    respond: () => Promise.resolve(Buffer.alloc(0)),
    verifySuccess: () => undefined,
  };
}

/**
 * OAUTHBEARER (RFC 7628 §3.1): GS2 header with the authzid, then `auth=Bearer`. An error challenge
 * is answered with a single ^A (RFC 7628 §3.2.3).
 */
export function oauthBearerClient(username: string, token: string): SaslClient {
  const gs2 = `n,a=${saslName(username)},`;
  return {
    mechanism: 'OAUTHBEARER',
    initialResponse: () => Buffer.from(`${gs2}\x01auth=Bearer ${token}\x01\x01`, 'utf8'),
    respond: () => Promise.resolve(Buffer.from([0x01])),
    verifySuccess: () => undefined,
  };
}

/** Escapes `=` and `,` in a SASL name (RFC 5802 §5.1, RFC 7628 §3.1). */
export function saslName(name: string): string {
  return name.replace(/=/g, '=3D').replace(/,/g, '=2C');
}
