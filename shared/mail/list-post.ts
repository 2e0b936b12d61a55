/**
 * The posting address of a mailing list from its List-Post header (RFC 2369 §3.4): the first
 * `<mailto:…>` of the field, without its query, when the address passes the checks every address of
 * a new message passes; null for "NO" (posting not allowed), other URLs, or anything malformed.
 */
import { checkAddress } from './address';

/** Longest List-Post value looked at; a real one is a line. */
const MAX_LIST_POST_CHARACTERS = 2000;

/** The address to "Reply to list" to, or null. */
export function listPostAddress(value: string | null): string | null {
  if (value === null || value.length > MAX_LIST_POST_CHARACTERS) return null;
  const match = /<\s*mailto:([^>?\s]+)(?:\?[^>]*)?\s*>/i.exec(value);
  if (match === null) return null;
  let address: string;
  try {
    address = decodeURIComponent(match[1] ?? '');
  } catch {
    return null;
  }
  const checked = checkAddress({ address });
  return checked.ok ? checked.value.address : null;
}
