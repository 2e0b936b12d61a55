/**
 * A reply or forward marks its original answered or forwarded only once the server has accepted it:
 * not while it waits in the Outbox, not after a refusal, and the send still goes when the original was
 * deleted meanwhile. Faults come from the fake SMTP server; the real Postfix path is in the e2e tests.
 */
import assert from 'node:assert/strict';
import { afterEach, describe, test } from 'node:test';
import { FIRST_RETRY_DELAY_MS } from '../../../../electron/services/outbox';
import { refuseMailWhile, type FakeSmtpOptions } from '../../../fakes/smtp-server';
import { mail } from '../../storage/store-fixture';
import { ACCOUNT_ID, startOutboxFixture, type OutboxFixture } from './outbox-fixture';

/** Bound on each test: the fake answers at once. */
const TEST_TIMEOUT_MS = 20_000;

const ANSWER = { to: [{ name: 'Bob', address: 'bob@example.test' }], subject: 'Re: Plans', text: 'Yes.\n' };

let fixture: OutboxFixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

async function start(options: FakeSmtpOptions = {}): Promise<OutboxFixture> {
  fixture = await startOutboxFixture(options);
  return fixture;
}

async function original(current: OutboxFixture, uidl: string): Promise<number> {
  const outcome = await current.store.addMessage(
    { accountId: ACCOUNT_ID, folder: 'inbox', pop: { uidl, state: 'downloaded' } },
    mail({ subject: 'Plans', from: '"\u202Bأحمد علي\u202C" <ahmad@example.org>', body: 'Shall we?' }),
  );
  assert.ok(outcome.status === 'stored');
  return outcome.messageId;
}

function marks(current: OutboxFixture, id: number): { answered: boolean; forwarded: boolean } {
  const { answered, forwarded } = current.store.getMessage(id);
  return { answered, forwarded };
}

describe('answered and forwarded', { timeout: TEST_TIMEOUT_MS }, () => {
  test('a reply marks its original answered only when the server accepted it, after refusals and retries', async () => {
    let temporary = 1;
    const current = await start({ handlers: { MAIL: refuseMailWhile(() => temporary-- > 0) } });
    const id = await original(current, 'U1');
    await current.outbox.queue(ACCOUNT_ID, ANSWER, {}, { messageId: id, kind: 'reply' });
    assert.deepEqual(marks(current, id), { answered: false, forwarded: false }, 'queued is not sent');
    assert.equal((await current.outbox.flush())[0]?.result, 'retrying');
    assert.deepEqual(marks(current, id), { answered: false, forwarded: false }, 'a refused attempt marks nothing');
    current.now += FIRST_RETRY_DELAY_MS;
    assert.equal((await current.outbox.flush())[0]?.result, 'sent');
    assert.deepEqual(marks(current, id), { answered: true, forwarded: false });
  });

  test('a forward marks its original forwarded; a new message marks nothing', async () => {
    const current = await start();
    const forwarded = await original(current, 'U2');
    const untouched = await original(current, 'U3');
    await current.outbox.queue(ACCOUNT_ID, { ...ANSWER, subject: 'Fwd: Plans' }, {}, { messageId: forwarded, kind: 'forward' });
    await current.outbox.queue(ACCOUNT_ID, { ...ANSWER, subject: 'Plans, again' });
    const results = await current.outbox.flush();
    assert.deepEqual(
      results.map((result) => result.state),
      ['sent', 'sent'],
    );
    assert.deepEqual(marks(current, forwarded), { answered: false, forwarded: true });
    assert.deepEqual(marks(current, untouched), { answered: false, forwarded: false });
  });

  test('a message refused for good leaves its original unanswered', async () => {
    const current = await start({ handlers: { MAIL: (connection) => connection.reply('550 5.7.1 Not from you') } });
    const id = await original(current, 'U4');
    await current.outbox.queue(ACCOUNT_ID, ANSWER, {}, { messageId: id, kind: 'reply' });
    const [result] = await current.outbox.flush();
    assert.notEqual(result?.state, 'sent');
    assert.deepEqual(marks(current, id), { answered: false, forwarded: false });
  });

  test('an original deleted before the answer was queued or sent does not keep the answer from going', async () => {
    const current = await start();
    const early = await original(current, 'U5');
    const late = await original(current, 'U6');
    await current.store.deleteMessagesPermanently([early]);
    await current.outbox.queue(ACCOUNT_ID, ANSWER, {}, { messageId: early, kind: 'reply' });
    await current.outbox.queue(ACCOUNT_ID, { ...ANSWER, subject: 'Re: Plans 2' }, {}, { messageId: late, kind: 'reply' });
    await current.store.deleteMessagesPermanently([late]);
    const results = await current.outbox.flush();
    assert.deepEqual(
      results.map((result) => result.state),
      ['sent', 'sent'],
    );
  });
});
