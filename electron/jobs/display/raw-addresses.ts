/**
 * Addresses as the server saw them, for a header whose decoding lost them. Encoded words are not
 * allowed in an address (RFC 2047 §5), so `=?utf-8?q?a=00b?=@example.com` is the address itself, but a
 * decoder turns it into "a\0b@example.com", which no reply can go to; and a From of only an encoded
 * word that decodes to something like an address ("=?utf-8?b?…?=" → "ceo@bank.example") has no address
 * at all. Then the raw header's own address is shown, or, when it has none, the envelope sender from
 * Return-Path, which the receiving server recorded, so the reader never shows "(nobody)" and a reply
 * has somewhere to go.
 */
import { readHeaderFields, unfoldedBody } from '../../../shared/mail/header-section';

/** Longest text kept of a raw header. */
const MAX_RAW_CHARS = 2_000;
/** An address in angle brackets, or (without brackets) a bare addr-spec. */
const ANGLE_ADDRESS = /<([^<>\s]+@[^<>\s]+)>/g;
const BARE_ADDRESS = /[^\s<>()",;:]+@[^\s<>()",;:]+/g;
const CONTROL = /\p{Cc}/u;

/** A name and address. */
export interface RawAddress {
  readonly name: string;
  readonly address: string;
}

/** The value of a raw header line (`Name: value`, folded lines joined), at most MAX_RAW_CHARS. */
export function rawHeaderValue(line: string): string {
  const [field] = readHeaderFields(line);
  return (field === undefined ? '' : unfoldedBody(field)).trimStart().slice(0, MAX_RAW_CHARS).trim();
}

/** The addresses written in a raw header value, without decoding anything. */
export function rawAddresses(value: string): string[] {
  const angled = [...value.matchAll(ANGLE_ADDRESS)].map((match) => match[1] ?? '').filter((address) => address !== '');
  return angled.length > 0 ? angled : [...value.matchAll(BARE_ADDRESS)].map((match) => match[0]);
}

/**
 * The addresses of a header for display and reply: the decoded ones when they are usable, else the raw
 * header's (names kept where they line up), else the envelope sender named by the raw header text.
 * `decoded` may hold entries without an address (a name only); `returnPath` is the raw Return-Path value.
 */
export function usableAddresses(decoded: readonly RawAddress[], rawValue: string | null, returnPath: string | null): RawAddress[] {
  const withAddress = decoded.filter((entry) => entry.address !== '');
  const usable = withAddress.length > 0 && withAddress.length === decoded.length && !withAddress.some((entry) => CONTROL.test(entry.address));
  if (usable || rawValue === null || rawValue === '') return withAddress;
  const raw = rawAddresses(rawValue);
  if (raw.length > 0) {
    const names = raw.length === decoded.length ? decoded.map((entry) => entry.name.replace(/\p{Cc}/gu, '')) : [];
    return raw.map((address, index) => ({ name: names[index] ?? '', address }));
  }
  const envelope = returnPath === null ? [] : rawAddresses(returnPath);
  const [sender] = envelope;
  if (sender === undefined) return withAddress;
  const name =
    decoded
      .map((entry) => entry.name)
      .filter((text) => text !== '')
      .join(', ') || rawValue;
  return [{ name: name.replace(/\p{Cc}/gu, ''), address: sender }];
}
