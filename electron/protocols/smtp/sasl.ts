import type SMTPConnection from 'nodemailer/lib/smtp-connection';
import type { SaslClient } from '../pop3/auth/sasl-client';

/** What nodemailer hands a custom authentication method. */
type CustomAuthContext = SMTPConnection.CustomAuthenticationContext;

/** Server challenges a single exchange may send before it is given up (SCRAM needs two). */
const MAX_CHALLENGES = 4;

/**
 * Runs a SASL client over SMTP AUTH (RFC 4954 §4): the initial response on the AUTH line, each 334
 * challenge answered in base64, 235 as success (checked by the client, so SCRAM refuses a server that
 * did not prove the password). The secret comes from the session, never from nodemailer's options.
 */
export async function runSasl(context: CustomAuthContext, secret: string | undefined, create: (user: string, secret: string) => SaslClient): Promise<unknown> {
  if (secret === undefined) return context.reject('No secret for this sign-in.');
  const client = create(context.auth.credentials.user, secret);
  const initial = client.initialResponse();
  let reply = await context.sendCommand(`AUTH ${client.mechanism}${initial === undefined ? '' : ` ${initial.toString('base64') || '='}`}`);
  for (let challenges = 0; reply.status === 334 && challenges < MAX_CHALLENGES; challenges += 1) {
    const text = reply.response.replace(/^334[ -]?/, '').trim();
    let answer: Buffer;
    try {
      answer = await client.respond(Buffer.from(text, 'base64'));
    } catch (error) {
      // Cancel the exchange (RFC 4954 §4: a line of "*") so the session stays usable, then report.
      await context.sendCommand('*');
      return context.reject(Object.assign(new Error(`${client.mechanism} refused`), { response: error instanceof Error ? error.message : '' }));
    }
    reply = await context.sendCommand(answer.toString('base64'));
  }
  if (reply.status === 235) {
    try {
      client.verifySuccess();
    } catch (error) {
      return context.reject(error instanceof Error ? error : new Error('The server did not prove it knows the password.'));
    }
    return context.resolve();
  }
  return context.reject(Object.assign(new Error(`${client.mechanism} refused`), { response: reply.response }));
}
