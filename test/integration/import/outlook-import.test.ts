/**
 * `mailbag import outlook` on real Outlook data files (the ones pst-extractor ships: an Enron .pst and
 * two Outlook.com .ost caches): the folder tree rebuilt below the target, transport headers kept,
 * messages without them built from their properties, attachments byte for byte, non-mail items left
 * out and counted, a second import adding nothing, and a damaged item listed while the rest imports.
 */
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { simpleParser } from 'mailparser';
import { createCore } from '../../../electron/main/core';
import { silentLogger } from '../../../electron/services/logger';
import { fillProfile, NO_KEYCHAIN_ENV, runMailbag } from '../../support/cli';
import type { ImportProblemReason } from '../../../shared/import-problems';

const TEST_TIMEOUT_MS = 180_000;
const TESTDATA = path.resolve(__dirname, '..', '..', '..', 'node_modules', 'pst-extractor', 'example', 'testdata');
const ENRON = path.join(TESTDATA, 'enron.pst');
const OST = path.join(TESTDATA, 'pstextractortest@outlook.com.ost');
const OST_PDF = path.join(TESTDATA, 'pstextractortestpdf@outlook.com.ost');
/** Mail items in enron.pst, and how its folders hold them. */
const ENRON_MESSAGES = 71;
const ENRON_FOLDERS: Record<string, number> = {
  'Enron/lokay-m/MLOKAY (Non-Privileged)': 1,
  'Enron/lokay-m/MLOKAY (Non-Privileged)/TW-Commercial Group': 14,
  'Enron/lokay-m/MLOKAY (Non-Privileged)/Systems': 7,
  'Enron/lokay-m/MLOKAY (Non-Privileged)/Sent Items': 2,
  'Enron/lokay-m/MLOKAY (Non-Privileged)/Personal': 47,
};

const root = mkdtempSync(path.join(os.tmpdir(), 'mailbag-outlook-'));
after(() => rmSync(root, { recursive: true, force: true }));

interface ImportResult {
  imported: number;
  duplicates: number;
  skipped: number;
  problems: Array<{ file?: string; offset: number; reason: ImportProblemReason }>;
}

async function newProfile(name: string): Promise<string> {
  const profile = path.join(root, name);
  await fillProfile(profile, [['a1', 'Ann', 'ann@example.com']], async () => undefined);
  return profile;
}

async function importOutlook(profile: string, file: string, folder: string): Promise<{ code: number; result: ImportResult; err: string }> {
  const run = await runMailbag(['--profile', profile, '--json', 'import', 'outlook', file, '--folder', folder]);
  return { code: run.code, result: JSON.parse(run.out) as ImportResult, err: run.err };
}

/** Every folder path of the account with its messages' raw bytes and read marks. */
async function folders(profile: string): Promise<Map<string, Array<{ bytes: Buffer; seen: boolean }>>> {
  const core = await createCore({ profileDir: profile, logger: silentLogger, env: NO_KEYCHAIN_ENV });
  try {
    const rows = core.database
      .prepare<[], { id: number; parent_id: number | null; name: string }>("select id, parent_id, name from folders where account_id = 'a1'")
      .all();
    const byId = new Map(rows.map((row) => [row.id, row]));
    const pathOf = (id: number): string => {
      const row = byId.get(id);
      if (row === undefined) return '';
      return row.parent_id === null ? row.name : `${pathOf(row.parent_id)}/${row.name}`;
    };
    const result = new Map<string, Array<{ bytes: Buffer; seen: boolean }>>();
    for (const row of rows) {
      const messages = core.database
        .prepare<[number], { id: number; seen: number }>('select id, seen from messages where folder_id = ? order by id')
        .all(row.id);
      const list = [];
      for (const message of messages) list.push({ bytes: await core.store.readRawMessage(message.id), seen: message.seen === 1 });
      result.set(pathOf(row.id), list);
    }
    return result;
  } finally {
    await core.close();
  }
}

