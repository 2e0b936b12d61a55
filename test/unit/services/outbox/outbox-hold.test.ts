/**
 * The undo delay of a message sent from compose: it waits in the Outbox until its not-before time,
 * Undo (remove) takes it back while it waits, and once sending has started removal is refused, so a
 * message is never half taken back.
 */
import assert from 'node:assert/strict';
import { afterEach, describe, test } from 'node:test';
import type { OutboxSender } from '../../../../electron/services/outbox';
import type { SmtpSendOutcome } from '../../../../electron/protocols/smtp';
import { ACCOUNT_ID, startOutboxFixture, type OutboxFixture } from './outbox-fixture';

const TEST_TIMEOUT_MS = 20_000;
const UNDO_MS = 5_000;
const MESSAGE = { to: [{ address: 'bob@example.test' }], subject: 'Held', text: 'Wait for it.\n' };

let fixture: OutboxFixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

describe('the undo delay', { timeout: TEST_TIMEOUT_MS }, () => {
  test('a held message is not due before its time, then it is sent', async () => {
    const current = (fixture = await startOutboxFixture());
    const entry = await current.outbox.queue(ACCOUNT_ID, MESSAGE, { notBefore: current.now + UNDO_MS });
    assert.equal(entry.state, 'queued');
    assert.equal(entry.notBefore, current.now + UNDO_MS);
    assert.deepEqual(await current.outbox.flush(), [], 'nothing is sent during the delay');
    current.now += UNDO_MS - 1;
    assert.deepEqual(await current.outbox.flush({ accountId: ACCOUNT_ID }), []);
    current.now += 1;
    const [result] = await current.outbox.flush({ accountId: ACCOUNT_ID });
    assert.equal(result?.result, 'sent');
    assert.equal(current.server.transactions.length, 1);
  });

  test('Undo during the delay removes the message and its bytes; nothing is sent', async () => {
    const current = (fixture = await startOutboxFixture());
    const entry = await current.outbox.queue(ACCOUNT_ID, MESSAGE, { notBefore: current.now + UNDO_MS });
    await current.outbox.remove(entry.id);
    assert.throws(() => current.store.getMessage(entry.storedMessageId));
    current.now += UNDO_MS * 2;
    assert.deepEqual(await current.outbox.flush(), []);
    assert.equal(current.server.transactions.length, 0);
  });

  test('once sending has started, Undo is refused and the message goes out', async () => {
    let release: (outcome: SmtpSendOutcome) => void = () => undefined;
    let markStarted: () => void = () => undefined;
    const started = new Promise<void>((resolve) => (markStarted = resolve));
    const sender: OutboxSender = () => {
      markStarted();
      return new Promise<SmtpSendOutcome>((resolve) => (release = resolve));
    };
    const current = (fixture = await startOutboxFixture({}, sender));
    const entry = await current.outbox.queue(ACCOUNT_ID, MESSAGE, { notBefore: current.now + UNDO_MS });
    current.now += UNDO_MS;
    const flushing = current.outbox.flush();
    await started;
    assert.equal(current.outbox.get(entry.id).state, 'sending');
    await assert.rejects(current.outbox.remove(entry.id), /being sent/);
    release({
      kind: 'sent',
      recipients: [{ address: 'bob@example.test', status: 'accepted' }],
      response: '250 2.0.0 Ok',
      serverMessageId: undefined,
      server: undefined,
    });
    const [result] = await flushing;
    assert.equal(result?.state, 'sent');
  });

  test('an edit before sending keeps the message queued and due at once', async () => {
    const current = (fixture = await startOutboxFixture());
    const entry = await current.outbox.queue(ACCOUNT_ID, MESSAGE, { notBefore: current.now + UNDO_MS });
    const edited = await current.outbox.edit(entry.id, { ...MESSAGE, subject: 'Edited' });
    assert.equal(edited.notBefore, null);
    const [result] = await current.outbox.flush();
    assert.equal(result?.result, 'sent');
  });
});
