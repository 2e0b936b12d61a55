/**
 * Two sessions on one mailbox. With pop3_lock_session Dovecot makes the second wait for the lock
 * (ten seconds, fixed in Dovecot) and then answers `-ERR [IN-USE]` (RFC 2449 §8.1.2), which must
 * become "busy, retry later", never "wrong password".
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Pop3Error } from '../../../electron/protocols/pop3';
import { startDovecot, type DovecotServer } from '../../servers/dovecot';
import { connectToServer, openMailbox, SERVER_TEST_TIMEOUT_MS } from './support';

/** Dovecot waits this long for another session's lock before giving up (pop3-client.c). */
const DOVECOT_LOCK_WAIT_MS = 10_000;

describe('a mailbox another session holds', { timeout: SERVER_TEST_TIMEOUT_MS }, () => {
  let server: DovecotServer;
  before(async () => {
    server = await startDovecot({ lockSession: true });
    await server.generateMessages({ count: 4, seed: 51 });
  });
  after(() => server.stop());

  test('signing in while another session is open is MAILBOX_BUSY with IN-USE, retryable', async () => {
    const holder = await openMailbox(server, 'none');
    try {
      const second = await connectToServer(server, 'none', { timeouts: { command: DOVECOT_LOCK_WAIT_MS * 3 } });
      const started = Date.now();
      try {
        await assert.rejects(second.authenticate({ username: server.user, password: server.password, mechanisms: ['USER'] }), (error: unknown) => {
          assert.ok(error instanceof Pop3Error, String(error));
          assert.equal(error.code, 'MAILBOX_BUSY', `${error.code}: ${error.response ?? error.message}`);
          assert.equal(error.responseCode, 'IN-USE');
          assert.equal(error.retryable, true);
          return true;
        });
      } finally {
        second.close();
      }
      assert.ok(Date.now() - started >= DOVECOT_LOCK_WAIT_MS / 2, 'Dovecot answered only after waiting for the lock');
      // The first session is unaffected.
      assert.equal((await holder.stat()).count, 4);
    } finally {
      await holder.quit();
    }
  });

  test('once the first session has quit, the mailbox opens again', async () => {
    const session = await openMailbox(server, 'none');
    try {
      assert.equal((await session.stat()).count, 4);
    } finally {
      await session.quit();
    }
  });
});
