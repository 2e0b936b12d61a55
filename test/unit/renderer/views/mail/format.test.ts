import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { MessageListItem } from '../../../../../shared/mail';
import { createTranslator } from '../../../../../shared/i18n/catalogs';
import { participantsText as participantsTextIn, recipientText as recipientTextIn } from '../../../../../renderer/views/mail/format';

const recipientText = (value: MessageListItem) => recipientTextIn(createTranslator('en').t, value);
import { messageListItem } from '../../../../support/message-list-item';

function item(recipients: MessageListItem['recipients'], recipientCount: number, indexed = true): MessageListItem {
  return messageListItem({ folderId: 4, recipients, recipientCount, indexed });
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
  const two = item([{ name: 'Bob', address: 'bob@example.test' }], 3);
  assert.equal(recipientTextIn(createTranslator('de').t, two), 'Bob und 2 weitere');
  assert.equal(recipientTextIn(createTranslator('fr').t, item([], 0)), '(aucun destinataire)');
});

test('a conversation lists its senders, then how many more, in the window’s language', () => {
  const conversation = {
    participants: [
      { name: 'Bob', address: 'bob@example.test' },
      { name: '', address: 'carol@example.test' },
    ],
    participantCount: 4,
  };
  assert.equal(participantsTextIn(createTranslator('en').t, conversation), 'Bob, carol@example.test and 2 more');
  assert.equal(participantsTextIn(createTranslator('de').t, conversation), 'Bob, carol@example.test und 2 weitere');
  const arabic = participantsTextIn(createTranslator('ar').t, conversation);
  assert.ok(arabic.startsWith('Bob, carol@example.test') && !arabic.includes('more'), arabic);
  assert.equal(participantsTextIn(createTranslator('en').t, { ...conversation, participantCount: 2 }), 'Bob, carol@example.test');
});
