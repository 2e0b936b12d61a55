/**
 * The address book in the store: contacts with their addresses, groups of contacts, and how often and
 * how recently each address was written to. Sending collects its recipients into "Collected addresses"
 * (unless they are already in the book); the junk filter asks whether a sender is in the book.
 */
import { wordedError } from '../../shared/error-words';
import type { z } from 'zod';
import {
  contactInputSchema,
  contactLabel,
  MAX_CONTACT_ADDRESSES,
  MAX_CONTACT_NOTES_LENGTH,
  type Contact,
  type ContactBook,
  type ContactGroup,
  type ContactInput,
  type RemoteContentContact,
} from '../../shared/contacts';
import type { MailAddress } from '../../shared/mail/address';
import type { SqliteDatabase } from './database';

interface ContactRow {
  id: number;
  book: ContactBook;
  display_name: string;
  first_name: string;
  last_name: string;
  nickname: string;
  phone: string;
  notes: string;
  allow_remote_content: number;
  updated_at: number;
}

const CONTACT_SELECT = 'select id, book, display_name, first_name, last_name, nickname, phone, notes, allow_remote_content, updated_at from contacts';

/** The key an address is looked up by: lower case, as the junk filter and the sender allow-list compare. */
export function addressKey(address: string): string {
  return address.trim().normalize('NFC').toLowerCase();
}

function addressesOf(database: SqliteDatabase): Map<number, string[]> {
  const all = new Map<number, string[]>();
  for (const row of database
    .prepare<[], { contact_id: number; address: string }>('select contact_id, address from contact_addresses order by contact_id, position')
    .all()) {
    const list = all.get(row.contact_id) ?? [];
    list.push(row.address);
    all.set(row.contact_id, list);
  }
  return all;
}

function contactOf(row: ContactRow, addresses: readonly string[]): Contact {
  return {
    id: row.id,
    book: row.book,
    displayName: row.display_name,
    firstName: row.first_name,
    lastName: row.last_name,
    nickname: row.nickname,
    addresses,
    phone: row.phone,
    notes: row.notes,
    allowRemoteContent: row.allow_remote_content === 1,
    updatedAt: row.updated_at,
  };
}

/** Every contact (of one book, or both), sorted by the name they are shown by. */
export function listContacts(database: SqliteDatabase, book?: ContactBook): Contact[] {
  const addresses = addressesOf(database);
  const rows =
    book === undefined
      ? database.prepare<[], ContactRow>(`${CONTACT_SELECT}`).all()
      : database.prepare<[ContactBook], ContactRow>(`${CONTACT_SELECT} where book = ?`).all(book);
  const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });
  return rows.map((row) => contactOf(row, addresses.get(row.id) ?? [])).sort((a, b) => collator.compare(contactLabel(a), contactLabel(b)) || a.id - b.id);
}

/** The contact with this id. */
export function getContact(database: SqliteDatabase, id: number): Contact {
  const row = database.prepare<[number], ContactRow>(`${CONTACT_SELECT} where id = ?`).get(id);
  if (row === undefined) throw wordedError('NOT_FOUND', { id: 'storageError.contactGone' });
  const addresses = database.prepare<[number], string>('select address from contact_addresses where contact_id = ? order by position').pluck().all(id);
  return contactOf(row, addresses);
}

/** The contacts that have this address (any of their addresses, compared without case). */
export function findContactsByAddress(database: SqliteDatabase, address: string): Contact[] {
  return database
    .prepare<[string], number>('select distinct contact_id from contact_addresses where address_key = ? order by contact_id')
    .pluck()
    .all(addressKey(address))
    .map((id) => getContact(database, id));
}

