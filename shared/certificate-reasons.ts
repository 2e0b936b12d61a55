/**
 * Why a server's certificate was not trusted, as data: the engines and the doctor report a kind (and
 * Node's code), and the window and the command line word it in their own language from the catalogs.
 * Also the messages that name a certificate's facts, shared by the certificate question in the window
 * and the command line's certificate details.
 */
import type { Translate } from './i18n/catalogs';

/** The kinds of reason a certificate fails verification for (select keys of the `tls.reason` messages). */
export const CERTIFICATE_REASONS = ['wrongName', 'selfSigned', 'untrustedRoot', 'unknownAuthority', 'expired', 'notYetValid', 'revoked', 'other'] as const;

/** One kind of reason. */
export type CertificateReason = (typeof CERTIFICATE_REASONS)[number];

/** A reason with Node's own code (shown as it is for `other`, where no plain words exist). */
export interface CertificateReasonData {
  readonly reason: CertificateReason;
  readonly code: string;
}

/** Node's and OpenSSL's verification codes by the kind of reason they mean. */
const REASON_OF_CODE: Readonly<Record<string, CertificateReason>> = {
  ERR_TLS_CERT_ALTNAME_INVALID: 'wrongName',
  HOSTNAME_MISMATCH: 'wrongName',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'selfSigned',
  SELF_SIGNED_CERT_IN_CHAIN: 'untrustedRoot',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'unknownAuthority',
  UNABLE_TO_GET_ISSUER_CERT: 'unknownAuthority',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'unknownAuthority',
  CERT_HAS_EXPIRED: 'expired',
  CERT_NOT_YET_VALID: 'notYetValid',
  CERT_REVOKED: 'revoked',
};

/** The kind of reason a verification code stands for (`other` for a code without plain words). */
export function certificateReasonOf(code: string): CertificateReasonData {
  return { reason: Object.hasOwn(REASON_OF_CODE, code) ? (REASON_OF_CODE[code] ?? 'other') : 'other', code };
}

/** The reason as a clause ("it is self-signed") in the language of `t`. */
export function certificateReasonWords(t: Translate, data: CertificateReasonData): string {
  return t('tls.reason', { reason: data.reason, code: data.code });
}

/** Facts whose value is a date the doctor reports in ISO 8601. */
const DATE_FACTS: ReadonlySet<string> = new Set(['Valid until', 'Valid from']);

/** A certificate fact's value for people: dates in their locale and time zone, the rest as it is. */
export function certificateFactValue(name: string, value: string, locale?: string, timeZone?: string): string {
  if (!DATE_FACTS.has(name)) return value;
  const time = Date.parse(value);
  if (Number.isNaN(time)) return value;
  return new Date(time).toLocaleString(locale, { dateStyle: 'long', timeStyle: 'short', ...(timeZone === undefined ? {} : { timeZone }) });
}
