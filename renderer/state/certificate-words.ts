/**
 * How certificate facts are shown: their names in the chosen language, dates in the user's locale and
 * time zone instead of ISO strings, and fingerprints as bytes. Free of React so it is tested on its own.
 */

/** The bytes of a fingerprint given with or without colons ("ab:cd" or "ABCD") → ["AB", "CD"]. */
export function fingerprintBytes(fingerprint: string): string[] {
  const hex = fingerprint.replace(/[^0-9a-f]/gi, '').toUpperCase();
  return hex.match(/.{1,2}/g) ?? [];
}

/** A certificate fact's value for people (shared with the command line's certificate details). */
export { certificateFactValue } from '../../shared/certificate-reasons';
