/** The Outbox notice counts what needs the user, the Outbox drops what went to everyone, the password question names the account. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { OutboxItemView } from '../../../../shared/compose-ops';
import { createTranslator } from '../../../../shared/i18n/catalogs';
import { passwordQuestion, stuckOutboxItems, waitingItems } from '../../../../renderer/state/window-notices';

function item(
  id: number,
  state: OutboxItemView['state'],
  statuses: ReadonlyArray<OutboxItemView['recipients'][number]['status']> = ['pending'],
): OutboxItemView {
  return {
    id,
    accountId: 'a',
    storedMessageId: id,
    messageId: `<${id}@example.test>`,
    state,
    reason: null,
    reasonCode: null,
    reasonWords: null,
    attempts: 0,
    nextAttemptAt: null,
    recipients: statuses.map((status, index) => ({ address: `r${index}@example.test`, status })),
    groups: [],
    size: 1,
    queuedAt: id,
    sentAt: null,
  };
}

test('a message sent to every recipient leaves the Outbox; waiting, failed and partly refused ones stay', () => {
  const items = [
    item(1, 'sent', ['accepted', 'accepted']),
    item(2, 'sent', ['accepted', 'refused']),
    item(3, 'queued'),
    item(4, 'retrying'),
    item(5, 'failed'),
    item(6, 'ambiguous', ['uncertain']),
  ];
  assert.deepEqual(
    waitingItems(items).map((entry) => entry.id),
    [2, 3, 4, 5, 6],
  );
});

test('the notice counts the messages that could not be sent or may have been sent', () => {
  const items = [item(1, 'sent', ['accepted']), item(2, 'failed'), item(3, 'retrying'), item(4, 'ambiguous', ['uncertain']), item(5, 'queued')];
  assert.deepEqual(
    stuckOutboxItems(items).map((entry) => entry.id),
    [2, 4],
  );
  const { t } = createTranslator('en');
  assert.equal(t('outbox.stuck', { count: 1 }), '1 message could not be sent —');
  assert.equal(t('outbox.stuck', { count: 3 }), '3 messages could not be sent —');
  assert.equal(createTranslator('de').t('outbox.stuck', { count: 3 }), '3 Nachrichten konnten nicht gesendet werden —');
});

test('the password question names the account and where it signs in, and says why it asks', () => {
  assert.equal(
    passwordQuestion(createTranslator('en').t, 'Home', 'missing', { username: 'alice', host: 'pop.example.test' }),
    'Mailbag has no saved password for Home (alice on pop.example.test). Enter it to check and send mail.',
  );
  assert.match(
    passwordQuestion(createTranslator('en').t, 'Home', 'refused', null),
    /^The server did not accept the password for Home\. Automatic checks of this account are paused/,
  );
});
