import { test } from 'node:test';
import assert from 'node:assert/strict';
import { listedColumnsOfRow, type ListedColumnsRow } from '../../../electron/storage/listed-columns';

/** A row as a batch commit leaves it: columns from the header section, no snippet (never indexed). */
const COMMITTED: ListedColumnsRow = {
  subject: 'Quartalszahlen für Q1',
  from_name: 'Zoë Quill',
  from_address: 'zoe@example.org',
  to_addresses: JSON.stringify([{ name: '', address: 'ann@example.com' }]),
  cc_addresses: '[]',
  date: 1_770_019_200_000,
  message_id: '<q1@example.org>',
  in_reply_to: null,
  message_references: JSON.stringify(['<root@example.org>']),
  snippet: null,
};

test('the columns a batch commit wrote are read back as the parser would give them', () => {
  assert.deepEqual(listedColumnsOfRow(COMMITTED), {
    subject: 'Quartalszahlen für Q1',
    from: { name: 'Zoë Quill', address: 'zoe@example.org' },
    to: [{ name: '', address: 'ann@example.com' }],
    cc: [],
    date: 1_770_019_200_000,
    messageId: '<q1@example.org>',
    inReplyTo: null,
    references: ['<root@example.org>'],
  });
  assert.equal(listedColumnsOfRow({ ...COMMITTED, from_name: null, from_address: null })?.from, null, 'a message without a sender');
});

test('a row indexed before, written without a header section, or holding anything unexpected is left to the parser', () => {
  const cases: ReadonlyArray<[string, Partial<ListedColumnsRow>]> = [
    ['indexed before (or a copy of an indexed message): its columns may be mailparser’s', { snippet: '' }],
    ['no header columns written', { to_addresses: null }],
    ['cleared for a rebuild', { cc_addresses: null, message_references: null }],
    ['a sender name without an address', { from_address: null }],
    ['not JSON', { to_addresses: '[{' }],
    ['not a list', { cc_addresses: '{}' }],
    ['an address of another shape', { to_addresses: JSON.stringify([{ name: 'Ann' }]) }],
    ['references of another shape', { message_references: JSON.stringify([1]) }],
  ];
  for (const [name, change] of cases) assert.equal(listedColumnsOfRow({ ...COMMITTED, ...change }), undefined, name);
});
