/**
 * The To, Cc and Bcc fields as chips: typed text becomes one chip per address once a comma, semicolon
 * or Enter ends it. Parsing is the shared RFC 5322 address-list parser, so quoted names with commas,
 * groups ("Team: a@x, b@y;") and international domains are understood exactly as main will check
 * them; an entry that does not parse stays as a chip marked invalid with the reason in plain words.
 * A contact group picked from the suggestions stays one chip until the message is sent: main puts its
 * members at that time in its place, as Thunderbird and Outlook do with lists.
 */
import type { AddressSuggestion } from '../../../shared/contacts';
import type { Translate } from '../../../shared/i18n/catalogs';
import type { MessageId } from '../../../shared/i18n/messages-en';
import { parseAddressList, type AddressProblem, type MailAddress } from '../../../shared/mail/address';
import type { GroupRecipient } from '../../../shared/mail/outgoing';

/** A contact group as one chip: its id, its name and how many members it had when shown. */
export interface ContactGroupEntry {
  readonly groupId: number;
  readonly name: string;
  /** Members with an address, as last known (null: not known, e.g. the group was deleted). */
  readonly members: number | null;
}

/** One recipient as compose shows it. */
export interface AddressChip {
  /** What the user typed for this entry (shown when invalid, edited back into the field). */
  readonly text: string;
  /** The checked address, or null when it did not parse. */
  readonly address: MailAddress | null;
  /** Why it did not parse (worded when shown, in the window's language). */
  readonly problem: AddressProblem | null;
  /** The group it was written in, if any ("Team: …;"). */
  readonly group: string | null;
  /** Set for a contact group kept as one entry (then `address` is null and `problem` too). */
  readonly contactGroup?: ContactGroupEntry;
}

/** The catalog's plain words for each way a typed address can be refused (shown under the field and on the chip). */
export const ADDRESS_PROBLEM_WORDS = {
  empty: 'compose.address.empty',
  'control-character': 'compose.address.controlCharacter',
  syntax: 'compose.address.syntax',
  'too-long': 'compose.address.tooLong',
  'encoded-word': 'compose.address.encodedWord',
} as const satisfies Record<AddressProblem, MessageId>;

/** Plain words for a refused address in the window's language. */
export function describeAddressProblem(problem: AddressProblem, t: Translate): string {
  return t(ADDRESS_PROBLEM_WORDS[problem]);
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
      chips.push({ text: entry, address: null, problem: parsed.problem, group: null });
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

/** One chip for a contact group. */
export function groupChip(group: ContactGroupEntry): AddressChip {
  return { text: group.name, address: null, problem: null, group: null, contactGroup: group };
}

/** Chips for the contact groups of one field of a saved draft or queued message; `members` counts each group's members. */
export function chipsOfGroups(groups: readonly GroupRecipient[], field: GroupRecipient['field'], members: (groupId: number) => number | null): AddressChip[] {
  return groups
    .filter((group) => group.field === field)
    .map((group) => groupChip({ groupId: group.groupId, name: group.name, members: members(group.groupId) }));
}

/** The contact groups among a field's chips, as the compose contract carries them. */
export function groupsOf(chips: readonly AddressChip[], field: GroupRecipient['field']): GroupRecipient[] {
  const seen = new Set<number>();
  return chips.flatMap((chip) => {
    const group = chip.contactGroup;
    if (group === undefined || seen.has(group.groupId)) return [];
    seen.add(group.groupId);
    return [{ field, groupId: group.groupId, name: group.name }];
  });
}

/** Whether chips name anyone to send to: a valid address or a contact group. */
export function hasRecipients(chips: readonly AddressChip[]): boolean {
  return chips.some((chip) => chip.address !== null || chip.contactGroup !== undefined);
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

/** A picked suggestion as a chip: one address, or a group kept as one entry (its members are found when sending). */
export function chipOfSuggestion(suggestion: AddressSuggestion): AddressChip {
  if (suggestion.kind === 'group') return groupChip({ groupId: suggestion.groupId, name: suggestion.name, members: suggestion.members.length });
  const address: MailAddress = suggestion.name === '' ? { address: suggestion.address } : { name: suggestion.name, address: suggestion.address };
  return { text: formatAddress(address), address, problem: null, group: null };
}

/** What a suggestion says in the list: "Name <address>", or the group's name and how many it holds. */
export function suggestionLabel(suggestion: AddressSuggestion, t: Translate): string {
  if (suggestion.kind === 'group') return t('compose.groupSuggestion', { name: suggestion.name, count: suggestion.members.length });
  return formatAddress(suggestion.name === '' ? { address: suggestion.address } : { name: suggestion.name, address: suggestion.address });
}
