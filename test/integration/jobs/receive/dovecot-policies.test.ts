/**
 * Send/Receive against a real Dovecot with a generated mailbox of a few hundred messages of mixed
 * kinds: each policy is verified by what remains in Dovecot's maildir afterwards, and every stored
 * message is byte-equal to what POP3 delivers for its maildir file (LF files become CRLF).
 */
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { receiveAccount } from '../../../../electron/jobs/receive/receive-account';
import { DAY_MS } from '../../../../electron/jobs/receive/receive-plan';
import type { ReceiveOutcome, ReceivePolicy } from '../../../../electron/jobs/receive/receive-types';
import { listServerDeletions } from '../../../../electron/storage/pop-journal';
import { startDovecot, type DovecotServer } from '../../../servers/dovecot';
import { readExpectedMessage, TEST_MAIL_SIZES, type GeneratedMessage } from '../../../servers/maildir';
import { assertSameBytes, SERVER_TEST_TIMEOUT_MS } from '../../pop3/support';
import { ACCOUNT, assertStatus, DELETE_AFTER_DOWNLOAD, KEEP_FOREVER, temporaryStore } from '../../../unit/jobs/receive/support';

const MESSAGE_COUNT = 300;

describe('Send/Receive policies on Dovecot', { timeout: SERVER_TEST_TIMEOUT_MS * 2 }, () => {
  let server: DovecotServer;
  let messages: GeneratedMessage[];
  let expected: Map<string, Buffer>;
  let local: Awaited<ReturnType<typeof temporaryStore>>;

  beforeEach(async () => {
    server = await startDovecot();
    messages = await server.generateMessages({ count: MESSAGE_COUNT, seed: 404, sizes: TEST_MAIL_SIZES });
    expected = new Map(await Promise.all(messages.map(async (message) => [message.baseName, await readExpectedMessage(message.path)] as const)));
    local = await temporaryStore();
  });
  afterEach(async () => {
    local.dispose();
    await server.stop();
  });

  function receive(policy: ReceivePolicy, extra: Partial<Parameters<typeof receiveAccount>[0]> = {}): Promise<ReceiveOutcome> {
    return receiveAccount({
      accountId: ACCOUNT,
      store: local.store,
      connection: { host: server.host, port: server.tlsPort, security: 'tls', ca: server.certificates.caPem },
      credentials: { username: server.user, password: server.password },
      policy,
      batchMessages: 64,
      ...extra,
    });
  }

  async function remaining(): Promise<string[]> {
    return (await server.listMessages()).map((entry) => entry.baseName).sort();
  }

  /** Every journal row's stored bytes equal what POP3 delivers for its maildir file. */
  async function assertStoredExactly(baseNames: readonly string[]): Promise<void> {
    const rows = local.database
      .prepare<[string], { uidl: string; message_id: number }>('select uidl, message_id from pop_journal where account_id = ? and message_id is not null')
      .all(ACCOUNT);
    assert.deepEqual(rows.map((row) => row.uidl).sort(), [...baseNames].sort());
    for (const row of rows) assertSameBytes(await local.store.readRawMessage(row.message_id), expected.get(row.uidl) ?? Buffer.alloc(0), row.uidl);
    assert.equal(local.database.prepare('select count(*) from messages').pluck().get(), baseNames.length, 'no duplicates');
  }

  test('delete after download: all stored byte-equal, the maildir is empty', async () => {
    const outcome = await receive(DELETE_AFTER_DOWNLOAD);
    assertStatus(outcome, 'completed');
    assert.equal(outcome.summary.newMessages, MESSAGE_COUNT);
    assert.equal(outcome.summary.deletedOnServer['delete-after-download'], MESSAGE_COUNT);
    assert.deepEqual(await remaining(), []);
    await assertStoredExactly([...expected.keys()]);
    assert.equal(listServerDeletions(local.database, ACCOUNT, 1000).length, MESSAGE_COUNT);
  });

  test('keep forever: all stored, every maildir file still there; a second check fetches nothing', async () => {
    assertStatus(await receive(KEEP_FOREVER), 'completed');
    const again = await receive(KEEP_FOREVER);
    assertStatus(again, 'completed');
    assert.equal(again.summary.newMessages, 0);
    assert.deepEqual(await remaining(), [...expected.keys()].sort());
    await assertStoredExactly([...expected.keys()]);
  });

  test('keep N days: kept before the N days are over, removed after', async () => {
    const start = Date.now();
    const policy: ReceivePolicy = { ...KEEP_FOREVER, leaveOnServer: { mode: 'days', days: 7 } };
    assertStatus(await receive(policy, { clock: () => start }), 'completed');
    assertStatus(await receive(policy, { clock: () => start + 6 * DAY_MS }), 'completed');
    assert.equal((await remaining()).length, MESSAGE_COUNT);
    const later = await receive(policy, { clock: () => start + 7 * DAY_MS });
    assertStatus(later, 'completed');
    assert.equal(later.summary.deletedOnServer['keep-days-expired'], MESSAGE_COUNT);
    assert.deepEqual(await remaining(), []);
    await assertStoredExactly([...expected.keys()]);
  });

  test('delete when deleted here: exactly the messages removed from Trash disappear from the maildir', async () => {
    const policy: ReceivePolicy = { ...KEEP_FOREVER, leaveOnServer: { mode: 'until-deleted' } };
    assertStatus(await receive(policy), 'completed');
    const chosen = messages.filter((message) => message.index % 29 === 0).map((message) => message.baseName);
    const select = local.database.prepare<[string], number>('select message_id from pop_journal where uidl = ?').pluck();
    await local.store.deleteMessagesPermanently(chosen.map((name) => select.get(name) ?? -1));
    const outcome = await receive(policy);
    assertStatus(outcome, 'completed');
    assert.equal(outcome.summary.deletedOnServer['deleted-locally'], chosen.length);
    assert.deepEqual(await remaining(), [...expected.keys()].filter((name) => !chosen.includes(name)).sort());
  });

  test('size limit: large messages arrive as headers only and stay on the server until completed', async () => {
    const limit = 20_000;
    const large = messages.filter((message) => message.pop3Size > limit).map((message) => message.baseName);
    assert.ok(large.length > 0, 'the generated mailbox has messages over the limit');
    const policy: ReceivePolicy = { ...DELETE_AFTER_DOWNLOAD, sizeLimitBytes: limit };
    const outcome = await receive(policy);
    assertStatus(outcome, 'completed');
    assert.equal(outcome.summary.partialMessages, large.length);
    assert.deepEqual(await remaining(), [...large].sort());
    const rest = await receive(policy, { mode: { kind: 'complete', uidls: large } });
    assertStatus(rest, 'completed');
    assert.equal(rest.summary.completedMessages, large.length);
    assert.deepEqual(await remaining(), []);
    await assertStoredExactly([...expected.keys()]);
  });
});
