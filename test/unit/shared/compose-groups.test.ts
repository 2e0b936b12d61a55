/** Contact groups in the compose contract: checked in main like every field, and enough on their own to send to. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { composeOperationInputs } from '../../../shared/compose-ops';
import { checkOutgoingMessage, MAX_MESSAGE_GROUPS } from '../../../shared/mail/outgoing';

const message = { subject: 'Hi', text: 'x' };

test('queueMessage takes contact groups by field, id and name, and refuses anything else in them', () => {
  const input = (groups: unknown) => composeOperationInputs.queueMessage.safeParse({ accountId: 'a', message: { ...message, groups } });
  assert.equal(input([{ field: 'bcc', groupId: 3, name: 'Team · צוות' }]).success, true);
  assert.equal(input(undefined).success, true, 'groups are optional');
  for (const bad of [
    [{ field: 'from', groupId: 3, name: 'Team' }],
    [{ field: 'to', groupId: 0, name: 'Team' }],
    [{ field: 'to', groupId: 1.5, name: 'Team' }],
    [{ field: 'to', groupId: 3, name: '' }],
    [{ field: 'to', groupId: 3, name: 'Team\r\nBcc: v@example.com' }],
    [{ field: 'to', groupId: 3, name: 'Team', members: ['v@example.com'] }],
    Array.from({ length: MAX_MESSAGE_GROUPS + 1 }, (_, index) => ({ field: 'to', groupId: index + 1, name: `G${index}` })),
  ]) {
    assert.equal(input(bad).success, false, JSON.stringify(bad).slice(0, 80));
  }
});

test('a message to contact groups only passes the outgoing check with an empty envelope, filled when sent', () => {
  const checked = checkOutgoingMessage({ from: { address: 'ann@example.com' }, groups: [{ field: 'to', groupId: 1, name: 'Team' }], ...message });
  assert.ok(checked.ok);
  assert.deepEqual(checked.value.envelope.to, []);
  assert.deepEqual(checked.value.groups, [{ field: 'to', groupId: 1, name: 'Team' }]);
  const nobody = checkOutgoingMessage({ from: { address: 'ann@example.com' }, ...message });
  assert.equal(nobody.ok, false, 'without an address or a group there is nobody to send to');
});
