/**
 * `mailbag list|show|search|rebuild-index|export`, run in process on a profile whose messages were
 * stored through the message store (two accounts, several folders, tricky bytes).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { formatDate } from '../../../electron/cli/mail-selection';
import { runCli } from '../../../electron/cli/run';
import type { MessageSummary } from '../../../electron/storage/message-queries';
import { attachmentMessage } from '../../support/attachment-message';
import { captureOutput, fillProfile, NO_KEYCHAIN_ENV } from '../../support/cli';
import { mail } from '../storage/store-fixture';
import { parseMboxrd } from './mboxrd-reader';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const TEST_TIMEOUT_MS = 60_000;

function crlf(lines: readonly string[]): Buffer {
  return Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8');
}

const FROM_LINES = Buffer.concat([
  crlf([
    'From: Quoter <quoter@example.com>',
    'To: ann@example.com',
    'Subject: From lines inside',
    'Date: Wed, 4 Nov 2026 09:00:00 +0000',
    'Message-ID: <from-lines@example.com>',
    'Content-Type: text/plain; charset=iso-8859-1',
    'Content-Transfer-Encoding: 8bit',
    '',
    'From the start of a line, mbox readers see a new message.',
    '>From once quoted already',
    '>>From twice quoted',
    'From',
    ' From with a space first',
  ]),
  Buffer.from([0x43, 0x61, 0x66, 0xe9, 0x0d, 0x0a]), // "Café" in Latin-1, a byte that is not UTF-8
]);

const HTML_ONLY = crlf([
  'From: News <news@example.org>',
  'To: ann@example.com',
  'Subject: Weekly newsletter',
  'Date: Thu, 5 Nov 2026 09:00:00 +0000',
  'Message-ID: <html-only@example.org>',
  'Content-Type: text/html; charset=utf-8',
  '',
  '<html><head><script>document.title="ran"</script></head><body><h1>Big sale</h1><p>Everything <b>must</b> go.</p>',
  '<img src="https://tracker.example.org/pixel.gif"></body></html>',
]);

const WITH_ATTACHMENT = attachmentMessage({
  head: [
    'From: Billing <billing@example.net>',
    'To: ann@example.com',
    'Subject: Your invoice',
    'Date: Fri, 6 Nov 2026 09:00:00 +0000',
    'Message-ID: <invoice@example.net>',
    'MIME-Version: 1.0',
  ],
  text: 'The invoice is attached.',
  fileName: 'invoice.pdf',
  contentType: 'application/pdf',
  content: '%PDF-1.4 pretend',
});

describe('mailbag list, show, search, rebuild-index and export', { timeout: TEST_TIMEOUT_MS }, () => {
  let scratch: string;
  let profile: string;
  const ids: Record<string, number> = {};
  const raw = new Map<number, Buffer>();

  before(async () => {
    scratch = mkdtempSync(path.join(os.tmpdir(), 'mailbag-cli-mail-'));
    profile = path.join(scratch, 'profile');
    const accounts = [
      ['acc-home', 'Home', 'ann@example.com'],
      ['acc-work', 'Work', 'ann@work.example'],
    ] as const;
    await fillProfile(profile, accounts, async (core) => {
      const archive = core.store.createFolder('acc-home', 'Archive');
      const add = async (
        key: string,
        accountId: string,
        folder: 'inbox' | 'sent' | { folderId: number },
        bytes: Buffer,
        extra: { partial?: boolean; seen?: boolean } = {},
      ) => {
        const outcome = await core.store.addMessage({ accountId, folder, ...extra }, bytes);
        assert.equal(outcome.status, 'stored');
        ids[key] = outcome.messageId;
        raw.set(outcome.messageId, bytes);
      };
      await add('hello', 'acc-home', 'inbox', mail({ subject: 'Hello there', date: 'Mon, 2 Nov 2026 09:00:00 +0000', body: 'A plain hello, nothing more.' }));
      await add('from', 'acc-home', 'inbox', FROM_LINES);
      await add('html', 'acc-home', 'inbox', HTML_ONLY, { seen: true });
      await add('invoice', 'acc-home', 'inbox', WITH_ATTACHMENT);
      await add('partial', 'acc-home', 'inbox', crlf(['From: big@example.com', 'Subject: Large video', 'Date: Sat, 7 Nov 2026 09:00:00 +0000', '']), {
        partial: true,
      });
      await add(
        'work',
        'acc-work',
        'inbox',
        mail({ subject: 'Quarterly numbers', from: 'Boss <boss@work.example>', date: 'Sun, 8 Nov 2026 09:00:00 +0000', body: 'The invoice totals are in.' }),
      );
      await add('sent', 'acc-home', 'sent', mail({ subject: 'My reply', date: 'Sun, 1 Nov 2026 09:00:00 +0000' }), { seen: true });
      await add('archived', 'acc-home', { folderId: archive }, mail({ subject: 'Old thing', date: 'Sat, 3 Jan 2026 09:00:00 +0000' }), { seen: true });
    });
  });
  after(() => rmSync(scratch, { recursive: true, force: true }));

  const run = async (args: string[]) => {
    const io = captureOutput();
    const code = await runCli(['--profile', profile, ...args], io.streams, NO_KEYCHAIN_ENV);
    return { code, out: io.out(), err: io.err(), bytes: io.bytes() };
  };

  test('list: every account’s Inbox by default, newest first, with the ids show takes and the flags', async () => {
    const result = await run(['list']);
    assert.equal(result.code, 0, result.err);
    const lines = result.out.split('\n');
    assert.match(lines[0] ?? '', /^ID +DATE +FROM +SUBJECT +SIZE +FLAGS$/);
    const order = ['work', 'partial', 'invoice', 'html', 'from', 'hello'].map((key) => String(ids[key]));
    assert.deepEqual(
      lines.slice(1, 7).map((line) => line.split(/\s+/)[0]),
      order,
    );
    // The date column is in the locale's short form (English here), as formatDate makes it.
    const listed = JSON.parse((await run(['list', '--json'])).out) as { messages: MessageSummary[] };
    const invoiceDate = formatDate(listed.messages.find((message) => message.id === ids['invoice'])?.date ?? 0);
    assert.match(invoiceDate, /^11\/\d+\/26, \d+:\d\d [AP]M$/);
    assert.match(result.out, new RegExp(`^${ids['invoice']} +${escapeRegExp(invoiceDate)} +Billing <billing@example\\.net> +Your invoice +\\d+ B +UA$`, 'm'));
    assert.match(result.out, new RegExp(`^${ids['partial']} .*Large video .* UP$`, 'm'));
    assert.match(result.out, new RegExp(`^${ids['html']} .*Weekly newsletter +\\d+ B$`, 'm'), 'a read message has no U');
    assert.match(result.out, /Inbox: messages 1–6 of 6\./);
    assert.doesNotMatch(result.out, /My reply|Old thing/);
  });

  test('list by account, by role or name, and pages with --json', async () => {
    const work = await run(['list', '--account', 'ann@work.example']);
    assert.equal(work.code, 0, work.err);
    assert.match(work.out, /Quarterly numbers/);
    assert.doesNotMatch(work.out, /Hello there/);

    const sent = await run(['list', '--folder', 'Sent', '--account', 'Home']);
    assert.match(sent.out, /My reply/);
    const archive = await run(['list', '--folder', 'archive']);
    assert.equal(archive.code, 0, archive.err);
    assert.match(archive.out, /Old thing/);

    const page = await run(['--json', 'list', '--limit', '2', '--offset', '1']);
    assert.equal(page.code, 0, page.err);
    const parsed = JSON.parse(page.out) as { total: number; offset: number; messages: MessageSummary[] };
    assert.equal(parsed.total, 6);
    assert.deepEqual(
      parsed.messages.map((message) => message.id),
      [ids['partial'], ids['invoice']],
    );
    assert.equal(parsed.messages[1]?.hasAttachments, true);
  });

  test('unknown folder, account or message: NOT_FOUND on stderr, exit 1; bad flags: usage, exit 2', async () => {
    const folder = await run(['list', '--folder', 'Holidays']);
    assert.equal(folder.code, 1);
    assert.match(folder.err, /^mailbag: NOT_FOUND: There is no folder called “Holidays”/m);
    const account = await run(['search', 'hello', '--account', 'nobody']);
    assert.equal(account.code, 1);
    assert.match(account.err, /NOT_FOUND/);
    const message = await run(['show', '999999']);
    assert.equal(message.code, 1);
    assert.match(message.err, /^mailbag: NOT_FOUND: There is no message 999999\./m);
    for (const args of [
      ['list', '--limit', '0'],
      ['list', '--limit', 'ten'],
      ['show'],
      ['show', 'abc'],
      ['search'],
      ['export', '--folder', 'Inbox', '--format', 'zip', '--out', 'x'],
      ['receive', '--password-stdin'],
    ]) {
      const usage = await run(args);
      assert.equal(usage.code, 2, args.join(' '));
      assert.match(usage.err, /Usage: mailbag /, args.join(' '));
    }
  });

  test('show: headers and text in plain words, with the attachment list', async () => {
    const result = await run(['show', String(ids['invoice'])]);
    assert.equal(result.code, 0, result.err);
    assert.match(result.out, /^From: +Billing <billing@example\.net>$/m);
    assert.match(result.out, /^To: +ann@example\.com$/m);
    assert.match(result.out, /^Subject: +Your invoice$/m);
    assert.match(result.out, /^Folder: +Inbox \(Home\)$/m);
    assert.match(result.out, /^The invoice is attached\.$/m);
    assert.match(result.out, /^Attachments \(1\):\n {2}1\. invoice\.pdf {2}application\/pdf {2}16 B$/m);
  });

  test('show of an HTML-only message: a text rendering without markup or script text', async () => {
    const result = await run(['show', String(ids['html'])]);
    assert.equal(result.code, 0, result.err);
    assert.match(result.out, /BIG SALE|Big sale/);
    assert.match(result.out, /Everything must go\./);
    const body = result.out.slice(result.out.indexOf('\n\n'));
    assert.doesNotMatch(body, /<[a-z/!]|document\.title/i, 'no markup and no script text');
  });

  test('show of a partial message says only the headers are here; --json has the text', async () => {
    const partial = await run(['show', String(ids['partial'])]);
    assert.match(partial.out, /Only the headers of this message are stored here/);
    const json = JSON.parse((await run(['--json', 'show', String(ids['hello'])])).out) as { subject: string; text: string };
    assert.equal(json.subject, 'Hello there');
    assert.match(json.text, /A plain hello, nothing more\./);
  });

  test('show --raw writes the stored bytes exactly, as bytes', async () => {
    for (const key of ['from', 'invoice', 'html']) {
      const id = ids[key] ?? 0;
      const result = await run(['show', String(id), '--raw']);
      assert.equal(result.code, 0, result.err);
      assert.equal(result.out, '');
      assert.ok(result.bytes.equals(raw.get(id) ?? Buffer.alloc(0)), `message ${key} differs`);
    }
  });

  test('search: words in the body, subject or addresses, across accounts or in one', async () => {
    const all = await run(['--json', 'search', 'invoice']);
    assert.equal(all.code, 0, all.err);
    const found = (JSON.parse(all.out) as { messages: MessageSummary[] }).messages.map((message) => message.id);
    assert.deepEqual(found, [ids['work'], ids['invoice']]);
    const home = await run(['search', 'invoice', '--account', 'Home']);
    assert.match(home.out, /Your invoice/);
    assert.doesNotMatch(home.out, /Quarterly/);
    const inSent = await run(['search', 'invoice', '--folder', 'Sent']);
    assert.match(inSent.out, /No messages match “invoice” \(0 in all\)\./);
    const prefix = await run(['search', 'quarter']);
    assert.match(prefix.out, /Quarterly numbers/);
  });

  test('rebuild-index rebuilds everything derived from the raw bytes and prints the counts', async () => {
    const result = await run(['rebuild-index']);
    assert.equal(result.code, 0, result.err);
    assert.match(result.out, /^Rebuilt the index of 8 of 8 messages/);
    assert.match(result.err, /Indexing: 8\/8 \(100%\)/);
    const json = JSON.parse((await run(['--json', 'rebuild-index'])).out) as { messages: number; indexed: number };
    assert.deepEqual([json.messages, json.indexed], [8, 8]);
    const search = await run(['search', 'hello']);
    assert.match(search.out, /Hello there/);
  });

  test('export --format mbox: mboxrd that reads back to the stored bytes; never replaces a file without --force', async () => {
    const out = path.join(scratch, 'inbox.mbox');
    const result = await run(['export', '--folder', 'Inbox', '--account', 'Home', '--format', 'mbox', '--out', out]);
    assert.equal(result.code, 0, result.err);
    assert.match(result.out, /Exported 5 messages/);
    const file = readFileSync(out);
    assert.match(file.toString('latin1'), /^>From the start of a line/m);
    assert.match(file.toString('latin1'), /^>>From once quoted already/m);
    assert.match(file.toString('latin1'), /^>>>From twice quoted/m);
    assert.match(file.toString('latin1'), /^From$/m, '"From" without a space is not quoted');
    assert.ok(!file.includes('\r\n'), 'LF line ends');
    const messages = parseMboxrd(file);
    const expected = ['hello', 'from', 'html', 'invoice', 'partial'].map((key) => raw.get(ids[key] ?? 0));
    assert.equal(messages.length, expected.length);
    messages.forEach((message, index) => assert.ok(message.body.equals(expected[index] ?? Buffer.alloc(0)), `message ${index} differs after the round trip`));
    assert.match(messages[1]?.separator ?? '', /^From quoter@example\.com [A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d \d{4}$/);

    writeFileSync(out, 'keep me');
    const again = await run(['export', '--folder', 'Inbox', '--format', 'mbox', '--out', out]);
    assert.equal(again.code, 2);
    assert.match(again.err, /VALIDATION: .*inbox\.mbox already exists; .*--force/);
    assert.equal(readFileSync(out, 'utf8'), 'keep me');
    const forced = await run(['--json', 'export', '--folder', 'Inbox', '--format', 'mbox', '--out', out, '--force']);
    assert.equal(forced.code, 0, forced.err);
    assert.equal((JSON.parse(forced.out) as { messages: number }).messages, 6);
    assert.equal(parseMboxrd(readFileSync(out)).length, 6);
    assert.deepEqual(
      readdirSync(scratch).filter((name) => name.includes('partial')),
      [],
      'no temporary file is left',
    );
  });

  test('export --format eml: one ID.eml per message, byte for byte; existing files are refused without --force', async () => {
    const out = path.join(scratch, 'eml');
    const result = await run(['export', '--folder', 'inbox', '--format', 'eml', '--out', out, '--account', 'Home']);
    assert.equal(result.code, 0, result.err);
    const names = readdirSync(out).sort();
    assert.equal(names.length, 5);
    for (const key of ['hello', 'from', 'html', 'invoice', 'partial']) {
      const id = ids[key] ?? 0;
      assert.ok(readFileSync(path.join(out, `${id}.eml`)).equals(raw.get(id) ?? Buffer.alloc(0)), `${key}.eml differs`);
    }
    const again = await run(['export', '--folder', 'inbox', '--format', 'eml', '--out', out, '--account', 'Home']);
    assert.equal(again.code, 2);
    assert.match(again.err, /already exists/);
    const forced = await run(['export', '--folder', 'inbox', '--format', 'eml', '--out', out, '--account', 'Home', '--force']);
    assert.equal(forced.code, 0, forced.err);
    assert.ok(existsSync(path.join(out, `${ids['hello']}.eml`)));
  });
});
