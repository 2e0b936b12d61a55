/**
 * Send/Receive for the UI: summaries in plain words, the schedule settings, downloading the rest of a
 * partial message, a busy mailbox, cancel, and the scheduler that only the app starts (never the CLI).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as delay } from 'node:timers/promises';
import { accountSettingsSchema, defaultPolicy, type Account } from '../../../shared/accounts';
import { DEFAULT_SETTINGS } from '../../../shared/settings';
import { errorDetailIn, errorMessageIn } from '../../../shared/error-words';
import { createTranslator } from '../../../shared/i18n/catalogs';
import { finishedEvent, scheduleSettingsOf, signInChanged, signInOf } from '../../../electron/main/send-receive-handlers';
import type { ReceiveJob } from '../../../electron/services/send-receive';
import { emptySummary } from '../../../electron/services/send-receive';
import { sampleSettings } from '../../fakes/account-settings';
import type { FakePop3Server } from '../../fakes/pop3-server';
import { memoryKeychain } from '../../fakes/memory-keychain';
import { crlf, openMailFixture, PASSWORD, startServer, type MailFixture } from './mail-fixture';
import { foundIds } from '../storage/store-fixture';

/** How long the scheduler is given to (wrongly) start a check before the test says it did not. */
const QUIET_MS = 400;
/** How long a committed batch may take to reach the full-text index (a generous bound for a loaded machine). */
const INDEX_WAIT_MS = 30_000;

function message(index: number, bodyLines: number): Buffer {
  const body = Array.from({ length: bodyLines }, (_, line) => `Line ${line} of a long message ${index}.`);
  return crlf([`From: Dan <dan@example.org>`, 'To: ann@example.com', `Subject: Long message ${index}`, `Message-ID: <long${index}@example>`, '', ...body]);
}

const servers: FakePop3Server[] = [];
let fixture: MailFixture;

before(async () => {
  fixture = await openMailFixture();
});

after(async () => {
  await fixture.dispose();
  for (const server of servers) await server.close();
});

async function server(messages: ReadonlyArray<{ uid: string; body: Buffer }>): Promise<FakePop3Server> {
  const started = await startServer(messages);
  servers.push(started);
  return started;
}

test("the summary says why a busy mailbox waits, in the reader's language, and keeps the English message", () => {
  const now = 1_000_000;
  const busy = finishedEvent({ status: 'busy', accountId: 'a', retryAt: now + 2 * 60_000, reason: 'in-use', summary: emptySummary() });
  assert.equal(busy.status, 'busy');
  assert.equal(busy.busy?.retryAt, now + 2 * 60_000);
  assert.equal(busy.busy?.message, 'Another program is checking this mailbox — retrying.');
  assert.equal(
    busy.busy === null ? '' : errorMessageIn(createTranslator('de').t, busy.busy),
    'Ein anderes Programm ruft dieses Postfach gerade ab – neuer Versuch folgt.',
  );
  const delayed = finishedEvent({ status: 'busy', accountId: 'a', retryAt: now + 3 * 60 * 60_000, reason: 'login-delay', summary: emptySummary() });
  assert.equal(delayed.busy?.message, 'The server asks for a pause between checks — retrying.');
  assert.equal(
    delayed.busy === null ? '' : errorMessageIn(createTranslator('ar').t, delayed.busy),
    'يطلب الخادم فترة انتظار بين عمليات الفحص — ستُعاد المحاولة.',
  );
  const failed = finishedEvent({
    status: 'failed',
    accountId: 'a',
    error: { code: 'NETWORK', message: 'Mailbag could not reach the server.', retryable: true },
    summary: { ...emptySummary(), errors: [{ uidl: 'u1', error: { code: 'STORAGE', message: 'Disk full.' } }] },
  });
  assert.deepEqual(failed.errors, [
    { code: 'NETWORK', message: 'Mailbag could not reach the server.' },
    { code: 'STORAGE', message: 'Disk full.', detail: 'UIDL u1' },
  ]);
});