function uniqueAddresses(addresses: readonly string[]): string[] {
  const seen = new Set<string>();
  return addresses.filter((address) => {
    const key = addressKey(address);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function writeAddresses(database: SqliteDatabase, id: number, addresses: readonly string[]): void {
  database.prepare('delete from contact_addresses where contact_id = ?').run(id);
  const insert = database.prepare('insert into contact_addresses (contact_id, position, address, address_key) values (?, ?, ?, ?)');
  uniqueAddresses(addresses).forEach((address, position) => insert.run(id, position, address.trim(), addressKey(address)));
}

/** Refuses a contact with nothing to show it by. */
function checked(input: ContactInput): z.output<typeof contactInputSchema> {
  const contact = contactInputSchema.parse(input);
  if (contactLabel(contact) === '') throw wordedError('VALIDATION', { id: 'storageError.contactEmpty' });
  return contact;
}

/** Saves a new contact and returns it. */
export function addContact(database: SqliteDatabase, input: ContactInput, now = Date.now()): Contact {
  const contact = checked(input);
  return database
    .transaction(() => {
      const id = Number(
        database
          .prepare(
            `insert into contacts (book, display_name, first_name, last_name, nickname, phone, notes, allow_remote_content, created_at, updated_at)
             values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(
            contact.book ?? 'personal',
            contact.displayName,
            contact.firstName,
            contact.lastName,
            contact.nickname ?? '',
            contact.phone,
            contact.notes,
            contact.allowRemoteContent === true ? 1 : 0,
            now,
            now,
          ).lastInsertRowid,
      );
      writeAddresses(database, id, contact.addresses);
      return getContact(database, id);
    })
    .immediate();
}

/** Changes a saved contact (a field not given, such as the book, stays as it was). */
export function updateContact(database: SqliteDatabase, id: number, input: ContactInput, now = Date.now()): Contact {
  const contact = checked(input);
  return database
    .transaction(() => {
      const before = getContact(database, id);
      database
        .prepare(
          `update contacts set book = ?, display_name = ?, first_name = ?, last_name = ?, nickname = ?, phone = ?, notes = ?,
             allow_remote_content = ?, updated_at = ? where id = ?`,
        )
        .run(
          contact.book ?? before.book,
          contact.displayName,
          contact.firstName,
          contact.lastName,
          contact.nickname ?? before.nickname,
          contact.phone,
          contact.notes,
          (contact.allowRemoteContent ?? before.allowRemoteContent) ? 1 : 0,
          now,
          id,
        );
      writeAddresses(database, id, contact.addresses);
      return getContact(database, id);
    })
    .immediate();
}

/** Deletes contacts (they leave their groups); returns how many there were. */
export function deleteContacts(database: SqliteDatabase, ids: readonly number[]): number {
  return database
    .transaction(() => {
      const remove = database.prepare('delete from contacts where id = ?');
      return ids.reduce((count, id) => count + remove.run(id).changes, 0);
    })
    .immediate();
}

/**
 * Merges contacts into the first one named: its fields win, empty ones are filled from the others in
 * order, addresses are joined without repeats, notes kept side by side, group memberships carried
 * over; a merge with any contact of the user's own book lands in that book. The others are deleted.
 */
export function mergeContacts(database: SqliteDatabase, ids: readonly number[], now = Date.now()): Contact {
  return database
    .transaction(() => {
      const [keep, ...others] = [...new Set(ids)].map((id) => getContact(database, id));
      if (keep === undefined || others.length === 0) throw wordedError('VALIDATION', { id: 'storageError.mergeTwo' });
      const pick = (key: 'displayName' | 'firstName' | 'lastName' | 'nickname' | 'phone'): string =>
        [keep, ...others].map((contact) => contact[key]).find((value) => value !== '') ?? '';
      const notes = [...new Set([keep, ...others].map((contact) => contact.notes).filter((note) => note !== ''))].join('\n\n');
      const all = [keep, ...others];
      const merged = updateContact(
        database,
        keep.id,
        {
          displayName: pick('displayName'),
          firstName: pick('firstName'),
          lastName: pick('lastName'),
          nickname: pick('nickname'),
          phone: pick('phone'),
          notes: notes.slice(0, MAX_CONTACT_NOTES_LENGTH),
          addresses: uniqueAddresses(all.flatMap((contact) => contact.addresses)).slice(0, MAX_CONTACT_ADDRESSES),
          book: all.some((contact) => contact.book === 'personal') ? 'personal' : 'collected',
          allowRemoteContent: all.some((contact) => contact.allowRemoteContent),
        },
        now,
      );
      const carry = database.prepare(
        'insert or ignore into contact_group_members (group_id, contact_id) select group_id, ? from contact_group_members where contact_id = ?',
      );
      for (const other of others) carry.run(keep.id, other.id);
      deleteContacts(
        database,
        others.map((other) => other.id),
      );
      return getContact(database, merged.id);
    })
    .immediate();
}

/**
 * Sets of contacts that look like one person: they share an address, or the same name (folded case
 * and accents). Each set is sorted by id, so the oldest is the one a merge keeps.
 */
export function findDuplicateContacts(database: SqliteDatabase): number[][] {
  const contacts = listContacts(database);
  const parent = new Map<number, number>(contacts.map((contact) => [contact.id, contact.id]));
  const root = (id: number): number => {
    let current = id;
    while (parent.get(current) !== current) current = parent.get(current) ?? current;
    return current;
  };
  const join = (a: number, b: number): void => {
    const [x, y] = [root(a), root(b)].sort((left, right) => left - right);
    if (x !== undefined && y !== undefined && x !== y) parent.set(y, x);
  };
  const seen = new Map<string, number>();
  for (const contact of contacts) {
    const name = contactLabel({ ...contact, addresses: [] })
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/\s+/gu, ' ')
      .trim();
    const keys = [...contact.addresses.map((address) => `a:${addressKey(address)}`), ...(name === '' ? [] : [`n:${name}`])];
    for (const key of keys) {
      const other = seen.get(key);
      if (other === undefined) seen.set(key, contact.id);
      else join(other, contact.id);
    }
  }
  const sets = new Map<number, number[]>();
  for (const contact of contacts) {
    const key = root(contact.id);
    sets.set(key, [...(sets.get(key) ?? []), contact.id]);
  }
  return [...sets.values()]
    .filter((set) => set.length > 1)
    .map((set) => set.sort((a, b) => a - b))
    .sort((a, b) => (a[0] ?? 0) - (b[0] ?? 0));
}

/** Whether the sender of a message is one of the address book's contacts (either book). */
export function isInAddressBook(database: SqliteDatabase, address: string): boolean {
  return database.prepare('select 1 from contact_addresses where address_key = ? limit 1').get(addressKey(address)) !== undefined;
}

/** Every address in the address book, lower case (for judging many messages at once). */
export function addressBookKeys(database: SqliteDatabase): Set<string> {
  return new Set(database.prepare<[], string>('select distinct address_key from contact_addresses').pluck().all());
}

/** The addresses (lower case) of the contacts whose remote content loads without asking, with their names. */
export function remoteContentContacts(database: SqliteDatabase): RemoteContentContact[] {
  return database
    .prepare<[], { contactId: number; address: string }>(
      `select c.id as contactId, a.address_key as address from contact_addresses a join contacts c on c.id = a.contact_id
         where c.allow_remote_content = 1 order by a.address_key, c.id`,
    )
    .all()
    .map((row) => ({ ...row, name: contactLabel({ ...getContact(database, row.contactId), addresses: [] }) }));
}

/** Switches whether a contact's remote content loads without asking. */
export function setContactRemoteContent(database: SqliteDatabase, id: number, allow: boolean, now = Date.now()): Contact {
  getContact(database, id);
  database.prepare('update contacts set allow_remote_content = ?, updated_at = ? where id = ?').run(allow ? 1 : 0, now, id);
  return getContact(database, id);
}

/** One recipient of a sent message. */
export interface UsedAddress {
  readonly address: string;
  readonly name?: string | undefined;
}

/**
 * Records that mail went to these recipients (once the server accepted it): their use counts and
 * times for ranking and, with `collect`, each one not yet in the address book added to "Collected
 * addresses". Runs in the caller's transaction when there is one.
 */
export function recordSentTo(database: SqliteDatabase, recipients: readonly UsedAddress[], options: { collect: boolean; now?: number }): void {
  const now = options.now ?? Date.now();
  const use = database.prepare(
    `insert into address_usage (address_key, address, name, uses, last_used_at) values (?, ?, ?, 1, ?)
       on conflict (address_key) do update set uses = uses + 1, last_used_at = max(last_used_at, excluded.last_used_at),
         name = case when excluded.name <> '' then excluded.name else name end`,
  );
  const seen = new Set<string>();
  const run = (): void => {
    for (const recipient of recipients) {
      const key = addressKey(recipient.address);
      if (key === '' || seen.has(key)) continue;
      seen.add(key);
      const name = recipient.name?.trim() ?? '';
      use.run(key, recipient.address.trim(), name, now);
      if (options.collect && !isInAddressBook(database, key)) {
        addContact(
          database,
          { displayName: name, firstName: '', lastName: '', addresses: [recipient.address.trim()], phone: '', notes: '', book: 'collected' },
          now,
        );
      }
    }
  };
  if (database.inTransaction) run();
  else database.transaction(run).immediate();
}

/** How often and when an address was last written to. */
export interface AddressUse {
  readonly address: string;
  readonly name: string;
  readonly uses: number;
  readonly lastUsedAt: number;
}

/** Every address ever written to, with its counts. */
export function listAddressUsage(database: SqliteDatabase): AddressUse[] {
  return database.prepare<[], AddressUse>('select address, name, uses, last_used_at as lastUsedAt from address_usage order by last_used_at desc').all();
}

function groupOf(database: SqliteDatabase, row: { id: number; name: string }): ContactGroup {
  const memberIds = database
    .prepare<[number], number>('select contact_id from contact_group_members where group_id = ? order by contact_id')
    .pluck()
    .all(row.id);
  return { id: row.id, name: row.name, memberIds };
}

/** Every group, by name. */
export function listContactGroups(database: SqliteDatabase): ContactGroup[] {
  return database
    .prepare<[], { id: number; name: string }>('select id, name from contact_groups order by name collate nocase, id')
    .all()
    .map((row) => groupOf(database, row));
}

/**
 * A group's members as they are now — each contact's first address (the one a group expands to), named
 * as the book shows the contact — for sending to the group; null when the group no longer exists.
 */
export function contactGroupMembers(database: SqliteDatabase, groupId: number): MailAddress[] | null {
  const row = database.prepare<[number], { id: number; name: string }>('select id, name from contact_groups where id = ?').get(groupId);
  if (row === undefined) return null;
  return groupOf(database, row).memberIds.flatMap((id) => {
    const contact = getContact(database, id);
    const address = contact.addresses[0];
    if (address === undefined) return [];
    const name = contactLabel({ ...contact, addresses: [] });
    return [name === '' ? { address } : { name, address }];
  });
}

/** Saves a group (new without `id`) with exactly these members. */
export function saveContactGroup(
  database: SqliteDatabase,
  input: { id?: number | undefined; name: string; memberIds: readonly number[] },
  now = Date.now(),
): ContactGroup {
  const name = input.name.trim();
  if (name === '') throw wordedError('VALIDATION', { id: 'storageError.groupNameEmpty' });
  return database
    .transaction(() => {
      if (database.prepare('select 1 from contact_groups where name = ? collate nocase and id is not ?').get(name, input.id ?? null) !== undefined) {
        // The name is the detail too: the group editor knows the clash by it.
        throw wordedError('VALIDATION', { id: 'contacts.groupNameTaken', values: { name } }, { detail: name });
      }
      let id = input.id;
      if (id === undefined) id = Number(database.prepare('insert into contact_groups (name, created_at) values (?, ?)').run(name, now).lastInsertRowid);
      else if (database.prepare('update contact_groups set name = ? where id = ?').run(name, id).changes === 0) {
        throw wordedError('NOT_FOUND', { id: 'storageError.groupGone' });
      }
      database.prepare('delete from contact_group_members where group_id = ?').run(id);
      const add = database.prepare('insert or ignore into contact_group_members (group_id, contact_id) values (?, ?)');
      for (const memberId of input.memberIds) {
        getContact(database, memberId);
        add.run(id, memberId);
      }
      return groupOf(database, { id, name });
    })
    .immediate();
}

/** Deletes a group (its contacts stay). */
export function deleteContactGroup(database: SqliteDatabase, id: number): number {
  return database.prepare('delete from contact_groups where id = ?').run(id).changes;
}

/** The display names the stored copy of a sent message gives its To and Cc recipients, by address key. */
function namesInMessage(database: SqliteDatabase, messageId: number): Map<string, string> {
  const names = new Map<string, string>();
  const rows = database
    .prepare<[number, number], { name: string | null; address: string | null }>(
      `select json_extract(a.value, '$.name') as name, json_extract(a.value, '$.address') as address from messages m,
         json_each(case when json_valid(m.to_addresses) then m.to_addresses else '[]' end) a where m.id = ?
       union all
       select json_extract(a.value, '$.name'), json_extract(a.value, '$.address') from messages m,
         json_each(case when json_valid(m.cc_addresses) then m.cc_addresses else '[]' end) a where m.id = ?`,
    )
    .all(messageId, messageId);
  for (const row of rows) if (typeof row.address === 'string' && typeof row.name === 'string' && row.name !== '') names.set(addressKey(row.address), row.name);
  return names;
}

/**
 * Records the recipients a sent message reached (`accepted`: the addresses the server accepted), with
 * the names its To and Cc gave them, as recordSentTo does.
 */
export function recordSentMessage(database: SqliteDatabase, messageId: number, accepted: readonly string[], options: { collect: boolean; now?: number }): void {
  const names = namesInMessage(database, messageId);
  recordSentTo(
    database,
    accepted.map((address) => ({ address, name: names.get(addressKey(address)) })),
    options,
  );
}
