import { createHash, randomBytes } from 'node:crypto';

/** Random bytes in a code verifier: 32 bytes give 43 base64url characters, the minimum of RFC 7636 §4.1. */
const VERIFIER_BYTES = 32;
/** Random bytes in the `state` value: 128 bits, unguessable by another program on the machine. */
const STATE_BYTES = 16;

/** A PKCE code verifier and its S256 challenge (RFC 7636 §4.2). */
export interface PkcePair {
  readonly verifier: string;
  readonly challenge: string;
  readonly method: 'S256';
}

/**
 * A fresh PKCE pair. Only S256 is used: `plain` would hand the verifier to anyone who sees the
 * authorization request (RFC 7636 §7.2, RFC 8252 §8.1).
 */
export function createPkcePair(): PkcePair {
  const verifier = randomBytes(VERIFIER_BYTES).toString('base64url');
  return { verifier, challenge: challengeOf(verifier), method: 'S256' };
}

/** The S256 challenge of a verifier: BASE64URL(SHA256(ASCII(verifier))). */
export function challengeOf(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}

/** A fresh `state` value that ties the redirect to this one request (RFC 6749 §10.12). */
export function createState(): string {
  return randomBytes(STATE_BYTES).toString('base64url');
}