test('a message’s problem keeps its detail in the reader’s language after the message’s unique id; the English detail names it too', () => {
  const refused = {
    code: 'SERVER_PERMANENT',
    message: 'The server refused the request.',
    detail: 'Server said: -ERR [SYS/PERM] gone',
    detailWords: { id: 'protocolError.serverSaid', values: { response: '-ERR [SYS/PERM] gone' } },
  } as const;
  const completed = finishedEvent({ status: 'completed', accountId: 'a', summary: { ...emptySummary(), errors: [{ uidl: 'u7', error: refused }] } });
  const error = completed.errors[0];
  assert.ok(error !== undefined);
  assert.equal(error.detail, 'UIDL u7: Server said: -ERR [SYS/PERM] gone');
  assert.equal(errorDetailIn(createTranslator('en').t, error), error.detail);
  assert.equal(errorDetailIn(createTranslator('de').t, error), 'UIDL u7: Antwort des Servers: -ERR [SYS/PERM] gone');
  assert.equal(errorDetailIn(createTranslator('ar').t, error), 'UIDL u7: قال الخادم: -ERR [SYS/PERM] gone');
});

test('an account is checked at its own interval, else the global one; at startup only if both say so', () => {
  const account = (policy: Partial<ReturnType<typeof defaultPolicy>>): Account => ({
    id: 'a',
    name: 'Home',
    address: 'ann@example.com',
    settings: accountSettingsSchema.parse(sampleSettings({ policy: { ...defaultPolicy(true), ...policy } })),
    messageCount: 0,
    createdAt: 1,
    updatedAt: 1,
  });
  assert.deepEqual(scheduleSettingsOf(account({}), DEFAULT_SETTINGS), { intervalMinutes: DEFAULT_SETTINGS.checkIntervalMinutes, checkAtStartup: true });
  assert.deepEqual(scheduleSettingsOf(account({ checkEveryMinutes: 3 }), { ...DEFAULT_SETTINGS, checkIntervalMinutes: 0 }), {
    intervalMinutes: 3,
    checkAtStartup: true,
  });
  assert.deepEqual(scheduleSettingsOf(account({}), { ...DEFAULT_SETTINGS, checkIntervalMinutes: 0, checkAtStartup: false }), {
    intervalMinutes: null,
    checkAtStartup: false,
  });
  assert.deepEqual(scheduleSettingsOf(account({ checkAtStartup: false }), DEFAULT_SETTINGS)?.checkAtStartup, false);
  assert.equal(scheduleSettingsOf(account({ includeInSendReceive: false }), DEFAULT_SETTINGS), undefined);
  assert.equal(scheduleSettingsOf({ ...account({}), settings: null }, DEFAULT_SETTINGS), undefined);
});

test('a headers-only message is listed as partial, and "download the rest" completes it', async () => {
  const long = message(1, 200);
  const maildrop = await server([{ uid: 'long-1', body: long }]);
  const accountId = await fixture.addAccount(maildrop, { leaveOnServer: { mode: 'forever' }, headersOnly: true }, 'Headers');
  let since = fixture.events.length;
  await fixture.value('startSendReceive', { accountId });
  const first = await fixture.waitFor('sendReceiveFinished', (event) => event.accountId === accountId, since);
  assert.equal(first.partialMessages, 1);
  const listed = await fixture.value('searchMessages', { text: 'Long message', accountId });
  assert.ok(listed.kind === 'results', JSON.stringify(listed));
  const partial = listed.messages[0];
  assert.ok(partial !== undefined && partial.partial, JSON.stringify(listed));
  assert.doesNotMatch((await fixture.value('getMessage', { id: partial.id })).text, /Line 199/);

  since = fixture.events.length;
  assert.deepEqual(await fixture.value('downloadRestOfMessage', { id: partial.id }), { accountId });
  const completed = await fixture.waitFor('sendReceiveFinished', (event) => event.accountId === accountId, since);
  assert.equal(completed.completedMessages, 1, JSON.stringify(completed));
  await fixture.waitFor('mailChanged', (event) => event.accountIds.includes(accountId), since);
  const whole = await fixture.value('getMessage', { id: partial.id });
  assert.equal(whole.partial, false);
  assert.match(whole.text, /Line 199 of a long message 1\./);
  assert.deepEqual(await fixture.core.store.readRawMessage(partial.id), long);

  const again = await fixture.call('downloadRestOfMessage', { id: partial.id });
  assert.equal(again.ok ? 'ok' : again.error.code, 'VALIDATION');
});

