/** A picked suggestion becomes one chip: an address with its name, or a contact group kept whole until sending. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createTranslator } from '../../../../../shared/i18n/catalogs';
import {
  chipOfSuggestion,
  chipsOf,
  chipsOfGroups,
  groupsOf,
  hasRecipients,
  parseChips,
  suggestionLabel,
} from '../../../../../renderer/views/compose/address-chips';

const { t } = createTranslator('en');

test('an address suggestion is one chip, and a group one chip that names the group, each labelled as the list shows it', () => {
  const zoe = { kind: 'address', name: 'Zoë, Ünal', address: 'zoe@example.com', source: 'contact', uses: 2, lastUsedAt: 1 } as const;
  assert.deepEqual(chipOfSuggestion(zoe), {
    text: '"Zoë, Ünal" <zoe@example.com>',
    address: { name: 'Zoë, Ünal', address: 'zoe@example.com' },
    problem: null,
    group: null,
  });
  assert.equal(suggestionLabel(zoe, t), '"Zoë, Ünal" <zoe@example.com>');
  const bare = { ...zoe, name: '', source: 'recent' } as const;
  assert.deepEqual(chipOfSuggestion(bare).address, { address: 'zoe@example.com' });
  const team = {
    kind: 'group',
    name: 'צוות',
    groupId: 3,
    members: [
      { name: 'שרה כהן', address: 'sara@example.org' },
      { name: '', address: 'bob@example.com' },
    ],
  } as const;
  assert.deepEqual(chipOfSuggestion(team), {
    text: 'צוות',
    address: null,
    problem: null,
    group: null,
    contactGroup: { groupId: 3, name: 'צוות', members: 2 },
  });
  assert.equal(suggestionLabel(team, t), 'צוות (group, 2 members)');
  assert.equal(suggestionLabel({ ...team, members: [{ name: '', address: 'bob@example.com' }] }, createTranslator('de').t), 'צוות (Gruppe, 1 Mitglied)');
});

test('group chips travel as groups of their field, once each, and count as recipients on their own', () => {
  const team = chipOfSuggestion({ kind: 'group', name: 'Team', groupId: 7, members: [{ name: 'Zoë', address: 'zoe@example.com' }] });
  const chips = [...chipsOf([{ address: 'bob@example.com' }]), team, team];
  assert.deepEqual(groupsOf(chips, 'cc'), [{ field: 'cc', groupId: 7, name: 'Team' }]);
  assert.deepEqual(groupsOf(chipsOf([{ address: 'bob@example.com' }]), 'to'), []);
  assert.equal(hasRecipients([team]), true);
  assert.equal(hasRecipients(parseChips('not an address')), false);

  const saved = [
    { field: 'to', groupId: 7, name: 'Team' },
    { field: 'bcc', groupId: 9, name: 'Gone' },
  ] as const;
  const counts = (groupId: number) => (groupId === 7 ? 4 : null);
  assert.deepEqual(chipsOfGroups(saved, 'to', counts), [
    { text: 'Team', address: null, problem: null, group: null, contactGroup: { groupId: 7, name: 'Team', members: 4 } },
  ]);
  assert.deepEqual(
    chipsOfGroups(saved, 'bcc', counts).map((chip) => chip.contactGroup),
    [{ groupId: 9, name: 'Gone', members: null }],
  );
  assert.deepEqual(chipsOfGroups(saved, 'cc', counts), []);
});
