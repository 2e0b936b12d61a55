/**
 * The doctor's plain words: what to do about each kind of failure, per step. Kept apart from the
 * checks so the wording can be reviewed in one place; the words come from the catalogs, in the language
 * of the translator the doctor was given.
 */
import { certificateReasonWords } from '../../../shared/certificate-reasons';
import type { ErrorCode } from '../../../shared/errors';
import type { Translate } from '../../../shared/i18n/catalogs';
import type { MessageId } from '../../../shared/i18n/messages-en';
import type { MailProtocol } from '../../../shared/server-security';
import { mechanismLabel } from '../../protocols/pop3';
import type { TlsInspection } from './network-checks';

const TLS_PORT: Readonly<Record<MailProtocol, string>> = { pop3: '995', smtp: '465' };
const STARTTLS_PORT: Readonly<Record<MailProtocol, string>> = { pop3: '110', smtp: '587' };
const NAME: Readonly<Record<MailProtocol, string>> = { pop3: 'POP3', smtp: 'SMTP' };

/** Advice when the host name does not resolve. */
export function dnsAdvice(t: Translate, host: string): string {
  return t('doctor.advice.dns', { host });
}

/** Advice when the TCP connection fails, by the system's error code. */
export function tcpAdvice(t: Translate, protocol: MailProtocol, host: string, port: number, systemCode: string | undefined): string {
  // Ports are names here, not quantities: passed as text so no language groups or converts their digits.
  const values = { host, port: String(port), protocol: NAME[protocol], tlsPort: TLS_PORT[protocol], starttlsPort: STARTTLS_PORT[protocol] };
  switch (systemCode) {
    case 'ECONNREFUSED':
      return t('doctor.advice.refused', values);
    case 'ETIMEDOUT':
      return t('doctor.advice.timedOut', values);
    default:
      return t('doctor.advice.connectFailed', values);
  }
}

/** Advice when STARTTLS was asked for but the server does not offer it. */
export function noStarttlsAdvice(t: Translate, protocol: MailProtocol): string {
  return t('doctor.advice.noStarttls', { tlsPort: TLS_PORT[protocol] });
}

/** The verdict on an inspected certificate: a failure summary and advice, or undefined when all is well. */
export function certificateProblem(t: Translate, host: string, inspection: TlsInspection): { summary: string; advice: string } | undefined {
  if (inspection.expired) {
    return { summary: t('doctor.cert.expired', { day: inspection.validTo.slice(0, 10) }), advice: t('doctor.cert.expiredAdvice') };
  }
  if (inspection.notYetValid) {
    return { summary: t('doctor.cert.notYetValid', { day: inspection.validFrom.slice(0, 10) }), advice: t('doctor.cert.notYetValidAdvice') };
  }
  if (!inspection.nameMatches) {
    return {
      summary: t('doctor.cert.wrongName', { names: inspection.altNames === '' ? inspection.subject : inspection.altNames, host }),
      advice: t('doctor.cert.wrongNameAdvice'),
    };
  }
  if (!inspection.trusted) {
    const why = inspection.trustReason;
    return {
      summary:
        why === undefined || why.reason === 'unknownAuthority'
          ? t('doctor.cert.untrusted')
          : t('doctor.cert.untrustedWhy', { reason: certificateReasonWords(t, why) }),
      advice: t('doctor.cert.untrustedAdvice', { fingerprint: inspection.fingerprint256 }),
    };
  }
  return undefined;
}

/** The "Chain trusted" fact in the language of `t`: yes, or no with the reason ("no (it is self-signed)"). */
export function chainTrustedWords(t: Translate, inspection: Pick<TlsInspection, 'trusted' | 'trustReason'>): string {
  if (inspection.trusted) return t('doctor.fact.yes');
  return inspection.trustReason === undefined ? t('doctor.fact.no') : t('doctor.fact.noBecause', { reason: certificateReasonWords(t, inspection.trustReason) });
}

/** Sign-in methods that send the password itself, so their refusal is not about a missing secret. */
const PASSWORD_CARRYING: ReadonlySet<string> = new Set(['USER', 'PLAIN', 'LOGIN']);

/**
 * Advice for a refused POP3 sign-in that names the refused methods. A refusal of APOP or a SASL method
 * alone often means only that this account has no secret for it (many servers offer APOP to everyone),
 * so the user-name advice would send the user hunting for a mistake they did not make.
 */
export function signInAdvice(t: Translate, code: ErrorCode, refused: readonly string[]): string {
  if (refused.length === 0 || (code !== 'AUTH_FAILED' && code !== 'SERVER_PERMANENT')) return errorAdvice(t, 'pop3', code);
  const methods = refused.map(mechanismLabel).reduce((first, next) => t('doctor.advice.methodThen', { first, next }));
  // Two different methods refused, or one that hands the password itself to the server (which can
  // check it against any stored form): most likely the user name or password.
  if (refused.length > 1 || refused.some((name) => PASSWORD_CARRYING.has(name))) return t('doctor.advice.refusedPassword', { methods });
  return t('doctor.advice.refusedMethod', { methods });
}

/** The advice for each error code a protocol step can fail with. */
const ERROR_ADVICE: Readonly<Partial<Record<ErrorCode, MessageId>>> = {
  AUTH_FAILED: 'doctor.advice.authFailed',
  PASSWORD_NEEDED: 'doctor.advice.passwordNeeded',
  PASSWORD_COMMAND: 'doctor.advice.passwordCommand',
  AUTH_UNSUPPORTED: 'doctor.advice.authUnsupported',
  MAILBOX_BUSY: 'doctor.advice.mailboxBusy',
  TLS_CERTIFICATE: 'doctor.advice.tlsCertificate',
  NETWORK: 'doctor.advice.network',
  TIMEOUT: 'doctor.advice.network',
  SERVER_TEMPORARY: 'doctor.advice.serverTemporary',
  CANCELLED: 'doctor.advice.cancelled',
};

/** Advice for a failed protocol step, by the shared error code. */
export function errorAdvice(t: Translate, protocol: MailProtocol, code: ErrorCode): string {
  if (code === 'TLS_REQUIRED') return noStarttlsAdvice(t, protocol);
  if (code === 'PROTOCOL_ERROR') return t('doctor.advice.protocolError', { protocol: NAME[protocol] });
  return t(ERROR_ADVICE[code] ?? 'doctor.advice.other');
}
