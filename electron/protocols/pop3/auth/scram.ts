import { createHash, createHmac, pbkdf2, randomBytes, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import { SaslProtocolError, saslName, type SaslClient } from './sasl-client';

const pbkdf2Async = promisify(pbkdf2);

/** Highest PBKDF2 iteration count accepted from a server, so a hostile one cannot stall the client. */
export const MAX_SCRAM_ITERATIONS = 1_000_000;
/** Lowest iteration count accepted (RFC 7677 §4 recommends at least 4096; RFC 5802 §5.1 allows less). */
export const MIN_SCRAM_ITERATIONS = 1;
/** Random bytes in the client nonce (RFC 5802 §5.1 asks for enough to be unpredictable). */
export const SCRAM_NONCE_BYTES = 24;

/** The hash families of SCRAM-SHA-1 (RFC 5802) and SCRAM-SHA-256 (RFC 7677). */
export type ScramHash = 'sha1' | 'sha256';

const HASH_BYTES: Record<ScramHash, number> = { sha1: 20, sha256: 32 };
/** No channel binding: the GS2 header `n,,` (RFC 5802 §7). */
const GS2_HEADER = 'n,,';

function parseAttributes(message: string): Map<string, string> {
  const attributes = new Map<string, string>();
  for (const part of message.split(',')) {
    const separator = part.indexOf('=');
    if (separator !== 1) continue;
    attributes.set(part.slice(0, 1), part.slice(2));
  }
  return attributes;
}

function hmac(hash: ScramHash, key: Buffer, text: string): Buffer {
  return createHmac(hash, key).update(text, 'utf8').digest();
}

/**
 * SCRAM client (RFC 5802 §5, RFC 7677). Verifies the server signature in the final message, so a
 * server that does not know the password cannot complete the sign-in: success without a valid `v=`
 * is refused. The nonce source can be replaced for test vectors.
 */
export function scramClient(
  hash: ScramHash,
  username: string,
  password: string,
  nonce: string = randomBytes(SCRAM_NONCE_BYTES).toString('base64'),
): SaslClient {
  const clientFirstBare = `n=${saslName(username)},r=${nonce}`;
  let step = 0;
  let expectedServerSignature: Buffer | undefined;
  let serverVerified = false;
  return {
    mechanism: hash === 'sha1' ? 'SCRAM-SHA-1' : 'SCRAM-SHA-256',
    initialResponse: () => Buffer.from(`${GS2_HEADER}${clientFirstBare}`, 'utf8'),
    async respond(challenge) {
      step += 1;
      const message = challenge.toString('utf8');
      if (step === 1) {
        const attributes = parseAttributes(message);
        const serverNonce = attributes.get('r');
        const salt = attributes.get('s');
        const iterations = Number(attributes.get('i'));
        if (attributes.has('m')) throw new SaslProtocolError({ id: 'protocolError.sasl.scramUnknownExtension' });
        if (serverNonce === undefined || !serverNonce.startsWith(nonce) || serverNonce.length <= nonce.length) {
          throw new SaslProtocolError({ id: 'protocolError.sasl.scramBadNonce' });
        }
        if (salt === undefined || salt === '') throw new SaslProtocolError({ id: 'protocolError.sasl.scramNoSalt' });
        if (!Number.isInteger(iterations) || iterations < MIN_SCRAM_ITERATIONS || iterations > MAX_SCRAM_ITERATIONS) {
          throw new SaslProtocolError({ id: 'protocolError.sasl.scramBadIterations' });
        }
        const saltedPassword = await pbkdf2Async(Buffer.from(password, 'utf8'), Buffer.from(salt, 'base64'), iterations, HASH_BYTES[hash], hash);
        const clientKey = hmac(hash, saltedPassword, 'Client Key');
        const storedKey = createHash(hash).update(clientKey).digest();
        const clientFinalWithoutProof = `c=${Buffer.from(GS2_HEADER).toString('base64')},r=${serverNonce}`;
        const authMessage = `${clientFirstBare},${message},${clientFinalWithoutProof}`;
        const clientSignature = hmac(hash, storedKey, authMessage);
        const proof = Buffer.alloc(clientKey.length);
        for (let index = 0; index < proof.length; index += 1) {
          proof[index] = (clientKey[index] ?? 0) ^ (clientSignature[index] ?? 0);
        }
        expectedServerSignature = hmac(hash, hmac(hash, saltedPassword, 'Server Key'), authMessage);
        return Buffer.from(`${clientFinalWithoutProof},p=${proof.toString('base64')}`, 'utf8');
      }
      if (step === 2) {
        const attributes = parseAttributes(message);
        const error = attributes.get('e');
        if (error !== undefined) throw new SaslProtocolError({ id: 'protocolError.sasl.scramServerError', values: { error } }, true);
        const signature = Buffer.from(attributes.get('v') ?? '', 'base64');
        if (
          expectedServerSignature === undefined ||
          signature.length !== expectedServerSignature.length ||
          !timingSafeEqual(signature, expectedServerSignature)
        ) {
          throw new SaslProtocolError({ id: 'protocolError.sasl.scramBadSignature' });
        }
        serverVerified = true;
        return Buffer.alloc(0);
      }
      throw new SaslProtocolError({ id: 'protocolError.sasl.scramTooManyChallenges' });
    },
    verifySuccess() {
      if (!serverVerified) {
        throw new SaslProtocolError({ id: 'protocolError.sasl.scramNoProof' });
      }
    },
  };
}
