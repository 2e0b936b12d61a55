import type * as Crypto from 'node:crypto';

let crypto: typeof Crypto | undefined;

/**
 * Node's crypto module, loaded when a file name, an account id or a hash is first made: loading it
 * costs every command milliseconds at start, and a command that only reads the store (`mailbag list`)
 * never makes one. Loaded synchronously, as a static import would.
 */
export function nodeCrypto(): typeof Crypto {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, synchronously (see above)
  crypto ??= require('node:crypto') as typeof Crypto;
  return crypto;
}
