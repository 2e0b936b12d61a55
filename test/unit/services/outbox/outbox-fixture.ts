/**
 * An Outbox over a temporary profile and a fake SMTP server: the account's outgoing server is the
 * fake, sending and composing run in the test's thread (the worker has its own tests), and the clock
 * is a number the test moves.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { accountSettingsSchema, type Account, type AccountSettings } from '../../../../shared/accounts';
import { composeMessage, sendMessage, smtpErrorData, type SmtpSendOutcome } from '../../../../electron/protocols/smtp';
import { createOutbox, type Outbox, type OutboxSender } from '../../../../electron/services/outbox';
import { contactGroupMembers } from '../../../../electron/storage/contacts';
import { openDatabase, type SqliteDatabase } from '../../../../electron/storage/database';
import { openMessageStore, RAW_DIRECTORY_NAME, type MessageStore } from '../../../../electron/storage/message-store';
import { WRITER_LOCK_FILE } from '../../../../electron/storage/writer-lock';
import { sampleSettings } from '../../../fakes/account-settings';
import { startFakeSmtpServer, type FakeSmtpOptions, type FakeSmtpServer } from '../../../fakes/smtp-server';
import { inlineParser } from '../../storage/store-fixture';

export const ACCOUNT_ID = 'account-1';
/** Reply timeout of the in-thread sender: fakes answer at once. */
const REPLY_TIMEOUT_MS = 2_000;
/** A fixed start time (the clock only moves when a test moves it). */
export const START_TIME = Date.UTC(2026, 10, 22, 12, 0, 0);

/** What a test works with. */
export interface OutboxFixture {
  readonly profile: string;
  readonly server: FakeSmtpServer;
  database: SqliteDatabase;
  store: MessageStore;
  outbox: Outbox;
  /** The jobs the Outbox asked to send, in order. */
  readonly jobs: Parameters<OutboxSender>[0][];
  now: number;
  /** Closes the store and opens a new Outbox on the same profile, as a restart after a crash would. */
  restart(sender?: OutboxSender): Promise<void>;
  close(): Promise<void>;
}

/** The account the fixture sends from: its outgoing server is the fake (plaintext, by explicit choice). */
export function fixtureSettings(port: number): AccountSettings {
  return accountSettingsSchema.parse(
    sampleSettings({
      displayName: 'Ann Example',
      address: 'ann@example.com',
      outgoing: { host: '127.0.0.1', port, security: 'none', username: 'ann', credentials: 'same' },
      allowInsecure: true,
    }),
  );
}

/** Starts a fake server and an Outbox for one account. `send` replaces the in-thread sender. */
export async function startOutboxFixture(
  options: FakeSmtpOptions = {},
  send?: OutboxSender,
  onAccepted?: (database: SqliteDatabase, storedMessageId: number, recipients: readonly string[]) => void,
): Promise<OutboxFixture> {
  const server = await startFakeSmtpServer(options);
  const profile = mkdtempSync(path.join(os.tmpdir(), 'mailbag-outbox-'));
  const settings = fixtureSettings(server.port);
  const account: Account = { id: ACCOUNT_ID, name: settings.name, address: settings.address, settings, messageCount: 0, createdAt: 1, updatedAt: 1 };
  const jobs: Parameters<OutboxSender>[0][] = [];
  const time = { now: START_TIME };
  const inThread: OutboxSender = async (job, jobOptions = {}) => {
    jobs.push(job);
    // Credentials are dropped: the fake takes mail without AUTH; the account's connection is used otherwise.
    return sendMessage({
      connection: {
        ...job.connection,
        timeouts: { connect: REPLY_TIMEOUT_MS, greeting: REPLY_TIMEOUT_MS, reply: REPLY_TIMEOUT_MS },
        ...(jobOptions.signal === undefined ? {} : { signal: jobOptions.signal }),
      },
      message: job.message,
      ...(job.skipRecipients === undefined ? {} : { skipRecipients: job.skipRecipients }),
    });
  };
  const open = async (sender: OutboxSender): Promise<{ database: SqliteDatabase; store: MessageStore; outbox: Outbox }> => {
    const database = openDatabase(path.join(profile, 'mailbag.sqlite'));
    database
      .prepare('insert into accounts (id, name, email, settings, created_at, updated_at) values (?, ?, ?, ?, 1, 1) on conflict do nothing')
      .run(ACCOUNT_ID, settings.name, settings.address, JSON.stringify(settings));
    const store = await openMessageStore({ database, rawDirectory: path.join(profile, RAW_DIRECTORY_NAME) });
    const outbox = createOutbox({
      database,
      store,
      accounts: {
        get: (id) => {
          if (id !== ACCOUNT_ID) throw new Error(`unknown account ${id}`);
          return account;
        },
        password: async () => 'secret',
        accessToken: () => Promise.reject(new Error('the fixture account signs in with a password')),
        renewAccessToken: () => Promise.reject(new Error('the fixture account signs in with a password')),
      },
      sendInWorker: sender,
      composeInWorker: async (message) => {
        try {
          return { composed: await composeMessage(message) };
        } catch (error) {
          return { error: smtpErrorData(error) };
        }
      },
      clock: () => time.now,
      // Contact groups are read from the profile's own address book, as the app does.
      groupMembers: (groupId) => contactGroupMembers(database, groupId),
      ...(onAccepted === undefined ? {} : { onAccepted: (id: number, recipients: readonly string[]) => onAccepted(database, id, recipients) }),
      indexPending: async () => {
        await store.indexPending(inlineParser);
      },
    });
    return { database, store, outbox };
  };
  const first = await open(send ?? inThread);
  const fixture: OutboxFixture = {
    profile,
    server,
    ...first,
    jobs,
    get now() {
      return time.now;
    },
    set now(value: number) {
      time.now = value;
    },
    async restart(sender) {
      await fixture.store.close();
      fixture.database.close();
      // What a crash leaves: the lock of a process that no longer runs.
      rmSync(path.join(profile, RAW_DIRECTORY_NAME, WRITER_LOCK_FILE), { force: true });
      Object.assign(fixture, await open(sender ?? inThread));
    },
    async close() {
      await fixture.store.close();
      fixture.database.close();
      await server.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
  return fixture;
}

/** A sender that never answers until released (a send in progress when the process dies). */
export function hangingSender(): { sender: OutboxSender; started: Promise<void> } {
  let markStarted: () => void = () => undefined;
  const started = new Promise<void>((resolve) => (markStarted = resolve));
  const sender: OutboxSender = () => {
    markStarted();
    return new Promise<SmtpSendOutcome>(() => undefined);
  };
  return { sender, started };
}
