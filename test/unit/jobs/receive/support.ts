/** Shared helpers of the Send/Receive tests: a fake POP3 maildrop, a store, and what both hold. */
import assert from 'node:assert/strict';
import { afterEach } from 'node:test';
import { rmSync } from 'node:fs';
import { FakePop3Server, type FakeMessage } from '../../../fakes/pop3-server';
import { FAST_TIMEOUTS } from '../../protocols/pop3/helpers';
import { ACCOUNT, openTestStore } from '../../storage/store-fixture';
import type { SqliteDatabase } from '../../../../electron/storage/database';
import type { MessageStore } from '../../../../electron/storage/message-store';
import type { CommitEntry, CommitOutcome } from '../../../../electron/storage/message-batch';
import type { ReceiveBatch, ReceiveStore } from '../../../../electron/jobs/receive/fetch-batch';
import { receiveAccount, type ReceiveAccountOptions } from '../../../../electron/jobs/receive/receive-account';
import type { ReceiveOutcome, ReceivePolicy } from '../../../../electron/jobs/receive/receive-types';

export { ACCOUNT };

export const USER = 'ann';
export const PASSWORD = 'secret';

export const DELETE_AFTER_DOWNLOAD: ReceivePolicy = { leaveOnServer: { mode: 'never' }, headersOnly: false, sizeLimitBytes: null };
export const KEEP_FOREVER: ReceivePolicy = { leaveOnServer: { mode: 'forever' }, headersOnly: false, sizeLimitBytes: null };

/** A message with CRLF line endings, unique per index, of roughly `bodyLines` lines. */
export function testMessage(index: number, bodyLines = 3): Buffer {
  const lines = [`From: sender${index}@example.org`, 'To: ann@example.com', `Subject: Message ${index}`, `Message-ID: <m${index}@example.org>`, ''];
  for (let line = 0; line < bodyLines; line += 1) lines.push(line % 5 === 4 ? `.dot line ${line}` : `Line ${line} of message ${index}.`);
  return Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8');
}

/** A fake message from bytes. */
export function fakeMessage(uid: string, bytes: Buffer): FakeMessage {
  return {
    uid,
    size: bytes.length,
    async *chunks() {
      yield bytes;
    },
  };
}

/** A fake server with `count` messages (uids `uid-1` …) and the bytes of each by uid. */
export async function startMaildrop(
  count: number,
  options: Parameters<typeof FakePop3Server.start>[0] = {},
): Promise<{ server: FakePop3Server; originals: Map<string, Buffer> }> {
  const originals = new Map<string, Buffer>();
  for (let index = 1; index <= count; index += 1) originals.set(`uid-${index}`, testMessage(index, 3 + (index % 7) * 4));
  const server = await FakePop3Server.start({
    users: { [USER]: PASSWORD },
    messages: [...originals].map(([uid, body]) => ({ uid, body })),
    ...options,
  });
  return { server, originals };
}

/** A store in a temporary profile, removed by `dispose`. */
export async function temporaryStore(): Promise<{ profile: string; database: SqliteDatabase; store: MessageStore; dispose: () => void }> {
  const opened = await openTestStore();
  opened.store.ensureDefaultFolders(ACCOUNT);
  return {
    ...opened,
    dispose: () => {
      opened.database.close();
      rmSync(opened.profile, { recursive: true, force: true });
    },
  };
}

/** Runs a receive against the fake with fast timeouts. */
export function receiveFrom(
  server: FakePop3Server,
  store: ReceiveAccountOptions['store'],
  policy: ReceivePolicy,
  extra: Partial<ReceiveAccountOptions> = {},
): Promise<ReceiveOutcome> {
  return receiveAccount({
    accountId: ACCOUNT,
    store,
    connection: { host: server.host, port: server.port, security: 'none', allowInsecureAuth: true, timeouts: FAST_TIMEOUTS },
    credentials: { username: USER, password: PASSWORD },
    policy,
    ...extra,
  });
}

/** Every stored message's bytes, as a multiset keyed by content. */
export async function storedMessages(store: MessageStore, database: SqliteDatabase): Promise<Buffer[]> {
  const ids = database.prepare<[], { id: number }>('select id from messages order by id').all();
  return Promise.all(ids.map((row) => store.readRawMessage(row.id)));
}

/** Asserts the store holds exactly `expected` (byte-equal, each once). */
export async function assertStoreHolds(store: MessageStore, database: SqliteDatabase, expected: readonly Buffer[]): Promise<void> {
  const stored = (await storedMessages(store, database)).map((bytes) => bytes.toString('latin1')).sort();
  const wanted = expected.map((bytes) => bytes.toString('latin1')).sort();
  assert.equal(stored.length, wanted.length, `store holds ${stored.length} messages, expected ${wanted.length}`);
  assert.deepEqual(stored, wanted);
  assert.equal(database.pragma('integrity_check', { simple: true }), 'ok');
}

/** The unique-ids left on the fake server. */
export function serverUids(server: FakePop3Server): string[] {
  return server.messages.map((message) => message.uid);
}

/** Asserts an outcome's status, showing the outcome when it differs. */
export function assertStatus<S extends ReceiveOutcome['status']>(
  outcome: ReceiveOutcome,
  status: S,
): asserts outcome is Extract<ReceiveOutcome, { status: S }> {
  assert.equal(outcome.status, status, JSON.stringify(outcome));
}

/** Journal states by uid. */
export function journalStates(database: SqliteDatabase): Map<string, string> {
  return new Map(
    database
      .prepare<[], { uidl: string; state: string }>('select uidl, state from pop_journal')
      .all()
      .map((row) => [row.uidl, row.state]),
  );
}

/**
 * The journal's states, after checking it holds exactly `rows` entries: a check of every state must
 * not pass on a journal that is empty (or short) because nothing was recorded.
 */
export function journalStatesOf(database: SqliteDatabase, rows: number): string[] {
  const states = [...journalStates(database).values()];
  assert.equal(states.length, rows, `the journal holds ${rows} rows: ${JSON.stringify(states)}`);
  return states;
}

/** A fake maildrop of `count` messages and a temporary store, as one test of a suite starts with. */
export type MaildropAndStore = { server: FakePop3Server; originals: Map<string, Buffer> } & Awaited<ReturnType<typeof temporaryStore>>;

/**
 * For a suite whose tests each start from a maildrop and a store: returns the set-up function and
 * closes the server and removes the store after every test of the suite (call inside `describe`).
 */
export function maildropAndStorePerTest(): (count: number, options?: Parameters<typeof startMaildrop>[1]) => Promise<MaildropAndStore> {
  const cleanups: Array<() => unknown> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  return async (count, options = {}) => {
    const maildrop = await startMaildrop(count, options);
    cleanups.push(() => maildrop.server.close());
    const local = await temporaryStore();
    cleanups.push(local.dispose);
    return { ...maildrop, ...local };
  };
}

/**
 * The store, with each batch committed by `commit` (given the store's own batch): for tests that watch,
 * hold back or fail a receive run's commits.
 */
export function withCommit(
  store: MessageStore,
  database: SqliteDatabase,
  commit: (batch: ReceiveBatch, entries: readonly CommitEntry[], now: number | undefined) => Promise<CommitOutcome[]>,
): ReceiveStore {
  return {
    database,
    beginBatch() {
      const batch = store.beginBatch();
      return {
        createMessageSink: () => batch.createMessageSink(),
        abort: () => batch.abort(),
        commit: (entries, now) => commit(batch, entries, now),
      };
    },
  };
}
