/**
 * The doctor's plain words: what to do about each kind of failure, per step. Kept apart from the
 * checks so the wording can be reviewed (and translated) in one place.
 */
import type { ErrorCode } from '../../../shared/errors';
import type { MailProtocol } from '../../../shared/server-security';
import { mechanismLabel } from '../../protocols/pop3';
import type { TlsInspection } from './network-checks';

const TLS_PORT: Readonly<Record<MailProtocol, number>> = { pop3: 995, smtp: 465 };
const STARTTLS_PORT: Readonly<Record<MailProtocol, number>> = { pop3: 110, smtp: 587 };
const NAME: Readonly<Record<MailProtocol, string>> = { pop3: 'POP3', smtp: 'SMTP' };

/** Advice when the host name does not resolve. */
export function dnsAdvice(host: string): string {
  return `The name "${host}" could not be found. Check it for typing mistakes (your provider’s help pages list it), and check that this computer is online.`;
}

/** Advice when the TCP connection fails, by the system's error code. */
export function tcpAdvice(protocol: MailProtocol, host: string, port: number, systemCode: string | undefined): string {
  const ports = `${NAME[protocol]} normally uses port ${TLS_PORT[protocol]} with TLS or ${STARTTLS_PORT[protocol]} with STARTTLS`;
  switch (systemCode) {
    case 'ECONNREFUSED':
      return `Nothing accepts connections on port ${port} of ${host}. Check the port: ${ports}.`;
    case 'ETIMEDOUT':
      return `${host} did not answer on port ${port}. A firewall may block the port, or the server name is wrong; ${ports}.`;
    default:
      return `The connection to ${host} port ${port} failed. Check the server name and port (${ports}) and your network.`;
  }
}

/** Advice when STARTTLS was asked for but the server does not offer it. */
export function noStarttlsAdvice(protocol: MailProtocol): string {
  return `The server does not offer STARTTLS on this port, so the password cannot be sent safely here. Use port ${TLS_PORT[protocol]} with TLS, or ask your provider which encrypted port to use.`;
}

/** The verdict on an inspected certificate: a failure summary and advice, or undefined when all is well. */
export function certificateProblem(host: string, inspection: TlsInspection): { summary: string; advice: string } | undefined {
  if (inspection.expired) {
    return {
      summary: `The server’s certificate expired on ${inspection.validTo.slice(0, 10)}.`,
      advice:
        'Tell your provider or administrator that the certificate has expired. Until it is renewed the connection cannot be trusted, so Mailbag does not sign in.',
    };
  }
  if (inspection.notYetValid) {
    return {
      summary: `The server’s certificate is valid only from ${inspection.validFrom.slice(0, 10)}.`,
      advice: 'Check that this computer’s date and time are right; if they are, tell your provider.',
    };
  }
  if (!inspection.nameMatches) {
    return {
      summary: `The certificate is for ${inspection.altNames === '' ? inspection.subject : inspection.altNames}, not for ${host}.`,
      advice:
        'Use the server name the certificate was issued for (your provider’s help pages list it). A certificate for another name can mean the connection is being intercepted.',
    };
  }
  if (!inspection.trusted) {
    const why = inspection.trustError;
    const detail = why === undefined || why.includes('not signed by an authority') ? '' : ` (${why})`;
    return {
      summary: `The certificate is not signed by an authority this computer trusts${detail}.`,
      advice: `If this is your own server, give Mailbag its CA certificate (Extra CA certificate, or --ca FILE). Otherwise accept this certificate for this server only after checking its fingerprint with your provider: ${inspection.fingerprint256}.`,
    };
  }
  return undefined;
}

/** Sign-in methods that send the password itself, so their refusal is not about a missing secret. */
const PASSWORD_CARRYING: ReadonlySet<string> = new Set(['USER', 'PLAIN', 'LOGIN']);

/**
 * Advice for a refused POP3 sign-in that names the refused methods. A refusal of APOP or a SASL method
 * alone often means only that this account has no secret for it (many servers offer APOP to everyone),
 * so the user-name advice would send the user hunting for a mistake they did not make.
 */
export function signInAdvice(code: ErrorCode, refused: readonly string[]): string {
  if (refused.length === 0 || (code !== 'AUTH_FAILED' && code !== 'SERVER_PERMANENT')) return errorAdvice('pop3', code);
  const names = refused.map(mechanismLabel).join(', then ');
  // Two different methods refused, or one that hands the password itself to the server (which can
  // check it against any stored form): most likely the user name or password.
  if (refused.length > 1 || refused.some((name) => PASSWORD_CARRYING.has(name))) return `The server refused ${names}. ${errorAdvice('pop3', 'AUTH_FAILED')}`;
  return `The server refused the sign-in method ${names}. Servers often offer a method that this account has no secret for, so this need not mean the password is wrong: set the sign-in method to automatic or USER/PASS and test again. If that is refused too, check the user name and password.`;
}

/** Advice for a failed protocol step, by the shared error code. */
export function errorAdvice(protocol: MailProtocol, code: ErrorCode): string {
  switch (code) {
    case 'AUTH_FAILED':
      return 'The server refused the user name or password. Check both (the user name is often the whole e-mail address). Some providers need an app password, or POP/SMTP access switched on in their web mail first.';
    case 'PASSWORD_NEEDED':
      return 'Mailbag has no saved password for this account. Enter the password, then test again.';
    case 'PASSWORD_COMMAND':
      return 'The account’s password command did not give a password. Run it yourself in a terminal to see why, or change it in the account settings.';
    case 'AUTH_UNSUPPORTED':
      return 'The server offers no sign-in method Mailbag can use with these settings. If you chose a sign-in method, set it back to automatic; on an unencrypted connection, switch encryption on.';
    case 'MAILBOX_BUSY':
      return 'Another program or a phone is checking this mailbox right now, or the server wants a pause between sign-ins. Try again in a few minutes.';
    case 'TLS_CERTIFICATE':
      return 'The server’s certificate could not be verified; the encryption step above says why.';
    case 'TLS_REQUIRED':
      return noStarttlsAdvice(protocol);
    case 'NETWORK':
    case 'TIMEOUT':
      return 'The connection broke off or the server stopped answering. Check the server name and port and that no firewall is in the way, then try again.';
    case 'PROTOCOL_ERROR':
      return `The server did not answer like a ${NAME[protocol]} server. Check that the port belongs to ${NAME[protocol]}.`;
    case 'SERVER_TEMPORARY':
      return 'The server has a temporary problem. Try again later.';
    case 'CANCELLED':
      return 'The test was cancelled.';
    case 'SERVER_PERMANENT':
    case 'VALIDATION':
    case 'UNKNOWN_OPERATION':
    case 'FORBIDDEN_SENDER':
    case 'NOT_FOUND':
    case 'FOLDER_NOT_FOUND':
    case 'INTERNAL':
    case 'STORAGE':
    case 'KEYCHAIN_UNAVAILABLE':
    case 'PARTIAL_FAILURE':
    case 'GROUP_UNAVAILABLE':
      return 'If this keeps happening, copy the transcript below and send it to your provider’s help desk.';
  }
}
