import { withRefused } from './auth/authenticate';
import type { Pop3AuthMechanism, Pop3Credentials } from './auth/mechanisms';
import type { Pop3AuthResult } from './auth/authenticate';
import { connectPop3 } from './connect';
import { Pop3Error } from './errors';
import type { Pop3ConnectOptions } from './options';
import type { Pop3Session } from './session';

/** A signed-in session and how it signed in. */
export interface Pop3SignedIn {
  readonly session: Pop3Session;
  readonly result: Pop3AuthResult;
}

/**
 * Connects and signs in. When the server closes the connection after refusing the first method (as
 * Solid POP3 does after a refused APOP), the one fallback `authenticate` allows is tried on a new
 * connection, so such servers sign in like any other; a second refusal still ends the attempts.
 * `onConnected` sees each new session before it signs in (to read its capabilities).
 */
export async function connectAndSignIn(
  options: Pop3ConnectOptions,
  credentials: Pop3Credentials,
  onConnected?: (session: Pop3Session) => void,
): Promise<Pop3SignedIn> {
  const first = await connectPop3(options);
  onConnected?.(first);
  try {
    return { session: first, result: await first.authenticate(credentials) };
  } catch (error) {
    first.close();
    if (!(error instanceof Pop3Error) || error.fallbackMechanism === undefined) throw error;
    const fallback = error.fallbackMechanism as Pop3AuthMechanism;
    const second = await connectPop3(options);
    onConnected?.(second);
    try {
      return { session: second, result: await second.authenticate({ ...credentials, mechanisms: [fallback] }) };
    } catch (retryError) {
      second.close();
      if (retryError instanceof Pop3Error && retryError.refusedMechanisms.length > 0) {
        throw withRefused(retryError, [...error.refusedMechanisms, ...retryError.refusedMechanisms]);
      }
      throw retryError;
    }
  }
}