describe('mailbag import outlook', { timeout: TEST_TIMEOUT_MS }, () => {
  test('an Enron .pst: its folder tree, transport headers and attachments; a second import adds nothing', async () => {
    const profile = await newProfile('enron');
    const first = await importOutlook(profile, ENRON, 'Enron');
    assert.equal(first.code, 0, first.err);
    assert.deepEqual({ ...first.result, problems: first.result.problems.length }, { ...first.result, imported: ENRON_MESSAGES, duplicates: 0, problems: 0 });
    const tree = await folders(profile);
    for (const [folder, count] of Object.entries(ENRON_FOLDERS)) assert.equal(tree.get(folder)?.length, count, folder);

    const group = tree.get('Enron/lokay-m/MLOKAY (Non-Privileged)/TW-Commercial Group') ?? [];
    const parsed = await Promise.all(group.map(async (message) => ({ message, mail: await simpleParser(message.bytes) })));
    const oba = parsed.find(({ mail }) => mail.subject === "New OBA's");
    assert.ok(oba !== undefined, 'the message "New OBA\'s" is there');
    const header = oba.message.bytes.toString('latin1', 0, oba.message.bytes.indexOf('\r\n\r\n'));
    // The transport headers as they arrived, Received and Exchange's own fields included.
    assert.match(header, /^Received: from NAHOU-MSMBX07V\.corp\.enron\.com/m);
    assert.match(header, /^X-OriginalArrivalTime: 22 Oct 2001 18:06:25\.0119 \(UTC\)/m);
    assert.match(header, /^Message-ID: <I2OY5JK033YULHIIZG14FWPGKODJHROVB@zlsvr22>$/m);
    assert.equal(header.match(/^Content-Type:/gim)?.length, 1, 'one Content-Type: the rebuilt body’s');
    assert.equal(oba.mail.attachments.length, 11);
    assert.ok(oba.mail.attachments.every((attachment) => (attachment.filename ?? '').endsWith('.doc') && attachment.content.length > 0));
    assert.match(oba.mail.text ?? '', /The attached OBA's have been submitted/);
    assert.ok(oba.message.seen, 'read in Outlook, read here');

    const again = await importOutlook(profile, ENRON, 'Enron');
    assert.equal(again.code, 0, again.err);
    assert.equal(again.result.imported, 0);
    assert.equal(again.result.duplicates, ENRON_MESSAGES);
    const after = await folders(profile);
    assert.deepEqual([...after.keys()].sort(), [...tree.keys()].sort(), 'no folder is made twice');
  });

  test('an Outlook.com .ost: mail folders only, a message without transport headers built from its properties', async () => {
    const profile = await newProfile('ost');
    const run = await importOutlook(profile, OST, 'Outlook.com');
    assert.equal(run.code, 0, run.err);
    assert.equal(run.result.imported, 14);
    assert.ok(run.result.skipped > 0, 'calendar items, reminders and the like are left out and counted');
    const tree = await folders(profile);
    assert.equal(tree.get('Outlook.com/Inbox')?.length, 10);
    assert.equal(tree.get('Outlook.com/Sent Items')?.length, 2);
    assert.ok(![...tree.keys()].some((name) => name.includes('Calendar') || name.includes('Finder')), 'no folder of non-mail items is made');
    const inbox = await Promise.all((tree.get('Outlook.com/Inbox') ?? []).map((message) => simpleParser(message.bytes)));
    const welcome = inbox.find((mail) => mail.subject === 'Welcome to your new Outlook.com account');
    assert.ok(welcome !== undefined);
    assert.match(welcome.messageId ?? '', /^<BN7PR03MB376291475B4F801F0BCB56A6CDF99@/);
    assert.equal(welcome.date?.toISOString(), '2021-08-12T20:16:07.000Z');
    assert.match(welcome.html || '', /Outlook/);
    assert.ok(welcome.attachments.length > 0, 'its images are parts of the message');
  });

  test('an attached PDF comes through byte for byte', async () => {
    const profile = await newProfile('pdf');
    const run = await importOutlook(profile, OST_PDF, 'PDF');
    assert.equal(run.code, 0, run.err);
    const expected = readFileSync(path.join(TESTDATA, 'attachments', 'Clinometer Usage.pdf'));
    const inbox = await Promise.all(((await folders(profile)).get('PDF/Inbox') ?? []).map((message) => simpleParser(message.bytes)));
    const pdf = inbox.flatMap((mail) => mail.attachments).find((attachment) => attachment.filename === 'Clinometer Usage.pdf');
    assert.ok(pdf !== undefined, 'the PDF is attached');
    assert.deepEqual(pdf.content, expected);
  });

  test('a damaged item is listed with its folder and node, and every other message is imported', async () => {
    const damaged = path.join(root, 'damaged.pst');
    copyFileSync(ENRON, damaged);
    const bytes = readFileSync(damaged);
    bytes.fill(0x5a, 3_000_000, 3_400_000);
    writeFileSync(damaged, bytes);
    const profile = await newProfile('damaged');
    const run = await importOutlook(profile, damaged, 'Damaged');
    assert.equal(run.code, 3, run.err);
    assert.ok(run.result.problems.length >= 1);
    for (const problem of run.result.problems) {
      assert.match(problem.file ?? '', /^lokay-m\//);
      assert.equal(problem.reason.code, 'item-unreadable', JSON.stringify(problem.reason));
      assert.ok(problem.reason.code === 'item-unreadable' && problem.reason.item === problem.offset, 'the item is the node listed as the offset');
      assert.ok(problem.offset > 0);
    }
    assert.equal(run.result.imported + run.result.problems.length, ENRON_MESSAGES);
  });

  test('a file that is no Outlook data file is refused plainly', async () => {
    const profile = await newProfile('refused');
    const notPst = path.join(root, 'not.pst');
    writeFileSync(notPst, 'From: someone\r\n\r\nnot an Outlook file\r\n');
    const run = await runMailbag(['--profile', profile, 'import', 'outlook', notPst]);
    assert.equal(run.code, 2);
    assert.match(run.err, /VALIDATION: .*not\.pst is not an Outlook data file/);
  });
});