test('a busy mailbox finishes as busy with the retry time and the reason in catalog words, not as an error', async () => {
  const maildrop = await server([{ uid: 'b-1', body: message(2, 3) }]);
  const accountId = await fixture.addAccount(maildrop, { leaveOnServer: { mode: 'forever' } }, 'Busy');
  for (const verb of ['PASS', 'AUTH']) maildrop.handle(verb, (connection) => connection.send('-ERR [IN-USE] Mailbox is locked by another session'));
  const since = fixture.events.length;
  await fixture.value('startSendReceive', { accountId });
  const finished = await fixture.waitFor('sendReceiveFinished', (event) => event.accountId === accountId, since);
  assert.equal(finished.status, 'busy', JSON.stringify(finished));
  assert.equal(finished.busy?.message, 'Another program is checking this mailbox — retrying.');
  assert.deepEqual(finished.busy?.words, { id: 'refusal.busyInUse' });
  assert.ok((finished.busy?.retryAt ?? 0) > Date.now() - 60_000);
  assert.deepEqual(finished.errors, []);
});

test('cancel stops a run in progress', async () => {
  const maildrop = await server([{ uid: 'slow-1', body: message(3, 3) }]);
  const accountId = await fixture.addAccount(maildrop, { leaveOnServer: { mode: 'forever' } }, 'Slow');
  maildrop.handle('RETR', () => {
    // Never answers: only cancel ends this run.
  });
  const since = fixture.events.length;
  await fixture.value('startSendReceive', { accountId });
  await fixture.waitFor('sendReceiveProgress', (event) => event.accountId === accountId && event.phase === 'downloading', since);
  assert.deepEqual(await fixture.value('cancelSendReceive', { accountId }), { cancelled: [accountId] });
  const finished = await fixture.waitFor('sendReceiveFinished', (event) => event.accountId === accountId, since);
  assert.equal(finished.status, 'cancelled');
  assert.deepEqual(await fixture.value('cancelSendReceive'), { cancelled: [] });
});

test('nothing is checked automatically until the scheduler is started (the CLI never starts it)', async () => {
  const keychain = memoryKeychain();
  const setup = await openMailFixture({ keychain, keepProfile: true });
  const maildrop = await server([{ uid: 's-1', body: message(4, 3) }]);
  const accountId = await setup.addAccount(maildrop, { leaveOnServer: { mode: 'forever' }, checkAtStartup: true }, 'Scheduled');
  await setup.dispose();
  // Reopened the way the command line opens it: the account is due at startup, yet nothing runs.
  const scheduled = await openMailFixture({ profileDir: setup.core.profileDir, keychain });
  try {
    const connections = maildrop.connections.length;
    await delay(QUIET_MS);
    assert.equal(maildrop.connections.length, connections, 'a check ran without the scheduler');
    assert.equal(
      scheduled.events.some((event) => event.name === 'sendReceiveFinished'),
      false,
    );

    scheduled.core.startScheduler();
    const finished = await scheduled.waitFor('sendReceiveFinished', (event) => event.accountId === accountId);
    assert.equal(finished.newMessages, 1);
    assert.deepEqual(await scheduled.waitFor('newMail'), { accountId, count: 1 });
  } finally {
    await scheduled.dispose();
  }
});

test('without a saved password Send/Receive does not start; a password entered is checked by a sign-in, kept, and the run then works', async () => {
  const maildrop = await server([{ uid: 'p-1', body: message(5, 3) }]);
  const accountId = await fixture.addAccount(maildrop, { leaveOnServer: { mode: 'forever' } }, 'Forgotten');
  await fixture.core.credentials.remove(accountId, 'pop3');
  const refused = await fixture.value('startSendReceive', { accountId });
  assert.deepEqual(refused.started, []);
  assert.equal(refused.notStarted[0]?.error.code, 'PASSWORD_NEEDED');
  assert.equal((await fixture.value('getPasswordStorage', undefined)).persistent, true, 'a keychain exists: "Remember" is offered');

  const wrong = await fixture.call('enterPassword', { accountId, password: 'not-it', remember: true });
  assert.equal(wrong.ok ? 'ok' : wrong.error.code, 'AUTH_FAILED');
  assert.equal(await fixture.core.accounts.password(accountId, 'pop3'), undefined, 'a refused password is never kept');

  const kept = await fixture.value('enterPassword', { accountId, password: PASSWORD, remember: false });
  assert.deepEqual(kept, { backend: 'session', persistent: false }, 'not remembered: kept for this session only');
  const since = fixture.events.length;
  assert.deepEqual((await fixture.value('startSendReceive', { accountId })).started, [accountId]);
  const finished = await fixture.waitFor('sendReceiveFinished', (event) => event.accountId === accountId, since);
  assert.equal(finished.newMessages, 1, JSON.stringify(finished));
});

