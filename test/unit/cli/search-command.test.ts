/**
 * `mailbag search` in the search language and the paging flags of `list` and `search` for scripts:
 * `total` in --json, `--limit` above a page of 500, `--all`, `--sort relevance`, and a query's
 * mistake reported with where it is.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../../../electron/cli/run';
import { createCore } from '../../../electron/main/core';
import { silentLogger } from '../../../electron/services/logger';
import type { MessageSummary } from '../../../electron/storage/message-queries';
import { inlineParser, mail } from '../storage/store-fixture';

const TEST_TIMEOUT_MS = 120_000;
/** A session bus that does not exist: the keychain is unavailable and answers at once. */
const ENV = { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/mailbag-test-bus' };
/** More than one page of the store (500), so --limit and --all must read several. */
const BULK = 620;

interface Listing {
  readonly total: number;
  readonly offset: number;
  readonly messages: MessageSummary[];
}

describe('mailbag search language and paging', { timeout: TEST_TIMEOUT_MS }, () => {
  let scratch: string;
  let profile: string;
  const ids: Record<string, number> = {};

  before(async () => {
    scratch = mkdtempSync(path.join(os.tmpdir(), 'mailbag-cli-search-'));
    profile = path.join(scratch, 'profile');
    const core = await createCore({ profileDir: profile, logger: silentLogger, env: ENV });
    try {
      core.database
        .prepare("insert into accounts (id, name, email, settings, created_at, updated_at) values ('acc', 'Home', 'ann@example.com', '{}', 1, 1)")
        .run();
      const batch = core.store.beginBatch();
      const written = [];
      for (let index = 0; index < BULK; index += 1) {
        const day = String((index % 28) + 1).padStart(2, '0');
        written.push(
          await batch.addMessage(
            mail({ subject: `Bulk notice ${index}`, from: 'Robot <robot@example.com>', date: `${day} Feb 2026 12:00:00 +0000`, body: 'Routine.' }),
          ),
        );
      }
      await batch.commit(written.map((message) => ({ accountId: 'acc', folder: 'inbox' as const, message })));
      const add = async (key: string, bytes: Buffer, seen = false) => {
        const outcome = await core.store.addMessage({ accountId: 'acc', folder: 'inbox', seen }, bytes);
        assert.equal(outcome.status, 'stored');
        ids[key] = outcome.messageId;
      };
      await add(
        'anna',
        mail({ subject: 'Budget for the offsite', from: 'Anna Smith <anna@example.com>', date: 'Sat, 14 Mar 2026 12:00:00 +0000', body: 'Numbers inside.' }),
      );
      await add(
        'ahmad',
        mail({ subject: '会議資料 budget', from: '"أحمد علي" <ahmad@example.org>', date: 'Tue, 10 Mar 2026 12:00:00 +0000', body: 'budget budget' }),
        true,
      );
      await add(
        'mention',
        mail({ subject: 'Notes', from: 'Carol <carol@example.com>', date: 'Mon, 16 Mar 2026 12:00:00 +0000', body: 'A word about the budget.' }),
      );
      await core.store.indexPending(inlineParser);
    } finally {
      await core.close();
    }
  });
  after(() => rmSync(scratch, { recursive: true, force: true }));

  const run = async (args: string[]) => {
    let out = '';
    let err = '';
    const streams = { stdout: { write: (text: string) => (out += text) }, stderr: { write: (text: string) => (err += text) } };
    const code = await runCli(['--profile', profile, ...args], streams, ENV);
    return { code, out, err };
  };
  const json = async (args: string[]): Promise<Listing> => {
    const result = await run(['--json', ...args]);
    assert.equal(result.code, 0, result.err);
    return JSON.parse(result.out) as Listing;
  };

  test('search takes the language: fields, flags, dates, OR and NOT, with bidi and CJK text', async () => {
    const idsOf = (listing: Listing) => listing.messages.map((message) => message.id);
    assert.deepEqual(idsOf(await json(['search', 'from:"Anna Smith"'])), [ids['anna']]);
    assert.deepEqual(idsOf(await json(['search', 'budget', 'is:unread'])), [ids['mention'], ids['anna']], 'the words of QUERY may be separate arguments');
    assert.deepEqual(idsOf(await json(['search', 'from:أحمد OR subject:offsite'])), [ids['anna'], ids['ahmad']]);
    assert.deepEqual(idsOf(await json(['search', 'subject:会議'])), [ids['ahmad']]);
    assert.deepEqual(idsOf(await json(['search', 'budget -subject:budget'])), [ids['mention']]);
    assert.deepEqual(idsOf(await json(['search', 'budget before:2026-03-14'])), [ids['ahmad']]);
    const table = await run(['search', 'from:أحمد']);
    assert.equal(table.code, 0, table.err);
    assert.match(table.out, /会議資料 budget/);
    assert.match(table.out, /1 message matches “from:أحمد”/);
  });

  test('--json prints the total; --sort relevance puts the best match first', async () => {
    const page = await json(['search', 'budget', '--limit', '1']);
    assert.equal(page.total, 3);
    assert.deepEqual(
      page.messages.map((message) => message.id),
      [ids['mention']],
      'newest first by default',
    );
    const relevant = await json(['search', 'budget', '--sort', 'relevance', '--limit', '1']);
    assert.equal(relevant.total, 3);
    assert.deepEqual(
      relevant.messages.map((message) => message.id),
      [ids['ahmad']],
      'budget in the subject and twice in the text',
    );
    const text = await run(['search', 'budget', '--limit', '1']);
    assert.match(text.out, /Messages 1–1 of 3 match “budget” \(use --offset or --all for more\)/);
  });

  test('--limit above 500 and --all read past one page, for list and search', async () => {
    const many = await json(['search', 'subject:bulk', '--limit', '600']);
    assert.equal(many.total, BULK);
    assert.equal(many.messages.length, 600);
    const all = await json(['search', 'subject:bulk', '--all']);
    assert.equal(all.messages.length, BULK);
    assert.equal(new Set(all.messages.map((message) => message.id)).size, BULK, 'no message twice');
    const dates = all.messages.map((message) => message.date);
    assert.deepEqual(
      dates,
      [...dates].sort((a, b) => b - a),
      'newest first across pages',
    );
    const listed = await json(['list', '--all']);
    assert.equal(listed.total, BULK + 3);
    assert.equal(listed.messages.length, BULK + 3);
    const deep = await json(['list', '--limit', '520', '--offset', '100']);
    assert.equal(deep.messages.length, 520);
    assert.deepEqual(
      deep.messages.map((message) => message.id),
      listed.messages.slice(100, 620).map((message) => message.id),
    );
    const both = await run(['list', '--limit', '5', '--all']);
    assert.equal(both.code, 2);
    assert.match(both.err, /Use either --limit or --all/);
  });

  test('a mistake in the query says what and where, exit 2; a bad --sort is a usage error', async () => {
    const result = await run(['search', 'from:anna subject:"budget']);
    assert.equal(result.code, 2);
    assert.match(result.err, /VALIDATION: Missing closing quote at 19/);
    const scripted = await run(['--json', 'search', 'is:bold']);
    assert.equal(scripted.code, 2);
    const error = (JSON.parse(scripted.out) as { error: { code: string; message: string; detail: string } }).error;
    assert.equal(error.code, 'VALIDATION');
    assert.match(error.message, /is:bold is unknown/);
    assert.equal(error.detail, 'position 0 of the query');
    const sort = await run(['search', 'budget', '--sort', 'size']);
    assert.equal(sort.code, 2);
    assert.match(sort.err, /--sort takes date or relevance/);
  });
});
