/**
 * Server sides of the SASL mechanisms the fake POP3 server offers (RFC 5034 with RFC 4616 PLAIN,
 * LOGIN, RFC 2195 CRAM-MD5, RFC 5802/7677 SCRAM, XOAUTH2 and RFC 7628 OAUTHBEARER). Each one is a
 * conversation over base64 lines; `ask` sends a challenge and returns the client's decoded answer,
 * or `undefined` when the client cancelled with `*`.
 */
import { createHash, createHmac, pbkdf2Sync, randomBytes, timingSafeEqual } from 'node:crypto';

/** The exchange primitives a mechanism needs. */
export interface SaslConversation {
  /** Sends `+ base64(challenge)` and returns the decoded response, or undefined if cancelled. */
  ask(challenge: Buffer | string): Promise<Buffer | undefined>;
}

/** What a mechanism can check credentials against. */
export interface SaslAccounts {
  password(username: string): string | undefined;
  token(username: string): string | undefined;
}

/** Behaviour switches for fault tests. */
export interface SaslFaults {
  /** Send a wrong SCRAM server signature (the client must refuse). */
  readonly scramBadServerSignature?: boolean;
  /** SCRAM iteration count announced. */
  readonly scramIterations?: number;
}

/** The outcome: the user signed in, or why not. */
export type SaslOutcome = { readonly ok: true; readonly username: string } | { readonly ok: false; readonly reason: 'cancelled' | 'credentials' | 'malformed' };

const SCRAM_HASH: Record<string, { hash: 'sha1' | 'sha256'; bytes: number }> = {
  'SCRAM-SHA-1': { hash: 'sha1', bytes: 20 },
  'SCRAM-SHA-256': { hash: 'sha256', bytes: 32 },
};

/** Mechanisms implemented here. */
export const FAKE_SASL_MECHANISMS = ['SCRAM-SHA-256', 'SCRAM-SHA-1', 'PLAIN', 'LOGIN', 'CRAM-MD5', 'XOAUTH2', 'OAUTHBEARER'];

function fail(reason: 'cancelled' | 'credentials' | 'malformed'): SaslOutcome {
  return { ok: false, reason };
}

function unescapeSaslName(name: string): string {
  return name.replace(/=2C/g, ',').replace(/=3D/g, '=');
}

/** Runs one mechanism's server side. */
export async function runServerMechanism(
  mechanism: string,
  initial: Buffer | undefined,
  conversation: SaslConversation,
  accounts: SaslAccounts,
  faults: SaslFaults,
): Promise<SaslOutcome> {
  const first = async (): Promise<Buffer | undefined> => initial ?? (await conversation.ask(''));
  switch (mechanism) {
    case 'PLAIN': {
      const response = await first();
      if (response === undefined) return fail('cancelled');
      const [, user = '', password = ''] = response.toString('utf8').split('\0');
      return accounts.password(user) === password && password !== '' ? { ok: true, username: user } : fail('credentials');
    }
    case 'LOGIN': {
      const user = await conversation.ask('Username:');
      if (user === undefined) return fail('cancelled');
      const password = await conversation.ask('Password:');
      if (password === undefined) return fail('cancelled');
      const name = user.toString('utf8');
      return accounts.password(name) === password.toString('utf8') ? { ok: true, username: name } : fail('credentials');
    }
    case 'CRAM-MD5': {
      const challenge = `<${randomBytes(8).toString('hex')}.${Date.now()}@fake.invalid>`;
      const response = await conversation.ask(challenge);
      if (response === undefined) return fail('cancelled');
      const [user = '', digest = ''] = response.toString('utf8').split(' ');
      const password = accounts.password(user);
      if (password === undefined) return fail('credentials');
      const expected = createHmac('md5', password).update(challenge).digest('hex');
      return expected === digest ? { ok: true, username: user } : fail('credentials');
    }
    case 'SCRAM-SHA-1':
    case 'SCRAM-SHA-256': {
      const { hash, bytes } = SCRAM_HASH[mechanism] ?? { hash: 'sha256', bytes: 32 };
      const clientFirst = await first();
      if (clientFirst === undefined) return fail('cancelled');
      const text = clientFirst.toString('utf8');
      if (!text.startsWith('n,,')) return fail('malformed');
      const clientFirstBare = text.slice(3);
      const attributes = new Map(clientFirstBare.split(',').map((part) => [part.slice(0, 1), part.slice(2)]));
      const user = unescapeSaslName(attributes.get('n') ?? '');
      const clientNonce = attributes.get('r') ?? '';
      const password = accounts.password(user) ?? randomBytes(16).toString('hex');
      const salt = randomBytes(16);
      const iterations = faults.scramIterations ?? 4096;
      const nonce = `${clientNonce}${randomBytes(12).toString('base64')}`;
      const serverFirst = `r=${nonce},s=${salt.toString('base64')},i=${iterations}`;
      const clientFinal = await conversation.ask(serverFirst);
      if (clientFinal === undefined) return fail('cancelled');
      const finalText = clientFinal.toString('utf8');
      const proofIndex = finalText.lastIndexOf(',p=');
      const withoutProof = finalText.slice(0, proofIndex);
      const proof = Buffer.from(finalText.slice(proofIndex + 3), 'base64');
      if (!withoutProof.includes(`r=${nonce}`)) return fail('malformed');
      const salted = pbkdf2Sync(password, salt, iterations, bytes, hash);
      const clientKey = createHmac(hash, salted).update('Client Key').digest();
      const storedKey = createHash(hash).update(clientKey).digest();
      const authMessage = `${clientFirstBare},${serverFirst},${withoutProof}`;
      const signature = createHmac(hash, storedKey).update(authMessage).digest();
      const recovered = Buffer.from(proof.map((byte, index) => byte ^ (signature[index] ?? 0)));
      const ok =
        recovered.length === clientKey.length &&
        timingSafeEqual(createHash(hash).update(recovered).digest(), storedKey) &&
        accounts.password(user) !== undefined;
      if (!ok) return fail('credentials');
      const serverKey = createHmac(hash, salted).update('Server Key').digest();
      const serverSignature = createHmac(hash, serverKey)
        .update(faults.scramBadServerSignature === true ? 'forged' : authMessage)
        .digest();
      const last = await conversation.ask(`v=${serverSignature.toString('base64')}`);
      if (last === undefined) return fail('cancelled');
      return { ok: true, username: user };
    }
    case 'XOAUTH2': {
      const response = await first();
      if (response === undefined) return fail('cancelled');
      const fields = response.toString('utf8').split('\x01');
      const user = (fields.find((field) => field.startsWith('user=')) ?? '').slice(5);
      const auth = (fields.find((field) => field.startsWith('auth=')) ?? '').slice(5);
      if (auth === `Bearer ${accounts.token(user) ?? '\0'}`) return { ok: true, username: user };
      await conversation.ask(JSON.stringify({ status: '401', schemes: 'bearer', scope: 'mail' }));
      return fail('credentials');
    }
    case 'OAUTHBEARER': {
      const response = await first();
      if (response === undefined) return fail('cancelled');
      const [gs2 = '', ...rest] = response.toString('utf8').split('\x01');
      const user = unescapeSaslName((gs2.split(',').find((part) => part.startsWith('a=')) ?? '').slice(2));
      const auth = (rest.find((field) => field.startsWith('auth=')) ?? '').slice(5);
      if (auth === `Bearer ${accounts.token(user) ?? '\0'}`) return { ok: true, username: user };
      await conversation.ask(JSON.stringify({ status: 'invalid_token' }));
      return fail('credentials');
    }
    default:
      return fail('malformed');
  }
}
