/**
 * A real Dovecot behind a proxy that answers DELE twice (a desynchronised or tampered-with session):
 * Send/Receive ends with PROTOCOL_ERROR, QUIT is never sent, Dovecot keeps every message, and neither
 * the journal, the audit log nor the summary claims a deletion. The next honest run deletes them once.
 */
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { receiveAccount } from '../../../../electron/jobs/receive/receive-account';
import type { ReceiveOutcome } from '../../../../electron/jobs/receive/receive-types';
import { listServerDeletions } from '../../../../electron/storage/pop-journal';
import { startDovecot, type DovecotServer } from '../../../servers/dovecot';
import { TEST_MAIL_SIZES } from '../../../servers/maildir';
import { startTamperingProxy, type TcpProxy } from '../../../servers/tcp-proxy';
import { SERVER_TEST_TIMEOUT_MS } from '../../pop3/support';
import { ACCOUNT, assertStatus, DELETE_AFTER_DOWNLOAD, journalStates, temporaryStore } from '../../../unit/jobs/receive/support';

const MESSAGE_COUNT = 5;

describe('Send/Receive through a tampered connection to Dovecot', { timeout: SERVER_TEST_TIMEOUT_MS }, () => {
  let server: DovecotServer;
  let proxy: TcpProxy;
  let local: Awaited<ReturnType<typeof temporaryStore>>;

  beforeEach(async () => {
    server = await startDovecot();
    await server.generateMessages({ count: MESSAGE_COUNT, seed: 13, sizes: TEST_MAIL_SIZES });
    // Dovecot answers DELE with "+OK Marked to be deleted."; the proxy makes that two answers.
    proxy = await startTamperingProxy({ host: server.host, port: server.port }, (line) => (/^\+OK Marked to be deleted/.test(line) ? [line, line] : [line]));
    local = await temporaryStore();
  });
  afterEach(async () => {
    local.dispose();
    await proxy.close();
    await server.stop();
  });

  function receive(port: number): Promise<ReceiveOutcome> {
    return receiveAccount({
      accountId: ACCOUNT,
      store: local.store,
      connection: { host: server.host, port, security: 'none', allowInsecureAuth: true },
      credentials: { username: server.user, password: server.password },
      policy: DELETE_AFTER_DOWNLOAD,
    });
  }

  test('DELE answered twice: nothing is deleted, nothing is recorded as deleted; the next honest run deletes once', async () => {
    const tampered = await receive(proxy.port);
    assertStatus(tampered, 'failed');
    assert.equal(tampered.error.code, 'PROTOCOL_ERROR');
    assert.equal(tampered.summary.newMessages, MESSAGE_COUNT, 'the messages were stored');
    assert.deepEqual(tampered.summary.deletedOnServer, { 'delete-after-download': 0, 'keep-days-expired': 0, 'deleted-locally': 0 });
    assert.equal((await server.listMessages()).length, MESSAGE_COUNT, 'Dovecot deleted nothing without QUIT');
    assert.deepEqual(listServerDeletions(local.database, ACCOUNT), []);
    const journal = [...journalStates(local.database).values()];
    // Not vacuous: every stored message has its journal row, and none of them says deleted.
    assert.equal(journal.length, MESSAGE_COUNT, JSON.stringify(journal));
    assert.ok(
      journal.every((state) => state !== 'deleted'),
      JSON.stringify(journal),
    );

    const honest = await receive(server.port);
    assertStatus(honest, 'completed');
    assert.equal(honest.summary.newMessages, 0, 'nothing stored twice');
    assert.equal(honest.summary.deletedOnServer['delete-after-download'], MESSAGE_COUNT);
    assert.equal((await server.listMessages()).length, 0);
    assert.equal(listServerDeletions(local.database, ACCOUNT).length, MESSAGE_COUNT);
  });
});
