/**
 * E-mail addresses as Mailbag accepts them from any field (compose, reply, forward, `mailto:`): parsed
 * into display name and addr-spec (RFC 5322 §3.4), checked to contain no CR, LF or other control
 * character (the root of header and SMTP command injection), and given an envelope form for the SMTP
 * MAIL/RCPT commands (RFC 5321 §4.1.2): IDN domains as `xn--` A-labels, and a flag when the local part
 * is not ASCII, which only an SMTPUTF8 server can carry (RFC 6531 §3.3).
 */
import { domainToAscii } from './punycode';

/** RFC 5321 §4.5.3.1.1: at most 64 octets in a local part. */
export const MAX_LOCAL_PART_OCTETS = 64;
/** RFC 5321 §4.5.3.1.2: at most 255 octets in a domain (253 characters in dotted form). */
export const MAX_DOMAIN_CHARACTERS = 253;
/** RFC 1035 §2.3.4: at most 63 octets in a label. */
export const MAX_LABEL_CHARACTERS = 63;
/** RFC 5321 §4.5.3.1.3: at most 256 octets in a path, angle brackets included. */
export const MAX_PATH_OCTETS = 256;
/** A display name longer than this is refused (no standard limit; a bound against abuse). */
export const MAX_DISPLAY_NAME_CHARACTERS = 256;

/**
 * Characters refused in any header field or address: C0 controls (CR, LF, NUL, TAB…), DEL, C1 controls
 * (NEL among them) and the Unicode line and paragraph separators, which some software treats as line
 * breaks.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
export const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/u;
/** Bidirectional overrides and isolates: harmless in text, but refused in addresses (spoofing). */
const BIDI_CONTROLS = /[\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;
/** atext of RFC 5322 §3.2.3, extended by any non-ASCII character (RFC 6532 §3.2). */
const ATEXT = /^[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~\u0080-\u{10ffff}]+$/u;
// eslint-disable-next-line no-control-regex -- the whole ASCII range
const ASCII = /^[\x00-\x7f]*$/;
const LABEL = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;
const IPV4_LITERAL = /^\[(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)\]$/;

/** An address as a field holds it: an optional display name and the addr-spec. */
export interface MailAddress {
  readonly name?: string | undefined;
  readonly address: string;
}

/** A checked address. */
export interface ParsedAddress {
  /** The display name, unquoted, or undefined when there is none. */
  readonly name: string | undefined;
  /** `local@domain` with the domain NFC-normalized and lower-cased (Unicode kept), for headers. */
  readonly address: string;
  /** `local@domain` with the domain in ASCII (punycode), for MAIL FROM and RCPT TO. */
  readonly envelope: string;
  /** The local part is not ASCII, so the message needs SMTPUTF8 (RFC 6531). */
  readonly needsSmtpUtf8: boolean;
}

/** A named group of addresses (RFC 5322 §3.4 `group`), such as `Team: a@x, b@y;`. */
export interface AddressGroup {
  readonly group: string;
  readonly members: readonly ParsedAddress[];
}

/** One entry of an address list. */
export type AddressListEntry = ParsedAddress | AddressGroup;

/** Why an address or header value was refused. */
export type AddressProblem = 'empty' | 'control-character' | 'syntax' | 'too-long' | 'encoded-word';

/**
 * Text that mail readers decode as an RFC 2047 encoded word (even inside quotes, as many do). Refused in
 * display names, so the name a recipient sees is the name that was typed, never a hidden other one.
 */
export const ENCODED_WORD_LOOKALIKE = /=\?[^?\s]+\?[bq]\?[^?\s]*\?=/i;

/** The outcome of a check: the value, or the reason plus the offending input. */
export type Checked<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: AddressProblem; readonly input: string };

function refuse<T>(problem: AddressProblem, input: string): Checked<T> {
  return { ok: false, problem, input };
}

function utf8Length(text: string): number {
  let length = 0;
  for (const character of text) {
    const point = character.codePointAt(0) ?? 0;
    length += point < 0x80 ? 1 : point < 0x800 ? 2 : point < 0x10000 ? 3 : 4;
  }
  return length;
}

function checkLocalPart(local: string): boolean {
  if (local.startsWith('"')) {
    // quoted-string (RFC 5322 §3.2.4): printable characters, backslash pairs, no bare quote or backslash.
    return /^"(?:[^"\\]|\\[\x20-\x7e\u0080-\u{10ffff}])*"$/u.test(local);
  }
  return local.split('.').every((atom) => atom !== '' && ATEXT.test(atom));
}

function checkDomain(asciiDomain: string): boolean {
  if (IPV4_LITERAL.test(asciiDomain)) return true;
  if (asciiDomain.length === 0 || asciiDomain.length > MAX_DOMAIN_CHARACTERS) return false;
  return asciiDomain.split('.').every((label) => label.length <= MAX_LABEL_CHARACTERS && LABEL.test(label));
}

/**
 * Checks one addr-spec (`local@domain`, RFC 5322 §3.4.1) and an optional display name. Refuses control
 * characters anywhere, bidirectional controls in the address, and anything an SMTP path could not carry.
 */
