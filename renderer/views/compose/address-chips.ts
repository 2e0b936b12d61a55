/**
 * The To, Cc and Bcc fields as chips: typed text becomes one chip per address once a comma, semicolon
 * or Enter ends it. Parsing is the shared RFC 5322 address-list parser, so quoted names with commas,
 * groups ("Team: a@x, b@y;") and international domains are understood exactly as main will check
 * them; an entry that does not parse stays as a chip marked invalid with the reason in plain words.
 */
import type { AddressSuggestion } from '../../../shared/contacts';
import { parseAddressList, type AddressProblem, type MailAddress } from '../../../shared/mail/address';

/** One recipient as compose shows it. */
export interface AddressChip {
  /** What the user typed for this entry (shown when invalid, edited back into the field). */
  readonly text: string;
  /** The checked address, or null when it did not parse. */
  readonly address: MailAddress | null;
  /** Why it did not parse, in plain words. */
  readonly problem: string | null;
  /** The group it was written in, if any ("Team: …;"). */
  readonly group: string | null;
}

/** Plain words for a refused address. */
export function describeAddressProblem(problem: AddressProblem): string {
  switch (problem) {
    case 'empty':
      return 'The address is empty.';
    case 'control-character':
      return 'The address contains a line break or another control character.';
    case 'syntax':
      return 'This is not an e-mail address (name@example.com).';
    case 'too-long':
      return 'The address is too long.';
    case 'encoded-word':
      return 'The name contains encoded text (=?…?=), which could show another name to the recipient.';
    default: {
      const unknown: never = problem;
      return String(unknown);
    }
  }
}

/**
 * Splits text at commas and semicolons that are outside quotes and angle brackets, keeping a group
 * ("Name: …;") together, so one bad entry does not hide the good ones next to it.
 */
export function splitEntries(text: string): string[] {
  const entries: string[] = [];
  let current = '';
  let quoted = false;
  let angle = false;
  let group = false;
  for (let index = 0; index < text.length; index += 1) {
    const character = text[index] ?? '';
    if (quoted && character === '\\') {
      current += character + (text[index + 1] ?? '');
      index += 1;
      continue;
    }
    if (character === '"') quoted = !quoted;
    else if (!quoted && character === '<') angle = true;
    else if (!quoted && character === '>') angle = false;
    else if (!quoted && !angle && character === ':') group = true;
    if (!quoted && !angle && (character === ',' || character === ';') && !(group && character === ',')) {
      if (group && character === ';') {
        current += character;
        group = false;
      }
      if (current.trim() !== '') entries.push(current.trim());
      current = '';
      continue;
    }
    current += character;
  }
  if (current.trim() !== '') entries.push(current.trim());
  return entries;
}

/** Chips for typed or pasted text: valid addresses (group members flattened) and invalid entries. */
export function parseChips(text: string): AddressChip[] {
  const chips: AddressChip[] = [];
  for (const entry of splitEntries(text)) {
    const parsed = parseAddressList(entry);
    if (!parsed.ok) {
      chips.push({ text: entry, address: null, problem: describeAddressProblem(parsed.problem), group: null });
      continue;
    }
    for (const item of parsed.value) {
      const members = 'group' in item ? item.members : [item];
      const group = 'group' in item ? item.group : null;
      for (const member of members) {
        const address: MailAddress = member.name === undefined ? { address: member.address } : { name: member.name, address: member.address };
        chips.push({ text: formatAddress(address), address, problem: null, group });
      }
    }
  }
  return chips;
}

/** Chips for addresses that came checked from main (a reply, a draft). */
export function chipsOf(addresses: readonly MailAddress[]): AddressChip[] {
  return addresses.map((address) => ({ text: formatAddress(address), address, problem: null, group: null }));
}

/** "Name <address>", with the name quoted when it needs it (RFC 5322 §3.2.4). */
export function formatAddress(address: MailAddress): string {
  const name = address.name ?? '';
  if (name === '') return address.address;
  const quoted = /[",:;<>@()[\]\\.]/.test(name) ? `"${name.replace(/["\\]/g, '\\$&')}"` : name;
  return `${quoted} <${address.address}>`;
}

/** What a chip shows: the name when there is one, else the address. */
export function chipLabel(chip: AddressChip): string {
  if (chip.address === null) return chip.text;
  return chip.address.name === undefined || chip.address.name === '' ? chip.address.address : chip.address.name;
}

/** The checked addresses of chips, without repeats (case-insensitive); invalid chips left out. */
export function addressesOf(chips: readonly AddressChip[]): MailAddress[] {
  const seen = new Set<string>();
  const result: MailAddress[] = [];
  for (const chip of chips) {
    if (chip.address === null) continue;
    const key = chip.address.address.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    result.push(chip.address);
  }
  return result;
}

/** A picked suggestion as chips: one address, or every member of a group (a group expands when picked). */
export function chipsOfSuggestion(suggestion: AddressSuggestion): AddressChip[] {
  const members = suggestion.kind === 'group' ? suggestion.members : [suggestion];
  return chipsOf(members.map((member) => (member.name === '' ? { address: member.address } : { name: member.name, address: member.address })));
}

/** What a suggestion says in the list: "Name <address>", or the group's name and how many it holds. */
export function suggestionLabel(suggestion: AddressSuggestion): string {
  if (suggestion.kind === 'group') return `${suggestion.name} (group, ${suggestion.members.length} member${suggestion.members.length === 1 ? '' : 's'})`;
  return formatAddress(suggestion.name === '' ? { address: suggestion.address } : { name: suggestion.name, address: suggestion.address });
}
