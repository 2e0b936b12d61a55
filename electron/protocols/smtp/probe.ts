import { SmtpError, wordedSmtpError, type SmtpErrorData } from './errors';
import type { SmtpAuthMechanism, SmtpConnectOptions, SmtpCredentials } from './options';
import type { SmtpServerInfo } from './send';
import { connectSmtp } from './session';

/** The outcome of {@link probeSmtp}. */
export type SmtpProbeOutcome = { readonly ok: true; readonly server: SmtpServerInfo } | { readonly ok: false; readonly error: SmtpErrorData };

/**
 * Connects, verifies TLS, signs in (when credentials are given) and quits, reporting what the server
 * announced — above all its SIZE limit (RFC 1870), which the account keeps so compose can warn before
 * Send is pressed. Used by account setup and the account doctor. Never throws.
 */
export async function probeSmtp(connection: SmtpConnectOptions, credentials?: SmtpCredentials): Promise<SmtpProbeOutcome> {
  try {
    const session = await connectSmtp(connection);
    let mechanism: SmtpAuthMechanism | undefined;
    try {
      if (credentials !== undefined) mechanism = (await session.authenticate(credentials)).mechanism;
    } catch (error) {
      session.close();
      throw error;
    }
    await session.quit();
    const facts = session.facts;
    return { ok: true, server: { ...facts, extensions: [...facts.extensions], authMechanisms: [...facts.authMechanisms], mechanism } };
  } catch (error) {
    const failure = error instanceof SmtpError ? error : wordedSmtpError('INTERNAL', { id: 'protocolError.probeFailedUnexpectedly' }, { cause: error });
    return { ok: false, error: failure.toSmtpData() };
  }
}
