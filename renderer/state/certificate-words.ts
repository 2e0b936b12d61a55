/**
 * How certificate facts are shown: their names in the chosen language, dates in the user's locale and
 * time zone instead of ISO strings, and fingerprints as bytes. Free of React so it is tested on its own.
 */
import type { Translate } from '../../shared/i18n/catalogs';
import type { MessageId } from '../../shared/i18n/messages-en';

/** Facts whose value is a date the doctor reports in ISO 8601. */
const DATE_FACTS: ReadonlySet<string> = new Set(['Valid until', 'Valid from']);

/** The bytes of a fingerprint given with or without colons ("ab:cd" or "ABCD") → ["AB", "CD"]. */
export function fingerprintBytes(fingerprint: string): string[] {
  const hex = fingerprint.replace(/[^0-9a-f]/gi, '').toUpperCase();
  return hex.match(/.{1,2}/g) ?? [];
}

/** A certificate fact's value for people: dates in their locale and time zone, the rest as it is. */
export function certificateFactValue(name: string, value: string, locale?: string, timeZone?: string): string {
  if (!DATE_FACTS.has(name)) return value;
  const time = Date.parse(value);
  if (Number.isNaN(time)) return value;
  return new Date(time).toLocaleString(locale, { dateStyle: 'long', timeStyle: 'short', ...(timeZone === undefined ? {} : { timeZone }) });
}

/** The names main gives a certificate's facts (its stable keys), with the messages that name them. */
const FACT_NAMES: Readonly<Record<string, MessageId>> = {
  Protocol: 'setup.fact.protocol',
  'Issued to': 'setup.fact.issuedTo',
  'Issued by': 'setup.fact.issuedBy',
  'Valid from': 'setup.fact.validFrom',
  'Valid until': 'setup.fact.validUntil',
  'Chain trusted': 'setup.fact.chainTrusted',
  'Name matches': 'setup.fact.nameMatches',
  'SHA-256 fingerprint': 'setup.fact.fingerprint',
};

/** A certificate fact's name in the language of `t` (a name without a message is shown as main gave it). */
export function certificateFactName(t: Translate, name: string): string {
  const id = FACT_NAMES[name];
  return id === undefined ? name : t(id);
}
