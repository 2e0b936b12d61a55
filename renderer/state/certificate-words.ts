/**
 * How certificate facts are shown: dates in the user's locale and time zone instead of ISO strings,
 * and fingerprints as bytes. Free of React so it is tested on its own.
 */

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
