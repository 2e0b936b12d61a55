/**
 * A Server mailbox session against the scriptable POP3 server, in this thread: downloads are stored as
 * Send/Receive stores them (and a later Send/Receive does not store them again), deletions go through
 * the deletion engine with the reason `deleted-by-user`, a session cut before QUIT puts the journal
 * back, and "keep on server forever" holds against a delete-after-download policy.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { afterEach, beforeEach, test } from 'node:test';
import { errorMessageIn } from '../../../../shared/error-words';
import { MailbagError } from '../../../../shared/errors';
import { createTranslator } from '../../../../shared/i18n/catalogs';
import { runServerMailboxJob, serverMailboxSession } from '../../../../electron/jobs/server-mailbox/run-server-mailbox-job';
import type { ServerMailboxRequest } from '../../../../electron/jobs/server-mailbox/server-mailbox-job';
import { TranscriptRecorder } from '../../../../electron/jobs/server-mailbox/transcript-recorder';
import { RAW_DIRECTORY_NAME } from '../../../../electron/storage/message-store';
import { getPopJournalEntry, listServerDeletions } from '../../../../electron/storage/pop-journal';
import { readKeptForever, setKeptForever } from '../../../../electron/storage/server-mailbox-records';
import { buildListing } from '../../../../electron/services/server-mailbox/mailbox-view';
import { doubleAnswer, rewriteListing } from '../../../fakes/pop3/faults';
import type { FakePop3Server } from '../../../fakes/pop3-server';
import { FAST_TIMEOUTS } from '../../protocols/pop3/helpers';
import { ACCOUNT, DELETE_AFTER_DOWNLOAD, KEEP_FOREVER, PASSWORD, USER, assertStatus, receiveFrom, startMaildrop, temporaryStore } from '../receive/support';

let server: FakePop3Server;
let originals: Map<string, Buffer>;
let local: Awaited<ReturnType<typeof temporaryStore>>;

beforeEach(async () => {
  ({ server, originals } = await startMaildrop(4));
  local = await temporaryStore();
});
afterEach(async () => {
  local.dispose();
  await server.close();
});

function session(request: ServerMailboxRequest, recorder = new TranscriptRecorder('server-mailbox')) {
  return serverMailboxSession(
    {
      accountId: ACCOUNT,
      databaseFile: '',
      rawDirectory: '',
      connection: { host: server.host, port: server.port, security: 'none', allowInsecureAuth: true, timeouts: FAST_TIMEOUTS },
      credentials: { username: USER, password: PASSWORD },
      request,
    },
    local.store,
    recorder,
    new AbortController().signal,
  );
}

test('listing reads sender, subject and size of every message without storing anything', async () => {
  const result = await session({ kind: 'list' });
  assert.deepEqual(
    result.entries.map((entry) => [entry.uidl, entry.size, entry.subject, entry.from]),
    [...originals].map(([uid, bytes], index) => [uid, bytes.length, `Message ${index + 1}`, `sender${index + 1}@example.org`]),
  );
  assert.equal(local.database.prepare('select count(*) from messages').pluck().get(), 0);
  assert.equal(local.database.prepare('select count(*) from pop_journal').pluck().get(), 0);
});

test('download now stores the bytes as Send/Receive would, and Send/Receive does not store them again', async () => {
  const result = await session({ kind: 'download', uidls: ['uid-2'], headersOnly: false });
  assert.equal(result.downloaded, 1);
  const row = getPopJournalEntry(local.database, ACCOUNT, 'uid-2');
  assert.equal(row?.state, 'downloaded');
  assert.deepEqual(await local.store.readRawMessage(row?.messageId ?? 0), originals.get('uid-2'));
  const outcome = await receiveFrom(server, local.store, KEEP_FOREVER);
  assertStatus(outcome, 'completed');
  assert.equal(outcome.summary.newMessages, 3);
  assert.equal(local.database.prepare('select count(*) from messages').pluck().get(), 4, 'no duplicate');
});

test('headers only stores a partial message, and download now completes it in place', async () => {
  const headers = await session({ kind: 'download', uidls: ['uid-1'], headersOnly: true });
  assert.equal(headers.partial, 1);
  const partial = getPopJournalEntry(local.database, ACCOUNT, 'uid-1');
  assert.equal(partial?.state, 'headers-only');
  const full = await session({ kind: 'download', uidls: ['uid-1'], headersOnly: false });
  assert.equal(full.downloaded, 1);
  const complete = getPopJournalEntry(local.database, ACCOUNT, 'uid-1');
  assert.equal(complete?.state, 'downloaded');
  assert.equal(complete?.messageId, partial?.messageId);
  assert.deepEqual(await local.store.readRawMessage(complete?.messageId ?? 0), originals.get('uid-1'));
});

test('delete removes a message never downloaded, records why, and it is never downloaded afterwards', async () => {
  const result = await session({ kind: 'delete', uidls: ['uid-3'] });
  assert.equal(result.deleted, 1);
  assert.deepEqual(
    result.entries.map((entry) => entry.uidl),
    ['uid-1', 'uid-2', 'uid-4'],
  );
  assert.deepEqual(
    server.messages.map((message) => message.uid),
    ['uid-1', 'uid-2', 'uid-4'],
  );
  assert.deepEqual(
    listServerDeletions(local.database, ACCOUNT).map((record) => [record.uidl, record.reason]),
    [['uid-3', 'deleted-by-user']],
  );
  const outcome = await receiveFrom(server, local.store, KEEP_FOREVER);
  assertStatus(outcome, 'completed');
  assert.equal(outcome.summary.newMessages, 3);
});

test('a session cut before QUIT deletes nothing and puts the journal back as it was', async () => {
  await session({ kind: 'download', uidls: ['uid-1'], headersOnly: true });
  server.handle('DELE', (connection) => connection.destroy());
  await assert.rejects(session({ kind: 'delete', uidls: ['uid-1', 'uid-4'] }));
  assert.equal(server.messages.length, 4);
  assert.equal(getPopJournalEntry(local.database, ACCOUNT, 'uid-1')?.state, 'headers-only');
  assert.equal(getPopJournalEntry(local.database, ACCOUNT, 'uid-4'), undefined);
  assert.deepEqual(listServerDeletions(local.database, ACCOUNT), []);
});

test('a DELE answered twice ends the session: nothing is recorded as deleted and the journal is put back', async () => {
  doubleAnswer(server, 'DELE', '1');
  await assert.rejects(session({ kind: 'delete', uidls: ['uid-1', 'uid-4'] }), (error: unknown) => (error as { code?: string }).code === 'PROTOCOL_ERROR');
  assert.equal(server.messages.length, 4);
  assert.ok(!server.connections.some((connection) => connection.received.includes('QUIT')), 'QUIT was never sent');
  assert.equal(getPopJournalEntry(local.database, ACCOUNT, 'uid-1'), undefined);
  assert.equal(getPopJournalEntry(local.database, ACCOUNT, 'uid-4'), undefined);
  assert.deepEqual(listServerDeletions(local.database, ACCOUNT), []);
});

test('a bad listing line or a number only UIDL mentions is left out of the listing with a warning, the rest is listed', async () => {
  rewriteListing(server, 'LIST', (lines) => lines.filter((each) => !each.startsWith('4 ')).map((each) => (each.startsWith('2 ') ? '2 -1' : each)));
  const result = await session({ kind: 'list' });
  assert.deepEqual(
    result.entries.map((entry) => entry.uidl),
    ['uid-1', 'uid-3'],
  );
  assert.equal(result.skipped.length, 2);
  assert.match(result.skipped.join('\n'), /Message 2 was skipped: the server gave it a size/);
  assert.match(result.skipped.join('\n'), /Message 4 was skipped: the server's UIDL lists it but its LIST does not/);
  const listing = buildListing({
    accountId: ACCOUNT,
    session: result,
    journal: new Map(),
    keptForever: new Set(),
    policy: DELETE_AFTER_DOWNLOAD,
    now: Date.now(),
  });
  assert.deepEqual(listing.warnings, result.skipped);
  // The same warnings as data, for the window to say in its language.
  assert.deepEqual(listing.skipped, [
    { number: 2, kind: 'bad-size', line: '2 -1' },
    { number: 4, kind: 'not-in-list' },
  ]);
  assert.ok(
    listing.messages.every((message) => message.number !== 4),
    'never shown as "will be removed"',
  );
});

test('when QUIT gets no answer, the deletions stay pending and the next Send/Receive completes them', async () => {
  const quit = server.handlerFor('QUIT');
  assert.ok(quit !== undefined);
  server.handle('QUIT', (connection) => connection.destroy());
  await assert.rejects(session({ kind: 'delete', uidls: ['uid-1', 'uid-4'] }));
  assert.equal(getPopJournalEntry(local.database, ACCOUNT, 'uid-4')?.state, 'delete-pending');
  server.handle('QUIT', quit);
  const outcome = await receiveFrom(server, local.store, KEEP_FOREVER);
  assertStatus(outcome, 'completed');
  assert.equal(outcome.summary.newMessages, 2, 'the two messages the user deleted are never downloaded');
  assert.deepEqual(
    server.messages.map((message) => message.uid),
    ['uid-2', 'uid-3'],
  );
  assert.deepEqual(
    listServerDeletions(local.database, ACCOUNT).map((record) => record.reason),
    ['deleted-by-user', 'deleted-by-user'],
  );
});

test('messages kept forever survive a delete-after-download policy; the others are deleted', async () => {
  setKeptForever(local.database, ACCOUNT, ['uid-2'], true);
  assert.deepEqual([...readKeptForever(local.database, ACCOUNT)], ['uid-2']);
  const first = await receiveFrom(server, local.store, DELETE_AFTER_DOWNLOAD);
  assertStatus(first, 'completed');
  assert.deepEqual(
    server.messages.map((message) => message.uid),
    ['uid-2'],
  );
  const again = await receiveFrom(server, local.store, DELETE_AFTER_DOWNLOAD);
  assertStatus(again, 'completed');
  assert.deepEqual(
    server.messages.map((message) => message.uid),
    ['uid-2'],
    'still kept on a later run',
  );
  setKeptForever(local.database, ACCOUNT, ['uid-2'], false);
  await receiveFrom(server, local.store, DELETE_AFTER_DOWNLOAD);
  assert.deepEqual(server.messages, [], 'handed back to the policy');
});

test('the transcript shows the conversation with the password redacted', async () => {
  const recorder = new TranscriptRecorder('server-mailbox');
  await session({ kind: 'list' }, recorder);
  const text = recorder
    .finish()
    .lines.map((line) => `${line.direction} ${line.text}`)
    .join('\n');
  assert.match(text, /client UIDL/);
  assert.match(text, /client TOP 1 0/);
  assert.ok(!text.includes(PASSWORD));
});

test('a server without unique ids (UIDL) refuses acting on one message, in the reader’s language', async () => {
  server.remove('UIDL');
  const refusal: unknown = await session({ kind: 'delete', uidls: ['uid-2'] }).then(
    () => assert.fail('not refused'),
    (error: unknown) => error,
  );
  assert.ok(refusal instanceof MailbagError && refusal.code === 'SERVER_PERMANENT', String(refusal));
  assert.equal(refusal.message, 'This server does not give its messages unique ids (UIDL), so Mailbag cannot safely act on single messages there.');
  assert.equal(
    errorMessageIn(createTranslator('de').t, refusal.toData()),
    'Dieser Server vergibt keine eindeutigen IDs für seine Nachrichten (UIDL), daher kann Mailbag dort nicht sicher mit einzelnen Nachrichten arbeiten.',
  );
  assert.equal(
    errorMessageIn(createTranslator('ar').t, refusal.toData()),
    'لا يعطي هذا الخادم رسائله معرّفات فريدة (UIDL)، لذا لا يستطيع Mailbag التعامل بأمان مع رسائل مفردة عليه.',
  );
  assert.ok(
    server.connections.every((connection) => connection.received.every((line) => !/^DELE/.test(line))),
    'nothing deleted',
  );
});

test('a stopped session says so in the reader’s language; its message stays English', async () => {
  const stop = new AbortController();
  stop.abort();
  const outcome = await runServerMailboxJob(
    {
      accountId: ACCOUNT,
      databaseFile: path.join(local.profile, 'mailbag.sqlite'),
      rawDirectory: path.join(local.profile, RAW_DIRECTORY_NAME),
      connection: { host: server.host, port: server.port, security: 'none', allowInsecureAuth: true, timeouts: FAST_TIMEOUTS },
      credentials: { username: USER, password: PASSWORD },
      request: { kind: 'list' },
    },
    stop.signal,
  );
  assert.ok(!outcome.ok, 'not stopped');
  assert.equal(outcome.error.code, 'CANCELLED');
  assert.equal(outcome.error.message, 'The server mailbox session was stopped.');
  assert.equal(errorMessageIn(createTranslator('de').t, outcome.error), 'Die Sitzung mit dem Server-Postfach wurde beendet.');
});
