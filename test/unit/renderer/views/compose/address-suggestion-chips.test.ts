/** A picked suggestion becomes chips: one address with its name, or every member of a group. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chipsOfSuggestion, suggestionLabel } from '../../../../../renderer/views/compose/address-chips';

test('an address suggestion is one chip, a group one chip per member, each labelled as the list shows it', () => {
  const zoe = { kind: 'address', name: 'Zoë, Ünal', address: 'zoe@example.com', source: 'contact', uses: 2, lastUsedAt: 1 } as const;
  assert.deepEqual(chipsOfSuggestion(zoe), [
    { text: '"Zoë, Ünal" <zoe@example.com>', address: { name: 'Zoë, Ünal', address: 'zoe@example.com' }, problem: null, group: null },
  ]);
  assert.equal(suggestionLabel(zoe), '"Zoë, Ünal" <zoe@example.com>');
  const bare = { ...zoe, name: '', source: 'recent' } as const;
  assert.deepEqual(chipsOfSuggestion(bare)[0]?.address, { address: 'zoe@example.com' });
  const team = {
    kind: 'group',
    name: 'צוות',
    groupId: 3,
    members: [
      { name: 'שרה כהן', address: 'sara@example.org' },
      { name: '', address: 'bob@example.com' },
    ],
  } as const;
  assert.deepEqual(
    chipsOfSuggestion(team).map((chip) => chip.text),
    ['שרה כהן <sara@example.org>', 'bob@example.com'],
  );
  assert.equal(suggestionLabel(team), 'צוות (group, 2 members)');
});