test('only another password or user name lets automatic checks try again after a refusal', () => {
  const job = (username: string, password: string): ReceiveJob => ({
    accountId: 'a',
    databaseFile: 'x',
    rawDirectory: 'y',
    connection: { host: '127.0.0.1', port: 1, security: 'none' },
    credentials: { username, password },
    policy: { leaveOnServer: { mode: 'forever' }, headersOnly: false, sizeLimitBytes: null },
  });
  const refused = signInOf(job('ann', 'old'));
  assert.equal(signInChanged(refused, job('ann', 'old')), false, 'the refused password is never retried on a schedule');
  assert.equal(signInChanged(refused, job('ann', 'new')), true);
  assert.equal(signInChanged(refused, job('ann@example.com', 'old')), true);
  assert.equal(signInChanged(refused, undefined), false, 'no password now: nothing to try');
});

test('a committed batch is listed with its columns at once and indexed while the run goes on', async () => {
  const maildrop = await server([
    { uid: 'batch-1', body: message(4, 3) },
    { uid: 'batch-2', body: message(5, 3) },
  ]);
  const accountId = await fixture.addAccount(maildrop, { leaveOnServer: { mode: 'forever' } }, 'Batches');
  maildrop.handle('QUIT', () => {
    // Never answers: the run stays unfinished until it is cancelled.
  });
  const since = fixture.events.length;
  await fixture.value('startSendReceive', { accountId });
  await fixture.waitFor('mailChanged', (event) => event.accountIds.includes(accountId), since);
  const inbox = fixture.core.store.listFolders(accountId).find((folder) => folder.role === 'inbox');
  const listed = fixture.core.store.listMessages(inbox?.id ?? -1).messages;
  assert.deepEqual(listed.map((item) => [item.subject, item.from?.address]).sort(), [
    ['Long message 4', 'dan@example.org'],
    ['Long message 5', 'dan@example.org'],
  ]);
  // The full-text index follows without waiting for the end of the run.
  const deadline = Date.now() + INDEX_WAIT_MS;
  while (foundIds(fixture.core.store, 'Line 2 of a long message 5', { accountId }).length !== 1) {
    assert.ok(Date.now() < deadline, `not indexed within ${INDEX_WAIT_MS} ms`);
    await delay(20);
  }
  assert.equal(
    fixture.events.slice(since).some((event) => event.name === 'sendReceiveFinished'),
    false,
    'the run has not finished',
  );
  await fixture.value('cancelSendReceive', { accountId });
  await fixture.waitFor('sendReceiveFinished', (event) => event.accountId === accountId, since);
});

test('mail left out of the full-text index (a crash, the command line) is indexed when the app starts', async () => {
  const keychain = memoryKeychain();
  const setup = await openMailFixture({ keychain, keepProfile: true });
  const accountId = await setup.addAccount(await server([]), { leaveOnServer: { mode: 'forever' } }, 'Catch up');
  const stored = await setup.core.store.addMessage({ accountId, folder: 'inbox' }, message(6, 3));
  assert.ok(stored.status === 'stored');
  await setup.dispose();
  const reopened = await openMailFixture({ profileDir: setup.core.profileDir, keychain });
  try {
    assert.equal(reopened.core.store.getMessage(stored.messageId).subject, 'Long message 6', 'listed from its headers');
    assert.deepEqual(foundIds(reopened.core.store, 'Line 2 of a long message 6', { accountId }), [], 'not yet searchable');
    reopened.core.startScheduler();
    const deadline = Date.now() + INDEX_WAIT_MS;
    while (foundIds(reopened.core.store, 'Line 2 of a long message 6', { accountId }).length !== 1) {
      assert.ok(Date.now() < deadline, `not indexed within ${INDEX_WAIT_MS} ms`);
      await delay(20);
    }
  } finally {
    await reopened.dispose();
  }
});
