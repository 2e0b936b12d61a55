/**
 * The full-text index beside a download: while the receive worker downloads, each committed batch is
 * indexed by a parse worker of its own, and what is left when the download ends is indexed by the
 * next run in full (the next search, the window after the run, the next start). Mail of many shapes,
 * built here, comes from the fake POP3 server on 127.0.0.1 through the real receive and parse workers.
 * Guarded: the mail is found whole and its index rows are those of indexing after the download; a
 * process killed mid-receive leaves no message half-indexed, and the next run completes the index.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { createCore, type Core, type CoreOptions } from '../../../electron/main/core';
import { silentLogger } from '../../../electron/services/logger';
import { receiveJobForAccount } from '../../../electron/services/send-receive';
import { openDatabase } from '../../../electron/storage/database';
import { memoryKeychain } from '../../fakes/memory-keychain';
import { FakePop3Server, type FakePop3Handler } from '../../fakes/pop3-server';
import { loopbackAccount, NO_KEYCHAIN_ENV } from '../../support/cli';
import { indexRows } from './index-rows';

const USER = 'ann';
const PASSWORD = 'pop-secret';
const ROOT = path.resolve(__dirname, '..', '..', '..');
/** Messages per receive batch in the in-process test: several batches from a few messages. */
const BATCH = 3;
/** How often a test looks again for what it waits for, and the longest it waits. */
const POLL_MS = 20;
const WAIT_MS = 60_000;

/** Waits (bounded) until `check` holds. */
async function eventually(what: string, check: () => boolean): Promise<void> {
  const deadline = Date.now() + WAIT_MS;
  while (!check()) {
    if (Date.now() > deadline) assert.fail(`waited in vain for ${what}`);
    await delay(POLL_MS);
  }
}

function crlf(lines: readonly string[]): Buffer {
  return Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8');
}

/** The word only message `index` holds in its text, to find it by. */
const wordOf = (index: number): string => `shapeword${index}`;

/** Mail of the shapes indexing meets: each holds its own word where the index reads text. */
function shapes(): Buffer[] {
  const head = (index: number, subject: string, extra: readonly string[] = []) => [
    `From: "Sender ${index}" <sender${index}@example.org>`,
    'To: ann@example.com',
    `Subject: ${subject}`,
    `Date: Mon, 7 Dec 2026 0${index % 10}:00:00 +0000`,
    `Message-ID: <shape${index}@example.org>`,
    ...extra,
  ];
  const tall = Array.from({ length: 3_000 }, (_, line) => `Line ${line} of a tall message, ${line % 7 === 0 ? 'with a rare word' : 'plain'}.`);
  const manyRecipients = Array.from({ length: 400 }, (_, each) => `person${each}@example.net`).join(',\r\n ');
  return [
    crlf([...head(0, 'Plain and short'), '', `Hello, ${wordOf(0)} here.`]),
    crlf([...head(1, 'Tall'), '', wordOf(1), ...tall]),
    crlf([
      ...head(2, '=?utf-8?B?2YXYsdit2KjYpyDYqNin2YTYudin2YTZhQ==?= bidi', [
        'MIME-Version: 1.0',
        'Content-Type: text/plain; charset=utf-8',
        'Content-Transfer-Encoding: 8bit',
      ]),
      '',
      `مرحبا بالعالم ${wordOf(2)} שלום עולם English in between.`,
    ]),
    crlf([
      ...head(3, 'Nested with an attachment', ['MIME-Version: 1.0', 'Content-Type: multipart/mixed; boundary="outer"']),
      '',
      '--outer',
      'Content-Type: multipart/alternative; boundary="inner"',
      '',
      '--inner',
      'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: quoted-printable',
      '',
      `Gr=C3=BC=C3=9Fe, ${wordOf(3)} f=C3=BCr alle.`,
      '--inner',
      'Content-Type: text/html; charset=utf-8',
      '',
      `<p>Grüße, ${wordOf(3)} für alle.</p>`,
      '--inner--',
      '--outer',
      'Content-Type: application/pdf; name="report.pdf"',
      'Content-Disposition: attachment; filename="report.pdf"',
      'Content-Transfer-Encoding: base64',
      '',
      Buffer.alloc(30_000, 7).toString('base64').replace(/.{76}/g, '$&\r\n'),
      '--outer--',
    ]),
    crlf([
      ...head(4, 'Only HTML', ['MIME-Version: 1.0', 'Content-Type: text/html; charset=utf-8']),
      '',
      `<html><body><h1>Title</h1><p>The word ${wordOf(4)} in <b>HTML</b> only.</p></body></html>`,
    ]),
    crlf([
      ...head(5, 'A huge header', [`Cc: ${manyRecipients}`, ...Array.from({ length: 200 }, (_, hop) => `Received: from hop${hop}.example.net by relay`)]),
      '',
      wordOf(5),
    ]),
    crlf([
      ...head(6, 'A forwarded message', ['MIME-Version: 1.0', 'Content-Type: multipart/mixed; boundary="fw"']),
      '',
      '--fw',
      'Content-Type: text/plain',
      '',
      `See below, ${wordOf(6)}.`,
      '--fw',
      'Content-Type: message/rfc822',
      '',
      'From: inner@example.org',
      'Subject: The original',
      '',
      'The original text.',
      '--fw--',
    ]),
    crlf([...head(7, '日本語の件名', ['MIME-Version: 1.0', 'Content-Type: text/plain; charset=utf-8']), '', `東京で会いましょう ${wordOf(7)}`]),
    crlf([
      ...head(8, 'Flowed', ['MIME-Version: 1.0', 'Content-Type: text/plain; charset=utf-8; format=flowed']),
      '',
      `A flowed line that goes on ${wordOf(8)} `,
      'and on.',
    ]),
  ];
}

