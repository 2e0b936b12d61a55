/**
 * Faults during Send/Receive, injected through the fake POP3 server and a failing store: whatever
 * happens, no message is lost, none is stored twice, nothing is deleted on the server without its
 * durable local copy, and the outcome says clearly what went wrong.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { englishMessage, errorMessageIn } from '../../../../shared/error-words';
import { MailbagError } from '../../../../shared/errors';
import { createTranslator } from '../../../../shared/i18n/catalogs';
import { CANNOT_LEAVE_MAIL_WORDS } from '../../../../electron/protocols/pop3/probe';
import type { ReceiveStore } from '../../../../electron/jobs/receive/fetch-batch';
import { summaryWords } from '../../../../electron/cli/receive-report';
import { answerWith, stallAfterOk } from '../../../fakes/pop3/faults';
import type { FakePop3Server } from '../../../fakes/pop3-server';
import { FAST_TIMEOUTS } from '../../protocols/pop3/helpers';
import {
  assertStatus,
  assertStoreHolds,
  DELETE_AFTER_DOWNLOAD,
  fakeMessage,
  journalStates,
  journalStatesOf,
  maildropAndStorePerTest,
  KEEP_FOREVER,
  receiveFrom,
  serverUids,
  testMessage,
  withCommit,
} from './support';

describe('receiving through faults', () => {
  const setUp = maildropAndStorePerTest();
  function deleCommands(server: FakePop3Server): number {
    return server.connections.flatMap((connection) => connection.received).filter((line) => line.startsWith('DELE')).length;
  }

  test('a connection dropped mid-RETR: complete messages are kept, the next run finishes without duplicates', async () => {
    const { server, originals, store, database } = await setUp(20);
    // Drop at once, so pipelined RETRs queued behind it get no answer at all.
    const retr = server.handlerFor('RETR');
    server.handle('RETR', (connection, args, line) => {
      if (args[0] !== '12') return retr?.(connection, args, line);
      connection.send('+OK');
      connection.sendRaw('From: someone@example.org\r\nSubject: cut off in the mid');
      connection.destroy();
    });
    const first = await receiveFrom(server, store, DELETE_AFTER_DOWNLOAD, { batchMessages: 5 });
    assertStatus(first, 'failed');
    assert.equal(first.error.code, 'NETWORK');
    assert.equal(first.error.retryable, true);
    assert.ok(first.summary.newMessages >= 10, `batches before the drop are kept (${first.summary.newMessages})`);
    assert.equal(serverUids(server).length, 20, 'without QUIT the server deleted nothing');
    assert.ok(
      journalStatesOf(database, first.summary.newMessages).every((state) => state === 'downloaded'),
      'no deletion left pending',
    );

    server.handle('RETR', (await import('../../../fakes/pop3/rfc1939')).pop3BaseHandlers.RETR as never);
    const second = await receiveFrom(server, store, DELETE_AFTER_DOWNLOAD, { batchMessages: 5 });
    assertStatus(second, 'completed');
    assert.equal(first.summary.newMessages + second.summary.newMessages, 20, JSON.stringify([first.summary, second.summary]));
    assert.equal(second.summary.deletedOnServer['delete-after-download'], 20);
    assert.deepEqual(serverUids(server), []);
    await assertStoreHolds(store, database, [...originals.values()]);
  });

  test('a connection dropped after DELE, before QUIT answered: deletions stay pending and are settled next time', async () => {
    const { server, originals, store, database } = await setUp(8);
    const quit = server.handlerFor('QUIT');
    server.handle('QUIT', (connection) => connection.destroy());
    const first = await receiveFrom(server, store, DELETE_AFTER_DOWNLOAD);
    assertStatus(first, 'failed');
    assert.equal(serverUids(server).length, 8, 'the server rolled the deletions back (RFC 1939 §6)');
    assert.ok(journalStatesOf(database, 8).every((state) => state === 'delete-pending'));

    server.handle('QUIT', quit as never);
    const second = await receiveFrom(server, store, DELETE_AFTER_DOWNLOAD);
    assertStatus(second, 'completed');
    assert.equal(second.summary.newMessages, 0);
    assert.equal(second.summary.deletedOnServer['delete-after-download'], 8);
    assert.deepEqual(serverUids(server), []);
    await assertStoreHolds(store, database, [...originals.values()]);
  });

  test('a connection dropped during DELE: nothing stays pending, the next run deletes them', async () => {
    const { server, originals, store, database } = await setUp(6);
    const dele = server.handlerFor('DELE');
    server.handle('DELE', (connection, args, line) => (args[0] === '4' ? connection.destroy() : dele?.(connection, args, line)));
    assertStatus(await receiveFrom(server, store, DELETE_AFTER_DOWNLOAD), 'failed');
    assert.equal(serverUids(server).length, 6);
    assert.ok(
      journalStatesOf(database, 6).every((state) => state === 'downloaded'),
      'rolled back: QUIT was never sent',
    );
    server.handle('DELE', dele as never);
    const second = await receiveFrom(server, store, DELETE_AFTER_DOWNLOAD);
    assertStatus(second, 'completed');
    assert.equal(second.summary.deletedOnServer['delete-after-download'], 6);
    await assertStoreHolds(store, database, [...originals.values()]);
  });

  test('a DELE the server refuses: that message is reported and stays, the others go', async () => {
    const { server, store, database } = await setUp(4);
    const dele = server.handlerFor('DELE');
    server.handle('DELE', (connection, args, line) =>
      args[0] === '2' ? connection.send('-ERR [SYS/TEMP] Cannot delete now') : dele?.(connection, args, line),
    );
    const outcome = await receiveFrom(server, store, DELETE_AFTER_DOWNLOAD);
    assertStatus(outcome, 'completed');
    assert.deepEqual(
      outcome.summary.errors.map((each) => each.uidl),
      ['uid-2'],
    );
    assert.equal(outcome.summary.deletedOnServer['delete-after-download'], 3);
    assert.deepEqual(serverUids(server), ['uid-2']);
    assert.equal(journalStates(database).get('uid-2'), 'downloaded');
  });

  test('QUIT that removed the messages but whose answer was lost: the next listing confirms the deletions', async () => {
    const { server, originals, store, database } = await setUp(6);
    const quit = server.handlerFor('QUIT');
    server.handle('QUIT', (connection) => {
      server.commit(connection);
      connection.destroy();
    });
    assertStatus(await receiveFrom(server, store, DELETE_AFTER_DOWNLOAD), 'failed');
    assert.deepEqual(serverUids(server), []);
    server.handle('QUIT', quit as never);
    const second = await receiveFrom(server, store, DELETE_AFTER_DOWNLOAD);
    assertStatus(second, 'completed');
    assert.equal(second.summary.deletedOnServer['delete-after-download'], 6);
    assert.ok(journalStatesOf(database, 6).every((state) => state === 'deleted'));
    await assertStoreHolds(store, database, [...originals.values()]);
  });

  test('a disk write error: a clear STORAGE error, no DELE sent, everything arrives on the next run', async () => {
    const { server, originals, store, database } = await setUp(10);
    let failures = 0;
    const failing = withCommit(store, database, async (batch) => {
      failures += 1;
      await batch.abort();
      throw new MailbagError('STORAGE', 'No space left on the device.', { detail: 'ENOSPC' });
    });
    const first = await receiveFrom(server, failing, DELETE_AFTER_DOWNLOAD, { batchMessages: 4 });
    assertStatus(first, 'failed');
    assert.equal(first.error.code, 'STORAGE');
    assert.equal(failures, 1, 'the run stops at the first failed commit');
    assert.equal(deleCommands(server), 0);
    assert.equal(serverUids(server).length, 10);
    await assertStoreHolds(store, database, []);
    assert.deepEqual((await store.collectGarbage()).removedFiles, [], 'the aborted batch left no files behind');

    const second = await receiveFrom(server, store, DELETE_AFTER_DOWNLOAD);
    assertStatus(second, 'completed');
    await assertStoreHolds(store, database, [...originals.values()]);
    assert.deepEqual(serverUids(server), []);
  });

  test('a sink that fails while writing: a STORAGE error, complete messages kept, nothing deleted, the rest next time', async () => {
    const { server, originals, store, database } = await setUp(5);
    let opened = 0;
    const flaky: ReceiveStore = {
      database,
      beginBatch() {
        const batch = store.beginBatch();
        return {
          createMessageSink: () => {
            const sink = batch.createMessageSink();
            opened += 1;
            if (opened === 3) sink._write = (_chunk, _encoding, callback) => callback(new Error('EIO: input/output error'));
            return sink;
          },
          abort: () => batch.abort(),
          commit: (entries, now) => batch.commit(entries, now),
        };
      },
    };
    const first = await receiveFrom(server, flaky, DELETE_AFTER_DOWNLOAD);
    assertStatus(first, 'failed');
    assert.equal(first.error.code, 'STORAGE');
    assert.equal(first.summary.newMessages, 2, 'the messages before the failing one are committed');
    assert.equal(deleCommands(server), 0);
    assert.equal(serverUids(server).length, 5);
    const second = await receiveFrom(server, store, DELETE_AFTER_DOWNLOAD);
    assertStatus(second, 'completed');
    await assertStoreHolds(store, database, [...originals.values()]);
  });

  test('a mail store busy for too long fails the check as retryable, said in the reader’s language; the message stays English', async () => {
    const { server, database } = await setUp(3);
    const busy: ReceiveStore = {
      database,
      beginBatch() {
        throw Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
      },
    };
    const outcome = await receiveFrom(server, busy, DELETE_AFTER_DOWNLOAD);
    assertStatus(outcome, 'failed');
    assert.equal(outcome.error.code, 'STORAGE');
    assert.equal(outcome.error.retryable, true);
    assert.equal(outcome.error.message, 'The mail store was busy for too long; the check will be retried.');
    assert.equal(
      errorMessageIn(createTranslator('de').t, outcome.error),
      'Der Nachrichtenspeicher war zu lange ausgelastet; der Abruf wird später wiederholt.',
    );
    assert.equal(serverUids(server).length, 3, 'nothing deleted');
  });

  test('a busy mailbox ([IN-USE]) is a quiet "retry at", not an error or a password prompt', async () => {
    const { server, store } = await setUp(3);
    answerWith(server, 'PASS', '-ERR [IN-USE] Mailbox is locked by another session');
    answerWith(server, 'AUTH', '-ERR [IN-USE] Mailbox is locked by another session');
    const now = Date.UTC(2026, 10, 22, 12);
    const outcome = await receiveFrom(server, store, DELETE_AFTER_DOWNLOAD, { clock: () => now });
    assertStatus(outcome, 'busy');
    assert.equal(outcome.reason, 'in-use');
    assert.equal(outcome.retryAt, now + 5 * 60 * 1000);
  });

  test('[LOGIN-DELAY] retries after the delay the server announced (RFC 2449 §6.5)', async () => {
    const { server, store } = await setUp(3, { capabilities: (lines) => [...lines.filter((line) => !line.startsWith('LOGIN-DELAY')), 'LOGIN-DELAY 900'] });
    answerWith(server, 'PASS', '-ERR [LOGIN-DELAY] Wait before checking again');
    answerWith(server, 'AUTH', '-ERR [LOGIN-DELAY] Wait before checking again');
    const now = 1_000_000;
    const outcome = await receiveFrom(server, store, DELETE_AFTER_DOWNLOAD, { clock: () => now });
    assertStatus(outcome, 'busy');
    assert.equal(outcome.reason, 'login-delay');
    assert.equal(outcome.retryAt, now + 900_000);
  });

  test('a server without UIDL: delete after download works and survives a lost QUIT without duplicates', async () => {
    const { server, originals, store, database } = await setUp(6, { capabilities: (lines) => lines.filter((line) => line !== 'UIDL') });
    server.remove('UIDL');
    const quit = server.handlerFor('QUIT');
    server.handle('QUIT', (connection) => connection.destroy());
    assertStatus(await receiveFrom(server, store, DELETE_AFTER_DOWNLOAD), 'failed');
    server.handle('QUIT', quit as never);
    const second = await receiveFrom(server, store, DELETE_AFTER_DOWNLOAD);
    assertStatus(second, 'completed');
    assert.equal(second.summary.newMessages, 0, 'recognised by content, not stored again');
    assert.equal(second.summary.deletedOnServer['delete-after-download'], 6);
    assert.deepEqual(serverUids(server), []);
    await assertStoreHolds(store, database, [...originals.values()]);
  });

  test('a server without UIDL, mail left on it: identified by its headers (TOP), downloaded once, never twice', async () => {
    const { server, originals, store, database } = await setUp(5, { capabilities: (lines) => lines.filter((line) => line !== 'UIDL') });
    server.remove('UIDL');
    const anonymous = Buffer.from('From: a@example.org\r\nSubject: no id, no trace\r\n\r\nBody\r\n');
    server.messages.push(fakeMessage('ignored', anonymous));
    const first = await receiveFrom(server, store, KEEP_FOREVER);
    assertStatus(first, 'completed');
    assert.equal(first.summary.newMessages, 5);
    assert.equal(first.summary.ambiguousOnServer, 1, 'a message with neither Message-ID nor Received is left alone');
    const second = await receiveFrom(server, store, KEEP_FOREVER);
    assertStatus(second, 'completed');
    assert.equal(second.summary.newMessages, 0);
    assert.equal(deleCommands(server), 0);
    await assertStoreHolds(store, database, [...originals.values()]);
    const days = await receiveFrom(
      server,
      store,
      { ...KEEP_FOREVER, leaveOnServer: { mode: 'days', days: 1 } },
      { clock: () => Date.now() + 2 * 24 * 3_600_000 },
    );
    assertStatus(days, 'completed');
    assert.equal(days.summary.deletedOnServer['keep-days-expired'], 5);
    assert.deepEqual(serverUids(server), ['ignored']);
  });

  test('a server with neither UIDL nor TOP and a leave-on-server policy: refused with an explanation, nothing fetched', async () => {
    const withoutBoth = (lines: string[]): string[] => lines.filter((line) => line !== 'UIDL' && line !== 'TOP');
    const { server, store, database } = await setUp(3, { capabilities: withoutBoth });
    server.remove('UIDL');
    server.remove('TOP');
    const outcome = await receiveFrom(server, store, KEEP_FOREVER);
    assertStatus(outcome, 'failed');
    assert.equal(outcome.error.code, 'SERVER_PERMANENT');
    assert.match(outcome.error.message, /UIDL/);
    assert.equal(outcome.error.message, englishMessage(CANNOT_LEAVE_MAIL_WORDS), 'the English --json and the log keep');
    assert.match(errorMessageIn(createTranslator('de').t, outcome.error), /^Dieser Server kann seine Nachrichten weder benennen \(kein UIDL\)/);
    assert.match(errorMessageIn(createTranslator('ar').t, outcome.error), /^لا يستطيع هذا الخادم تسمية رسائله/);
    assert.ok(server.connections.every((connection) => connection.received.every((line) => !/^(RETR|TOP|DELE)/.test(line))));
    await assertStoreHolds(store, database, []);
  });

  test('unique-ids shared by several messages: both are stored once (by content) and kept on the server, the rest arrive', async () => {
    const { server, store, database } = await setUp(0);
    server.messages.push(fakeMessage('same', testMessage(1)), fakeMessage('uid-2', testMessage(2)), fakeMessage('same', testMessage(3)));
    const outcome = await receiveFrom(server, store, DELETE_AFTER_DOWNLOAD);
    assertStatus(outcome, 'completed');
    assert.equal(outcome.summary.ambiguousOnServer, 2);
    assert.equal(outcome.summary.newMessages, 3);
    assert.match(summaryWords(outcome.summary), /2 kept on the server \(the server gives them a shared unique-id\)/);
    assert.deepEqual(serverUids(server), ['same', 'same']);
    await assertStoreHolds(store, database, [testMessage(1), testMessage(2), testMessage(3)]);
    const again = await receiveFrom(server, store, DELETE_AFTER_DOWNLOAD);
    assertStatus(again, 'completed');
    assert.equal(again.summary.newMessages, 0, 'known by their content, never stored twice');
    assert.equal(deleCommands(server), 1, 'only uid-2 was ever deleted');
    await assertStoreHolds(store, database, [testMessage(1), testMessage(2), testMessage(3)]);
  });

  test('a lost journal: identical messages are skipped and counted, and never deleted on the server', async () => {
    const { server, originals, store, database } = await setUp(7);
    assertStatus(await receiveFrom(server, store, KEEP_FOREVER), 'completed');
    database.prepare('delete from pop_journal').run();
    const outcome = await receiveFrom(server, store, DELETE_AFTER_DOWNLOAD);
    assertStatus(outcome, 'completed');
    assert.equal(outcome.summary.skippedDuplicates, 7);
    assert.equal(outcome.summary.newMessages, 0);
    assert.equal(serverUids(server).length, 7);
    assert.equal(deleCommands(server), 0);
    await assertStoreHolds(store, database, [...originals.values()]);
    const third = await receiveFrom(server, store, DELETE_AFTER_DOWNLOAD);
    assertStatus(third, 'completed');
    assert.equal(third.summary.skippedDuplicates, 0, 'remembered: not downloaded again');
  });

  test('cancel during a stalled download ends at once; committed work stays, nothing is deleted', async () => {
    const { server, store, database } = await setUp(6);
    stallAfterOk(server, 'RETR');
    const controller = new AbortController();
    const running = receiveFrom(server, store, DELETE_AFTER_DOWNLOAD, {
      // Timeouts far longer than the test: only the cancellation can end this run.
      connection: {
        host: server.host,
        port: server.port,
        security: 'none',
        allowInsecureAuth: true,
        timeouts: { ...FAST_TIMEOUTS, command: 120_000, dataIdle: 120_000 },
      },
      signal: controller.signal,
      onProgress: (event) => {
        if (event.phase === 'downloading') setTimeout(() => controller.abort(), 50);
      },
    });
    const outcome = await running;
    assertStatus(outcome, 'cancelled');
    assert.equal(serverUids(server).length, 6);
    await assertStoreHolds(store, database, []);
    assert.equal(database.prepare("select count(*) from pop_journal where state = 'delete-pending'").pluck().get(), 0);
  });
});

describe('receiving from a server that converts UTF-8 headers unless told UTF8', () => {
  const setUp = maildropAndStorePerTest();

  test('UTF8 is sent after sign-in and the message is stored as the server then sends it', async () => {
    const { server, store, database } = await setUp(0);
    const original = Buffer.from(
      'From: Zoë <zoe@example.org>\r\nTo: ann@example.com\r\nSubject: Grüße aus Köln — مرحبا\r\nMessage-ID: <utf8@example.org>\r\n\r\nHallo.\r\n',
      'utf8',
    );
    const wrapper = Buffer.from(
      'From: server@example.org\r\nSubject: Cannot display Unicode content\r\n\r\nThis message contains Unicode content.\r\n',
      'utf8',
    );
    server.messages = [fakeMessage('utf8-1', original)];
    server.handle('CAPA', (connection) => {
      connection.send('+OK Capability list follows');
      connection.sendLines(['USER', 'UIDL', 'TOP', 'UTF8 USER']);
    });
    server.handle('UTF8', (connection) => {
      connection.utf8 = true;
      connection.send('+OK UTF8 enabled');
    });
    server.handle('RETR', async (connection, args) => {
      const message = connection.message(Number(args[0]));
      if (message === undefined) return connection.send('-ERR No such message');
      const bytes = connection.utf8 ? original : wrapper;
      connection.send(`+OK ${bytes.length} octets`);
      await connection.sendBody(fakeMessage(message.uid, bytes));
    });
    const outcome = await receiveFrom(server, store, DELETE_AFTER_DOWNLOAD);
    assertStatus(outcome, 'completed');
    assert.ok(server.connections.some((connection) => connection.received.includes('UTF8')));
    await assertStoreHolds(store, database, [original]);
  });
});

describe('receive progress', () => {
  const setUp = maildropAndStorePerTest();

  test('a run that deletes nothing never reports a deleting phase; one that deletes does', async () => {
    const { server, store } = await setUp(5);
    const keeping: string[] = [];
    assertStatus(await receiveFrom(server, store, KEEP_FOREVER, { onProgress: (progress) => keeping.push(progress.phase) }), 'completed');
    assert.ok(keeping.includes('downloading'));
    assert.ok(!keeping.includes('deleting'), keeping.join(' '));
    const deleting: string[] = [];
    assertStatus(await receiveFrom(server, store, DELETE_AFTER_DOWNLOAD, { onProgress: (progress) => deleting.push(progress.phase) }), 'completed');
    assert.ok(deleting.includes('deleting'), deleting.join(' '));
  });
});
