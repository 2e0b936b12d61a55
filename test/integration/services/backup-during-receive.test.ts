/**
 * A backup taken while Send/Receive downloads from a real Dovecot: the receive is held in the middle
 * of a batch (its bytes already in a new pack, not yet committed) while the backup runs, then goes
 * on. The backup must open, pass SQLite's integrity check, and hold exactly the messages committed
 * when it was taken, byte for byte, with their POP journal rows; a restore of it brings them back.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, test } from 'node:test';
import Database from 'better-sqlite3';
import { receiveAccount } from '../../../electron/jobs/receive/receive-account';
import type { ReceiveBatch, ReceiveStore } from '../../../electron/jobs/receive/fetch-batch';
import { backupProfile } from '../../../electron/services/backup/profile-backup';
import { restoreProfile } from '../../../electron/services/backup/profile-restore';
import { INDEX_FILE_NAME } from '../../../electron/services/backup/verify-copy';
import { startDovecot, type DovecotServer } from '../../servers/dovecot';
import { TEST_MAIL_SIZES } from '../../servers/maildir';
import { SERVER_TEST_TIMEOUT_MS } from '../pop3/support';
import { ACCOUNT, assertStatus, KEEP_FOREVER, temporaryStore } from '../../unit/jobs/receive/support';
import { openTestStore } from '../../unit/storage/store-fixture';

const MESSAGE_COUNT = 120;
const BATCH_MESSAGES = 16;
/** The batch held back while the backup runs: two batches are committed before it. */
const HELD_BATCH = 3;

interface StoredRow {
  readonly id: number;
  readonly sha256: string;
  readonly uidl: string;
}

function rowsOf(database: Database.Database): StoredRow[] {
  return database.prepare<[], StoredRow>('select m.id, m.sha256, j.uidl from messages m join pop_journal j on j.message_id = m.id order by m.id').all();
}

describe('backup while a receive runs', { timeout: SERVER_TEST_TIMEOUT_MS * 2 }, () => {
  let server: DovecotServer;
  let local: Awaited<ReturnType<typeof temporaryStore>>;

  beforeEach(async () => {
    server = await startDovecot();
    await server.generateMessages({ count: MESSAGE_COUNT, seed: 1919, sizes: TEST_MAIL_SIZES });
    local = await temporaryStore();
  });
  afterEach(async () => {
    local.dispose();
    await server.stop();
  });

  test('the copy holds exactly the messages committed when it was taken', async () => {
    let held!: () => void;
    const reachedHold = new Promise<void>((resolve) => (held = resolve));
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let batches = 0;
    const store: ReceiveStore = {
      database: local.database,
      beginBatch: (): ReceiveBatch => {
        const batch = local.store.beginBatch();
        batches += 1;
        if (batches !== HELD_BATCH) return batch;
        return {
          createMessageSink: () => batch.createMessageSink(),
          abort: () => batch.abort(),
          commit: async (entries, now) => {
            // The bytes are in the new pack now; the index does not know them yet.
            await batch.writer.sync();
            held();
            await gate;
            return batch.commit(entries, now);
          },
        };
      },
    };
    let finished = false;
    const receiving = receiveAccount({
      accountId: ACCOUNT,
      store,
      connection: { host: server.host, port: server.tlsPort, security: 'tls', ca: server.certificates.caPem },
      credentials: { username: server.user, password: server.password },
      policy: KEEP_FOREVER,
      batchMessages: BATCH_MESSAGES,
    }).finally(() => (finished = true));

    try {
      await Promise.race([reachedHold, receiving.then(() => assert.fail('the receive ended before the held batch'))]);
      const committedAtBackup = rowsOf(local.database);
      assert.equal(committedAtBackup.length, BATCH_MESSAGES * (HELD_BATCH - 1));
      const destination = path.join(local.profile, '..', `${path.basename(local.profile)}-backup`);
      const report = await backupProfile(local.profile, destination);
      assert.equal(finished, false, 'the receive was still running during the backup');
      assert.equal(report.messages, committedAtBackup.length);

      const copy = new Database(path.join(destination, INDEX_FILE_NAME), { readonly: true });
      try {
        assert.equal(copy.pragma('integrity_check', { simple: true }), 'ok');
        assert.deepEqual(rowsOf(copy), committedAtBackup);
      } finally {
        copy.close();
      }

      release();
      const outcome = await receiving;
      assertStatus(outcome, 'completed');
      assert.equal(rowsOf(local.database).length, MESSAGE_COUNT);

      const restored = `${destination}-restored`;
      await restoreProfile(destination, restored);
      const reopened = await openTestStore(restored);
      try {
        assert.deepEqual(rowsOf(reopened.database), committedAtBackup);
        for (const row of committedAtBackup) {
          const bytes = await reopened.store.readRawMessage(row.id);
          assert.equal(createHash('sha256').update(bytes).digest('hex'), row.sha256, `message ${row.uidl}`);
          assert.deepEqual(bytes, await local.store.readRawMessage(row.id), `message ${row.uidl} equals the live copy`);
        }
      } finally {
        await reopened.store.close();
        reopened.database.close();
        await fs.rm(restored, { recursive: true, force: true });
        await fs.rm(destination, { recursive: true, force: true });
      }
    } finally {
      release();
      await receiving.catch(() => undefined);
    }
  });
});
