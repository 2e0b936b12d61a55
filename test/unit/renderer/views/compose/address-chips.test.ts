import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addressesOf, chipLabel, describeAddressProblem, formatAddress, parseChips, splitEntries } from '../../../../../renderer/views/compose/address-chips';
import { createTranslator } from '../../../../../shared/i18n/catalogs';

test('quoted names keep their commas; each entry becomes one chip', () => {
  const chips = parseChips('"Doe, John" <john@example.com>, ann@example.com; Bob <bob@example.com>');
  assert.deepEqual(
    chips.map((chip) => chip.address),
    [{ name: 'Doe, John', address: 'john@example.com' }, { address: 'ann@example.com' }, { name: 'Bob', address: 'bob@example.com' }],
  );
  const [first] = chips;
  assert.ok(first !== undefined);
  assert.equal(chipLabel(first), 'Doe, John');
});

test('a group becomes its members, marked with the group', () => {
  const chips = parseChips('Team: a@example.com, b@example.com;, c@example.com');
  assert.deepEqual(
    chips.map((chip) => [chip.address?.address, chip.group]),
    [
      ['a@example.com', 'Team'],
      ['b@example.com', 'Team'],
      ['c@example.com', null],
    ],
  );
  assert.deepEqual(splitEntries('Team: a@x.test, b@x.test;, c@x.test'), ['Team: a@x.test, b@x.test;', 'c@x.test']);
});

test('international domains are accepted', () => {
  const [chip] = parseChips('jürgen@bücher.example');
  assert.equal(chip?.problem, null);
  assert.equal(chip?.address?.address, 'jürgen@bücher.example');
});

test('a bad entry stays as an invalid chip with the reason; the good ones next to it are kept', () => {
  const chips = parseChips('ann@example.com, not an address, bob@example.com');
  assert.deepEqual(
    chips.map((chip) => chip.problem === null),
    [true, false, true],
  );
  assert.equal(chips[1]?.problem, 'syntax');
  assert.equal(addressesOf(chips).length, 2);
});

test('a line break in a name is refused, never turned into a header', () => {
  const [chip] = parseChips('"Eve\r\nBcc: victim@example.com" <eve@example.com>');
  assert.equal(chip?.address, null);
  assert.equal(chip?.problem, 'control-character');
});

test("the reason an entry is refused is worded in the window's language when shown", () => {
  const [chip] = parseChips('not an address');
  assert.equal(chip?.problem, 'syntax');
  assert.match(describeAddressProblem(chip?.problem ?? 'empty', createTranslator('en').t), /not an e-mail address/);
  assert.match(describeAddressProblem(chip?.problem ?? 'empty', createTranslator('de').t), /keine E-Mail-Adresse/);
  assert.match(describeAddressProblem('control-character', createTranslator('ar').t), /[\u0600-\u06ff]/);
});

test('repeats are dropped, and names that need quotes are quoted', () => {
  assert.equal(addressesOf(parseChips('a@example.com, A@EXAMPLE.com')).length, 1);
  assert.equal(formatAddress({ name: 'Doe, John', address: 'j@example.com' }), '"Doe, John" <j@example.com>');
  assert.equal(formatAddress({ address: 'j@example.com' }), 'j@example.com');
});