/** A profile with one account on `server`, and its core opened with `options`. */
async function openProfile(scratch: string, server: FakePop3Server, options: Partial<CoreOptions> = {}): Promise<{ core: Core; accountId: string }> {
  const profileDir = mkdtempSync(path.join(scratch, 'profile-'));
  const core = await createCore({ profileDir, logger: silentLogger, keychain: memoryKeychain(), ...options });
  const settings = loopbackAccount({ name: 'Home', address: 'ann@example.com', user: USER, pop3: server, policy: { leaveOnServer: { mode: 'forever' } } });
  const { account } = await core.accounts.save({ settings, pop3Password: PASSWORD });
  return { core, accountId: account.id };
}

/** One Send/Receive of the account, in batches of `batchMessages`. */
async function receive(core: Core, accountId: string, batchMessages: number): Promise<void> {
  const job = await receiveJobForAccount(core.accounts, core.accounts.get(accountId), core.paths);
  const outcome = await core.sendReceive.start({ ...job, batchMessages });
  assert.equal(outcome.status, 'completed', JSON.stringify(outcome));
}

const count = (core: Core, sql: string): number => core.database.prepare<[], number>(sql).pluck().get() ?? -1;

describe('the full-text index beside a download', () => {
  let scratch: string;
  before(() => {
    scratch = mkdtempSync(path.join(os.tmpdir(), 'mailbag-index-beside-'));
  });
  after(() => rmSync(scratch, { recursive: true, force: true }));

  test('mail indexed beside the download is found whole, with the same rows as mail indexed after it', async () => {
    const mail = shapes();
    const server = await FakePop3Server.start({ users: { [USER]: PASSWORD }, messages: mail.map((body, index) => ({ uid: `shape-${index}`, body })) });
    // Indexing beside a download waits for a spare core; this machine is shared, so one is taken as given.
    const beside = await openProfile(scratch, server, { indexWhenReceived: false, spareCoreForIndexing: () => true });
    const reference = await openProfile(scratch, server, { indexWhileReceiving: false, indexWhenReceived: false });
    try {
      // The second batch's first message is held back until the first batch is indexed: whatever the
      // machine's speed, the index then has worked while the download was under way.
      let release: () => void = () => undefined;
      const held = new Promise<void>((resolve) => (release = resolve));
      const retr: FakePop3Handler | undefined = server.handlerFor('RETR');
      server.handle('RETR', async (connection, args, line) => {
        if (args[0] === String(BATCH + 1)) await held;
        await retr?.(connection, args, line);
      });
      const receiving = receive(beside.core, beside.accountId, BATCH);
      await eventually(
        'the first batch to be indexed during the download',
        () => count(beside.core, 'select count(*) from messages where indexed_at is not null') >= BATCH,
      );
      assert.equal(beside.core.sendReceive.runningAccounts().length, 1, 'the download is still under way');
      release();
      await receiving;
      // What the download left is indexed by the next run in full, as the next search does.
      await beside.core.indexPending();
      assert.equal(count(beside.core, 'select count(*) from messages where indexed_at is null'), 0);
      for (const [index] of mail.entries()) {
        const found = beside.core.store.search(wordOf(index));
        assert.ok(found.ok && found.total === 1, `message ${index} is found by its word: ${JSON.stringify(found)}`);
      }

      server.handle('RETR', retr ?? (() => undefined));
      await receive(reference.core, reference.accountId, BATCH);
      assert.equal(count(reference.core, 'select count(*) from messages where indexed_at is not null'), 0, 'nothing indexed during the reference download');
      await reference.core.indexPending();
      assert.deepEqual(indexRows(beside.core.database), indexRows(reference.core.database));
    } finally {
      await beside.core.close();
      await reference.core.close();
      await server.close();
    }
  });

  test('a process killed mid-receive leaves no message half-indexed, and the next run indexes the rest', async () => {
    // Three receive batches of the command line's size are committed; the fourth never finishes downloading.
    const total = 800;
    const lastAnswered = 760;
    const messages = Array.from({ length: total }, (_, index) =>
      crlf([`From: sender${index}@example.org`, 'To: ann@example.com', `Subject: Message ${index}`, '', `Body of message ${index}, ${wordOf(index)}.`]),
    );
    const server = await FakePop3Server.start({ users: { [USER]: PASSWORD }, messages: messages.map((body, index) => ({ uid: `kill-${index}`, body })) });
    const setup = await openProfile(scratch, server);
    const profile = path.dirname(setup.core.paths.databaseFile);
    await setup.core.close();
    const retr = server.handlerFor('RETR');
    server.handle('RETR', async (connection, args, line) => {
      if (Number(args[0]) > lastAnswered) return; // never answered: the download stops here
      await retr?.(connection, args, line);
    });
    // A Mailbag process receiving as `mailbag receive` does (receive-child.ts), killed mid-receive.
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'receive-child.ts'), profile, PASSWORD], {
      cwd: ROOT,
      env: { ...process.env, ...NO_KEYCHAIN_ENV },
      stdio: ['ignore', 'ignore', 'ignore'],
    });
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    const database = openDatabase(path.join(profile, 'mailbag.sqlite'));
    try {
      const indexed = database.prepare<[], number>('select count(*) from messages where indexed_at is not null').pluck();
      // Killed as soon as the process has indexed anything beside its download, while later batches
      // are still being committed and indexed: each may be not begun, under way or done.
      await eventually('mail to be indexed during the download', () => (indexed.get() ?? 0) > 0);
      child.kill('SIGKILL');
      await exited;
      const rows = database
        .prepare<[], { id: number; indexed: number; searchRow: number; snippet: string | null }>(
          `select m.id, m.indexed_at is not null as indexed, exists (select 1 from message_search_docsize d where d.id = m.id) as searchRow, m.snippet
           from messages m`,
        )
        .all();
      assert.ok(rows.length > 0);
      for (const row of rows) {
        assert.equal(row.searchRow, row.indexed, `message ${row.id} has full-text rows exactly when it is marked indexed`);
        if (row.indexed === 1) assert.ok(row.snippet?.startsWith('Body of message'), `message ${row.id} indexed whole`);
      }
    } finally {
      database.close();
    }
    const after = await createCore({ profileDir: profile, logger: silentLogger, keychain: memoryKeychain() });
    try {
      await after.indexPending();
      const stored = count(after, 'select count(*) from messages');
      assert.equal(count(after, 'select count(*) from messages where indexed_at is null'), 0);
      const found = after.store.search('body', { limit: 1 });
      assert.ok(found.ok && found.total === stored, `every stored message is found: ${JSON.stringify(found.ok ? found.total : found)}`);
    } finally {
      await after.close();
      await server.close();
    }
  });
});