export function checkAddress(input: MailAddress): Checked<ParsedAddress> {
  const address = input.address.trim();
  const name = input.name?.trim();
  if (address === '') return refuse('empty', input.address);
  if (CONTROL_CHARACTERS.test(input.address) || (input.name !== undefined && CONTROL_CHARACTERS.test(input.name))) {
    return refuse('control-character', `${input.name ?? ''} ${input.address}`);
  }
  if (BIDI_CONTROLS.test(address)) return refuse('control-character', input.address);
  if (name !== undefined && name.length > MAX_DISPLAY_NAME_CHARACTERS) return refuse('too-long', name);
  if (name !== undefined && ENCODED_WORD_LOOKALIKE.test(name)) return refuse('encoded-word', name);
  const at = address.lastIndexOf('@');
  if (at <= 0 || at === address.length - 1) return refuse('syntax', address);
  const local = address.slice(0, at);
  const domain = address
    .slice(at + 1)
    .normalize('NFC')
    .toLowerCase();
  if (/[\s<>()[\],;:]/u.test(domain.replace(IPV4_LITERAL, ''))) return refuse('syntax', address);
  if (!checkLocalPart(local)) return refuse('syntax', address);
  if (utf8Length(local) > MAX_LOCAL_PART_OCTETS) return refuse('too-long', address);
  const asciiDomain = domainToAscii(domain);
  if (!checkDomain(asciiDomain)) return refuse('syntax', address);
  const envelope = `${local}@${asciiDomain}`;
  if (utf8Length(envelope) + 2 > MAX_PATH_OCTETS) return refuse('too-long', address);
  return {
    ok: true,
    value: {
      name: name === undefined || name === '' ? undefined : name,
      address: `${local}@${domain}`,
      envelope,
      needsSmtpUtf8: !ASCII.test(local),
    },
  };
}

/** Splits at `separators` outside quoted strings and angle brackets; backslash escapes inside quotes. */
function splitTopLevel(text: string, separators: string): { parts: string[]; ends: string[] } | undefined {
  const parts: string[] = [];
  const ends: string[] = [];
  let current = '';
  let quoted = false;
  let angle = false;
  for (let index = 0; index < text.length; index += 1) {
    const character = text[index] ?? '';
    if (quoted) {
      current += character;
      if (character === '\\') {
        current += text[index + 1] ?? '';
        index += 1;
      } else if (character === '"') {
        quoted = false;
      }
      continue;
    }
    if (character === '"') quoted = true;
    else if (character === '<') {
      if (angle) return undefined;
      angle = true;
    } else if (character === '>') {
      if (!angle) return undefined;
      angle = false;
    } else if (!angle && separators.includes(character)) {
      parts.push(current);
      ends.push(character);
      current = '';
      continue;
    }
    current += character;
  }
  if (quoted || angle) return undefined;
  parts.push(current);
  ends.push('');
  return { parts, ends };
}

function unquoteName(raw: string): string | undefined {
  const name = raw.trim();
  if (name.startsWith('"')) {
    if (!/^"(?:[^"\\]|\\.)*"$/su.test(name)) return undefined;
    return name.slice(1, -1).replace(/\\(.)/gsu, '$1');
  }
  if (/["()<>[\]:;@\\,]/.test(name)) return undefined;
  return name.replace(/\s+/gu, ' ');
}

/** Parses one mailbox (RFC 5322 §3.4 `mailbox`): `Name <addr>`, `"Quoted, Name" <addr>` or `addr`. */
export function parseMailbox(text: string): Checked<ParsedAddress> {
  if (CONTROL_CHARACTERS.test(text)) return refuse('control-character', text);
  const trimmed = text.trim();
  if (trimmed === '') return refuse('empty', text);
  const open = findUnquoted(trimmed, '<');
  if (open === -1) {
    if (/[()]/.test(trimmed)) return refuse('syntax', text);
    return checkAddress({ address: trimmed });
  }
  if (!trimmed.endsWith('>') || trimmed.indexOf('>', open) !== trimmed.length - 1) return refuse('syntax', text);
  const name = unquoteName(trimmed.slice(0, open));
  if (name === undefined) return refuse('syntax', text);
  const address = trimmed.slice(open + 1, -1);
  return checkAddress(name === '' ? { address } : { name, address });
}

function findUnquoted(text: string, wanted: string): number {
  let quoted = false;
  for (let index = 0; index < text.length; index += 1) {
    const character = text[index];
    if (quoted && character === '\\') index += 1;
    else if (character === '"') quoted = !quoted;
    else if (!quoted && character === wanted) return index;
  }
  return -1;
}

/**
 * Parses an address list as typed in a To/Cc/Bcc field or found in a `mailto:` link (RFC 5322 §3.4
 * `address-list`, RFC 6068): mailboxes and groups, separated by commas. Empty entries are skipped; any
 * bad entry refuses the whole list, so nothing half-understood is ever sent.
 */
export function parseAddressList(text: string): Checked<AddressListEntry[]> {
  if (CONTROL_CHARACTERS.test(text)) return refuse('control-character', text);
  const split = splitTopLevel(text, ',:;');
  if (split === undefined) return refuse('syntax', text);
  const entries: AddressListEntry[] = [];
  let group: { name: string; members: ParsedAddress[] } | undefined;
  for (let index = 0; index < split.parts.length; index += 1) {
    const part = split.parts[index] ?? '';
    const end = split.ends[index] ?? '';
    if (end === ':') {
      const name = unquoteName(part);
      if (group !== undefined || name === undefined || name === '') return refuse('syntax', text);
      group = { name, members: [] };
      continue;
    }
    if (end === ';' && group === undefined) return refuse('syntax', text);
    if (part.trim() !== '') {
      const mailbox = parseMailbox(part);
      if (!mailbox.ok) return mailbox;
      if (group === undefined) entries.push(mailbox.value);
      else group.members.push(mailbox.value);
    }
    if (end === ';' && group !== undefined) {
      entries.push({ group: group.name, members: group.members });
      group = undefined;
    }
  }
  if (group !== undefined) return refuse('syntax', text);
  return { ok: true, value: entries };
}

/** Every mailbox of a list, group members included (the recipients to send to). */
export function flattenAddressList(entries: readonly AddressListEntry[]): ParsedAddress[] {
  return entries.flatMap((entry) => ('group' in entry ? [...entry.members] : [entry]));
}
