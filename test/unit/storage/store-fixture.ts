/**
 * A message store in a temporary profile for tests, with one account and a parser that runs in the
 * test's own thread (the parse worker has its own test).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, type SqliteDatabase } from '../../../electron/storage/database';
import { ensureDefaultFolders, folderIdForRole } from '../../../electron/storage/folders';
import type { MessageParser } from '../../../electron/storage/message-index';
import { openMessageStore, RAW_DIRECTORY_NAME, type MessageStore } from '../../../electron/storage/message-store';
import type { SearchOptions } from '../../../electron/storage/message-search';
import { openRawSource } from '../../../electron/storage/raw-read';
import { WRITER_LOCK_FILE } from '../../../electron/storage/writer-lock';
import { parseRawMessage } from '../../../electron/jobs/parse/parse-message';

export const ACCOUNT = 'account-1';

/** A profile directory of its own. */
export function temporaryProfile(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'mailbag-store-'));
}

/** Opens (or reopens) the store of a profile, adding the test account on first use. */
export async function openTestStore(profile: string = temporaryProfile()): Promise<{ profile: string; database: SqliteDatabase; store: MessageStore }> {
  const database = openDatabase(path.join(profile, 'mailbag.sqlite'));
  database.prepare("insert into accounts (id, name, email, created_at) values (?, 'Home', 'ann@example.com', 1) on conflict do nothing").run(ACCOUNT);
  const store = await openMessageStore({ database, rawDirectory: path.join(profile, RAW_DIRECTORY_NAME) });
  return { profile, database, store };
}

/**
 * A database of its own with two accounts, `home` and `work`, and their default folders, for the list
 * tests that write message rows directly: each account's Inbox, and `dispose` to close and remove it.
 */
export function twoAccountDatabase(prefix: string): {
  readonly database: SqliteDatabase;
  readonly homeInbox: number;
  readonly workInbox: number;
  dispose(): void;
} {
  const directory = mkdtempSync(path.join(os.tmpdir(), prefix));
  const database = openDatabase(path.join(directory, 'mailbag.sqlite'));
  for (const account of ['home', 'work']) {
    database.prepare("insert into accounts (id, name, email, created_at) values (?, ?, 'ann@example.com', 1)").run(account, account);
    ensureDefaultFolders(database, account);
  }
  return {
    database,
    homeInbox: folderIdForRole(database, 'home', 'inbox'),
    workInbox: folderIdForRole(database, 'work', 'inbox'),
    dispose: () => {
      database.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

/**
 * What a crash leaves for the next start: the lock of a process that no longer runs. (Tests reopen
 * stores in their own process, which would otherwise still hold the lock.)
 */
export function endWriterProcess(profile: string): void {
  rmSync(path.join(profile, RAW_DIRECTORY_NAME, WRITER_LOCK_FILE), { force: true });
}

/** Parses in this thread. */
export const inlineParser: MessageParser = async (requests) =>
  Promise.all(requests.map(async (request) => ({ messageId: request.messageId, parsed: await parseRawMessage(openRawSource(request.source)) })));

/** A simple RFC 5322 message. */
export function mail(options: {
  subject: string;
  from?: string;
  to?: string;
  date?: string;
  body?: string;
  messageId?: string;
  extraHeaders?: string[];
}): Buffer {
  const lines = [
    `From: ${options.from ?? 'Ann Example <ann@example.com>'}`,
    `To: ${options.to ?? 'bob@example.com'}`,
    `Subject: ${options.subject}`,
    `Date: ${options.date ?? 'Tue, 3 Nov 2026 10:00:00 +0000'}`,
    `Message-ID: ${options.messageId ?? `<${options.subject.replace(/\W+/g, '.')}@example.com>`}`,
    ...(options.extraHeaders ?? []),
    'Content-Type: text/plain; charset=utf-8',
    '',
    options.body ?? `Body of ${options.subject}.`,
    '',
  ];
  return Buffer.from(lines.join('\r\n'), 'utf8');
}

/** The ids a search finds, in order; fails the test on a syntax error. */
export function foundIds(store: MessageStore, text: string, options: SearchOptions = {}): number[] {
  const outcome = store.search(text, options);
  if (!outcome.ok) throw new Error(`${text}: ${outcome.error.message} at ${outcome.error.position}`);
  return outcome.messages.map((message) => message.id);
}
