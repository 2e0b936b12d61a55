/**
 * vCard reading and writing (RFC 6350 for version 4, RFC 2426 for version 3) with ical.js. Cards are
 * read one at a time, so one damaged card is reported and the rest still imported. Before parsing,
 * what older programs still write is made plain: quoted-printable values with their CHARSET (vCard
 * 2.1's encoding, which Outlook and old Apple and Nokia exports use in version 3 cards too) and bare
 * type parameters such as `EMAIL;INTERNET;PREF:`.
 */
import ICAL from 'ical.js';
import type { Contact, ContactInput } from '../../../shared/contacts';

/** What was read from a vCard file: contacts to save and the cards that could not be read. */
export interface ContactsRead {
  readonly contacts: ContactInput[];
  readonly skipped: string[];
}

const CARD = /BEGIN:VCARD\r?\n[\s\S]*?\r?\nEND:VCARD/giu;

/** Decodes quoted-printable bytes (RFC 2045 §6.7) in the given charset (UTF-8 when unknown). */
function decodeQuotedPrintable(value: string, charset: string): string {
  const bytes: number[] = [];
  for (let index = 0; index < value.length; index += 1) {
    const character = value[index] ?? '';
    const hex = value.slice(index + 1, index + 3);
    if (character === '=' && /^[0-9a-f]{2}$/iu.test(hex)) {
      bytes.push(Number.parseInt(hex, 16));
      index += 2;
    } else for (const byte of new TextEncoder().encode(character)) bytes.push(byte);
  }
  const data = new Uint8Array(bytes);
  try {
    return new TextDecoder(charset).decode(data);
  } catch {
    return new TextDecoder('utf-8').decode(data);
  }
}

/** Escapes a decoded text value for a content line (RFC 6350 §3.4), keeping `;` of structured values. */
function escapeDecoded(value: string): string {
  return value.replace(/\\/gu, '\\\\').replace(/\r?\n/gu, '\\n').replace(/,/gu, '\\,');
}

/**
 * One card made plain for ical.js: soft line breaks of quoted-printable joined and its values decoded,
 * CHARSET and ENCODING parameters dropped, bare parameters written as TYPE=.
 */
function plainCard(card: string): string {
  const physical = card.split(/\r?\n/u);
  const lines: string[] = [];
  for (let index = 0; index < physical.length; index += 1) {
    let line = physical[index] ?? '';
    if (/;ENCODING=QUOTED-PRINTABLE/iu.test(line.split(':')[0] ?? '')) {
      while (line.endsWith('=') && index + 1 < physical.length) {
        index += 1;
        line = line.slice(0, -1) + (physical[index] ?? '');
      }
    }
    lines.push(line);
  }
  // Unfold (RFC 6350 §3.2) before rewriting parameters, so a folded name line is one line.
  const unfolded: string[] = [];
  for (const line of lines) {
    if (/^[ \t]/u.test(line) && unfolded.length > 0) unfolded[unfolded.length - 1] += line.slice(1);
    else unfolded.push(line);
  }
  return unfolded
    .map((line) => {
      const colon = line.indexOf(':');
      if (colon < 0) return line;
      const [name = '', ...parameters] = line.slice(0, colon).split(';');
      let value = line.slice(colon + 1);
      const kept: string[] = [];
      let quotedPrintable = false;
      let charset = 'utf-8';
      for (const parameter of parameters) {
        const [key = '', ...rest] = parameter.split('=');
        const upper = key.toUpperCase();
        if (upper === 'ENCODING' && rest.join('=').toUpperCase() === 'QUOTED-PRINTABLE') quotedPrintable = true;
        else if (upper === 'CHARSET') charset = rest.join('=');
        else if (upper === 'ENCODING' || upper === 'QUOTED-PRINTABLE') quotedPrintable ||= upper === 'QUOTED-PRINTABLE';
        else kept.push(rest.length === 0 ? `TYPE=${key}` : parameter);
      }
      if (quotedPrintable) value = decodeQuotedPrintable(value, charset).split(';').map(escapeDecoded).join(';');
      return [name, ...kept].join(';') + ':' + value;
    })
    .join('\r\n');
}

