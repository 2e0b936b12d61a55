import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { MessageListItem } from '../../../../../shared/mail';
import { recipientText } from '../../../../../renderer/views/mail/format';

function item(recipients: MessageListItem['recipients'], recipientCount: number, indexed = true): MessageListItem {
  return {
    id: 1,
    accountId: 'a',
    folderId: 4,
    subject: 'Minutes',
    from: { name: 'Alice', address: 'alice@example.test' },
    recipients,
    recipientCount,
    date: 0,
    receivedAt: 0,
    size: 10,
    seen: true,
    flagged: false,
    answered: false,
    partial: false,
    hasAttachments: false,
    snippet: null,
    indexed,
    problems: [],
  };
}

test('sent mail lists its recipients by name, address where there is no name, then how many more', () => {
  assert.equal(recipientText(item([{ name: 'Bob', address: 'bob@example.test' }], 1)), 'Bob');
  assert.equal(
    recipientText(
      item(
        [
          { name: 'Bob', address: 'bob@example.test' },
          { name: ' ', address: 'carol@example.test' },
          { name: 'Dave', address: 'dave@example.test' },
        ],
        5,
      ),
    ),
    'Bob, carol@example.test, Dave and 2 more',
  );
  assert.equal(recipientText(item([], 0)), '(no recipients)');
  assert.equal(recipientText(item([], 0, false)), '…', 'not yet indexed');
});
