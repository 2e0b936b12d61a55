/**
 * The address book in the store: contacts saved with several addresses (repeats folded), refused when
 * they have nothing to show, changed, merged (fields, addresses, groups), found as duplicates,
 * deleted; groups; what sending records; and suggestions ranked by use, matched accent-insensitively
 * by the prefix of any word.
 */
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { suggestAddresses, useScore } from '../../../electron/storage/address-suggestions';
import {
  addContact,
  addressBookKeys,
  deleteContactGroup,
  deleteContacts,
  findDuplicateContacts,
  getContact,
  isInAddressBook,
  listContactGroups,
  listContacts,
  mergeContacts,
  recordSentTo,
  saveContactGroup,
  updateContact,
} from '../../../electron/storage/contacts';
import type { SqliteDatabase } from '../../../electron/storage/database';
import type { ContactInput } from '../../../shared/contacts';
import { MailbagError } from '../../../shared/errors';
import { openTestStore } from './store-fixture';

const DAY = 24 * 60 * 60 * 1000;
const NOW = Date.UTC(2026, 11, 1);

function person(overrides: Partial<ContactInput>): ContactInput {
  return { displayName: '', firstName: '', lastName: '', addresses: [], phone: '', notes: '', ...overrides };
}

describe('address book', () => {
  let profile: string;
  let database: SqliteDatabase;
  let close: () => Promise<void>;
  before(async () => {
    const opened = await openTestStore();
    profile = opened.profile;
    database = opened.database;
    close = () => opened.store.close();
  });
  after(async () => {
    await close();
    database.close();
    rmSync(profile, { recursive: true, force: true });
  });

  test('a contact keeps several addresses in order without repeats, and is refused with nothing to show', () => {
    const zoe = addContact(
      database,
      person({
        displayName: 'Zoë Ünal',
        firstName: 'Zoë',
        lastName: 'Ünal',
        addresses: ['zoe@example.com', 'ZOE@example.com', 'z.unal@work.example'],
        phone: '+33 1 23',
      }),
      NOW,
    );
    assert.deepEqual(zoe.addresses, ['zoe@example.com', 'z.unal@work.example']);
    assert.equal(zoe.book, 'personal');
    assert.throws(() => addContact(database, person({})), /needs a name or an address/);
    assert.throws(() => addContact(database, person({ addresses: ['not an address'] })), /not an e-mail address/);
    const changed = updateContact(database, zoe.id, person({ displayName: 'Zoë U.', addresses: ['z.unal@work.example'], notes: 'Met in Lyon' }), NOW + 1);
    assert.deepEqual([changed.displayName, changed.addresses, changed.notes], ['Zoë U.', ['z.unal@work.example'], 'Met in Lyon']);
    assert.equal(isInAddressBook(database, 'Z.Unal@Work.Example'), true);
    assert.equal(isInAddressBook(database, 'zoe@example.com'), false);
    deleteContacts(database, [zoe.id]);
    assert.throws(() => getContact(database, zoe.id), /no longer exists/);
  });

  test('duplicates (same address or same name) merge into the first: fields filled, addresses joined, groups kept', () => {
    const first = addContact(database, person({ displayName: 'Ahmad Ali', addresses: ['ahmad@example.org'] }));
    const second = addContact(
      database,
      person({ firstName: 'أحمد', lastName: 'علي', addresses: ['AHMAD@example.org', 'ahmad@home.example'], phone: '+20 2 555', notes: 'Cairo office' }),
    );
    const third = addContact(database, person({ displayName: 'ahmad ali', addresses: ['a.ali@example.net'] }));
    const other = addContact(database, person({ displayName: 'Bob', addresses: ['bob@example.com'] }));
    const team = saveContactGroup(database, { name: 'Team', memberIds: [second.id, other.id] });
    assert.deepEqual(findDuplicateContacts(database), [[first.id, second.id, third.id]]);
    const merged = mergeContacts(database, [first.id, second.id, third.id]);
    assert.equal(merged.id, first.id);
    assert.equal(merged.displayName, 'Ahmad Ali');
    assert.equal(merged.firstName, 'أحمد');
    assert.equal(merged.phone, '+20 2 555');
    assert.deepEqual(merged.addresses, ['ahmad@example.org', 'ahmad@home.example', 'a.ali@example.net']);
    assert.deepEqual(
      listContactGroups(database).find((group) => group.id === team.id)?.memberIds,
      [first.id, other.id].sort((a, b) => a - b),
    );
    assert.deepEqual(findDuplicateContacts(database), []);
    // The English words for the log and --json, and the name as the detail the window words it from.
    assert.throws(
      () => saveContactGroup(database, { name: ' team ', memberIds: [] }),
      (error: unknown) =>
        error instanceof MailbagError && error.code === 'VALIDATION' && error.detail === 'team' && /already a group named “team”/.test(error.message),
    );
    deleteContacts(database, [first.id, other.id]);
    assert.deepEqual(listContactGroups(database).find((group) => group.id === team.id)?.memberIds, []);
  });

  test('a group is renamed and its members changed in place; a rename onto another group or a gone group is refused', () => {
    const ana = addContact(database, person({ displayName: 'Ana Gómez', addresses: ['ana.group@example.org'] }));
    const badr = addContact(database, person({ displayName: 'بدر', addresses: ['badr.group@example.org'] }));
    const chen = addContact(database, person({ displayName: 'Chen', addresses: ['chen.group@example.org'] }));
    const list = saveContactGroup(database, { name: 'Choir', memberIds: [ana.id, badr.id] });
    const band = saveContactGroup(database, { name: 'Band', memberIds: [] });
    const renamed = saveContactGroup(database, { id: list.id, name: 'Choir 2027', memberIds: [badr.id, chen.id] });
    assert.equal(renamed.id, list.id);
    const stored = listContactGroups(database).find((group) => group.id === list.id);
    assert.equal(stored?.name, 'Choir 2027');
    assert.deepEqual(
      stored?.memberIds,
      [badr.id, chen.id].sort((a, b) => a - b),
      'Ana left, Chen joined',
    );
    assert.throws(() => saveContactGroup(database, { id: list.id, name: 'band', memberIds: [] }), /already a group/);
    assert.equal(listContactGroups(database).find((group) => group.id === list.id)?.name, 'Choir 2027', 'a refused rename changes nothing');
    deleteContactGroup(database, list.id);
    assert.throws(() => saveContactGroup(database, { id: list.id, name: 'Choir', memberIds: [ana.id] }), /no longer exists/);
    deleteContactGroup(database, band.id);
    deleteContacts(database, [ana.id, badr.id, chen.id]);
  });

  test('sending counts every recipient and collects those not in the book; with collecting off it only counts', () => {
    const known = addContact(database, person({ displayName: 'Known', addresses: ['known@example.com'] }));
    recordSentTo(database, [{ address: 'Known@example.com' }, { address: 'new.person@example.com', name: 'New Person' }], { collect: true, now: NOW });
    recordSentTo(database, [{ address: 'quiet@example.com', name: 'Quiet' }], { collect: false, now: NOW });
    const collected = listContacts(database, 'collected');
    assert.deepEqual(
      collected.map((contact) => [contact.displayName, contact.addresses]),
      [['New Person', ['new.person@example.com']]],
    );
    assert.equal(listContacts(database, 'personal').find((contact) => contact.id === known.id)?.addresses.length, 1);
    assert.equal(addressBookKeys(database).has('quiet@example.com'), false);
    const recent = suggestAddresses(database, 'qui', 10, NOW);
    assert.deepEqual(
      recent.map((entry) => (entry.kind === 'address' ? [entry.address, entry.source, entry.uses] : [])),
      [['quiet@example.com', 'recent', 1]],
    );
    deleteContacts(database, [known.id, ...collected.map((contact) => contact.id)]);
  });

  test('suggestions match the start of any word without accents, rank by use and recency, and offer groups', () => {
    const ann = addContact(database, person({ displayName: 'Ann Smith', addresses: ['ann.smith@example.com'] }));
    const anna = addContact(database, person({ displayName: 'Anna Karénina', addresses: ['anna@example.ru'] }));
    const andre = addContact(database, person({ displayName: 'André Œuvre', addresses: ['andre@example.fr'] }));
    recordSentTo(database, [{ address: 'anna@example.ru' }], { collect: true, now: NOW - 400 * DAY });
    for (let index = 0; index < 3; index += 1) recordSentTo(database, [{ address: 'andre@example.fr' }], { collect: true, now: NOW - DAY });
    const addresses = (query: string): string[] =>
      suggestAddresses(database, query, 10, NOW).flatMap((entry) => (entry.kind === 'address' ? [entry.address] : []));
    assert.deepEqual(addresses('an'), ['andre@example.fr', 'anna@example.ru', 'ann.smith@example.com']);
    assert.deepEqual(addresses('karen'), ['anna@example.ru'], 'accent-insensitive, by the start of the family name');
    assert.deepEqual(addresses('smi'), ['ann.smith@example.com'], 'by the start of a word of the address');
    assert.deepEqual(addresses('ann sm'), ['ann.smith@example.com'], 'every typed word starts a word');
    assert.deepEqual(addresses('nna'), [], 'never from the middle of a word');
    assert.deepEqual(addresses('ANDRE@'), ['andre@example.fr']);
    assert.ok(useScore(3, NOW - DAY, NOW) > useScore(1, NOW - 400 * DAY, NOW));
    const group = saveContactGroup(database, { name: 'Anniversary list', memberIds: [ann.id, andre.id] });
    const [first] = suggestAddresses(database, 'anniv', 10, NOW);
    assert.deepEqual(first, {
      kind: 'group',
      name: 'Anniversary list',
      groupId: group.id,
      members: [
        { name: 'Ann Smith', address: 'ann.smith@example.com' },
        { name: 'André Œuvre', address: 'andre@example.fr' },
      ],
    });
    deleteContacts(database, [ann.id, anna.id, andre.id]);
  });
});