function text(value: unknown): string {
  if (typeof value === 'string') return value.trim();
  if (Array.isArray(value))
    return value
      .map(text)
      .filter((part) => part !== '')
      .join(' ');
  return '';
}

function contactOfCard(component: ICAL.Component): ContactInput {
  const name = component.getFirstPropertyValue('n');
  const parts = Array.isArray(name) ? name.map(text) : typeof name === 'string' ? name.split(';').map((part) => part.trim()) : [];
  const addresses = component
    .getAllProperties('email')
    .map((property) => ({
      value: text(property.getFirstValue()),
      preferred: /pref/iu.test(JSON.stringify(property.getParameter('type') ?? '')) || property.getParameter('pref') !== undefined,
    }))
    .sort((a, b) => Number(b.preferred) - Number(a.preferred))
    .map((entry) => entry.value.replace(/^mailto:/iu, ''))
    .filter((address) => address !== '');
  return {
    displayName: text(component.getFirstPropertyValue('fn')),
    lastName: parts[0] ?? '',
    firstName: parts[1] ?? '',
    nickname: text(component.getFirstPropertyValue('nickname')),
    addresses,
    phone: text(component.getFirstPropertyValue('tel')).replace(/^tel:/iu, ''),
    notes: text(component.getFirstPropertyValue('note')),
  };
}

/** Reads every card of a vCard file (versions 2.1, 3.0 and 4.0). */
export function readVCards(input: string): ContactsRead {
  const contacts: ContactInput[] = [];
  const skipped: string[] = [];
  const cards = input.replace(/^\uFEFF/u, '').match(CARD) ?? [];
  cards.forEach((card, index) => {
    try {
      const parsed: unknown = ICAL.parse(plainCard(card));
      const jcard = Array.isArray(parsed) && Array.isArray(parsed[0]) ? parsed[0] : parsed;
      contacts.push(contactOfCard(new ICAL.Component(jcard as unknown[])));
    } catch (error) {
      skipped.push(`Card ${index + 1}: ${error instanceof Error ? error.message : String(error)}`);
    }
  });
  if (cards.length === 0 && input.trim() !== '') skipped.push('The file holds no vCard (BEGIN:VCARD … END:VCARD).');
  return { contacts, skipped };
}

/** Writes contacts as vCard text (RFC 6350 version 4.0, or RFC 2426 version 3.0 for older programs). */
export function writeVCards(contacts: readonly Contact[], version: '3.0' | '4.0' = '4.0'): string {
  return contacts
    .map((contact) => {
      const card = new ICAL.Component('vcard');
      card.addPropertyWithValue('version', version);
      const shown =
        contact.displayName !== ''
          ? contact.displayName
          : [contact.firstName, contact.lastName].filter((part) => part !== '').join(' ') || (contact.addresses[0] ?? '');
      card.addPropertyWithValue('fn', shown);
      const name = new ICAL.Property('n');
      name.setValue([contact.lastName, contact.firstName, '', '', ''] as unknown as string);
      card.addProperty(name);
      if (contact.nickname !== '') card.addPropertyWithValue('nickname', contact.nickname);
      contact.addresses.forEach((address, index) => {
        const email = card.addPropertyWithValue('email', address);
        if (version === '3.0') email.setParameter('type', index === 0 ? ['INTERNET', 'PREF'] : ['INTERNET']);
        else if (index === 0) email.setParameter('pref', '1');
      });
      if (contact.phone !== '') card.addPropertyWithValue('tel', contact.phone);
      if (contact.notes !== '') card.addPropertyWithValue('note', contact.notes);
      return card.toString();
    })
    .join('\r\n')
    .concat(contacts.length > 0 ? '\r\n' : '');
}
