import { test } from 'node:test';
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { migrate } from '../../../../electron/storage/database';
import { MIGRATIONS } from '../../../../electron/storage/migrations';
import { migration023OutboxReasonWords } from '../../../../electron/storage/migrations/023-outbox-reason-words';
import { getOutboxRow, updateOutboxRow } from '../../../../electron/storage/outbox';
import { createTranslator } from '../../../../shared/i18n/catalogs';
import { outboxReasonText } from '../../../../shared/outbox-reason';

const OLD_REASON = 'Mailbag could not reach the server.';
const DE = createTranslator('de').t;

test('023 keeps a reason as data; rows from before, unknown messages and broken JSON keep their English words', () => {
  const db = new Database(':memory:');
  migrate(
    db,
    MIGRATIONS.filter((candidate) => candidate.version < migration023OutboxReasonWords.version),
  );
  db.exec('pragma foreign_keys = OFF');
  db.prepare(
    `insert into outbox (account_id, message_id, rfc_message_id, envelope_from, recipients, needs_smtp_utf8, eight_bit, size, state, reason, reason_code, queued_at, updated_at)
     values ('a', 1, '<1@x>', 'ann@example.com', '[{"address":"bob@example.com","status":"pending","reason":"Busy."}]', 0, 0, 10, 'failed', ?, 'NETWORK', 1, 1)`,
  ).run(OLD_REASON);
  migrate(db, MIGRATIONS);
  assert.equal(db.pragma('user_version', { simple: true }), MIGRATIONS.at(-1)?.version);
  const old = getOutboxRow(db, 1);
  assert.equal(old.reasonWords, null, 'a reason kept before has no words');
  assert.equal(outboxReasonText(DE, old), OLD_REASON, 'and is shown as it was written');
  assert.deepEqual(old.recipients, [{ address: 'bob@example.com', status: 'pending', reason: 'Busy.' }]);

  const words = { id: 'outbox.reason.gaveUp', values: { attempts: 8, reason: { id: 'connection.refusedServer' } } } as const;
  updateOutboxRow(
    db,
    1,
    {
      state: 'failed',
      recipients: old.recipients,
      attempts: 8,
      nextAttemptAt: null,
      reason: 'Mailbag gave up after 8 attempts.',
      reasonCode: 'NETWORK',
      reasonWords: words,
      sentAt: null,
    },
    2,
  );
  const stored = getOutboxRow(db, 1);
  assert.deepEqual(stored.reasonWords, words);
  assert.equal(outboxReasonText(DE, stored), `Mailbag hat nach 8 Versuchen aufgegeben. ${DE('connection.refusedServer')}`);

  for (const broken of [
    '{"id":"outbox.reason.noSuchMessage"}',
    '{"id":"outbox.reason.stopped"',
    '{"id":"outbox.reason.gaveUp","values":{"reason":{"id":"no.such"}}}',
    '42',
  ]) {
    db.prepare('update outbox set reason_words = ? where id = 1').run(broken);
    const row = getOutboxRow(db, 1);
    assert.equal(row.reasonWords, null, broken);
    assert.equal(outboxReasonText(DE, row), 'Mailbag gave up after 8 attempts.', broken);
  }
  db.prepare('update outbox set recipients = ? where id = 1').run(
    JSON.stringify([{ address: 'bob@example.com', status: 'refused', reason: 'Refused.', reasonWords: { id: 'no.such.message' } }]),
  );
  assert.deepEqual(
    getOutboxRow(db, 1).recipients,
    [{ address: 'bob@example.com', status: 'refused', reason: 'Refused.' }],
    'a recipient keeps its English words',
  );
});
