/**
 * `mailbag import eudora` end to end on an Eudora mail folder built by the test from the formats Eudora
 * writes: descmap.pce trees (a nested folder, a Hebrew mailbox name), .mbx mailboxes with `From ???@???`
 * separators and CRLF lines, a .toc with each message's state, attachments converted into the Attach
 * folder, a damaged mailbox, and Eudora.ini's personalities.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EUDORA_TOC_ENTRY_BYTES, EUDORA_TOC_HEADER_BYTES } from '../../../electron/jobs/import/eudora/eudora-toc';
import { createCore } from '../../../electron/main/core';
import { silentLogger } from '../../../electron/services/logger';
import { fillProfile, NO_KEYCHAIN_ENV, runMailbag } from '../../support/cli';

const TEST_TIMEOUT_MS = 120_000;
const SEPARATOR = 'From ???@??? Mon Nov 02 09:00:00 2026\r\n';
const PDF = Buffer.from('%PDF-1.4\n% a small document\n%%EOF\n', 'latin1');

function eudoraMessage(subject: string, body: string): Buffer {
  return Buffer.concat([
    Buffer.from(SEPARATOR, 'latin1'),
    Buffer.from(
      [
        'Return-Path: <ann@example.com>',
        'From: Ann <ann@example.com>',
        'To: bob@example.com',
        `Subject: ${subject}`,
        'Date: Mon, 2 Nov 2026 09:00:00 +0000',
        `Message-ID: <${subject.replace(/\W/g, '')}@example.com>`,
        'MIME-Version: 1.0',
        'Content-Type: multipart/mixed; boundary="gone"',
        '',
        '',
      ].join('\r\n'),
      'latin1',
    ),
    Buffer.from(body, 'latin1'),
    Buffer.from('\r\n\r\n', 'latin1'),
  ]);
}

/** A .toc: the 104-byte header, then one 218-byte entry per message (offset, length, status). */
function toc(messages: ReadonlyArray<{ offset: number; length: number; status: number }>): Buffer {
  const bytes = Buffer.alloc(EUDORA_TOC_HEADER_BYTES + messages.length * EUDORA_TOC_ENTRY_BYTES);
  bytes.write('1', 0, 'latin1');
  bytes.write('In', 8, 'latin1');
  bytes.writeInt16LE(messages.length, 0x66);
  messages.forEach((message, index) => {
    const at = EUDORA_TOC_HEADER_BYTES + index * EUDORA_TOC_ENTRY_BYTES;
    bytes.writeInt32LE(message.offset, at);
    bytes.writeInt32LE(message.length, at + 4);
    bytes.writeInt16LE(message.status, at + 12);
  });
  return bytes;
}

describe('mailbag import eudora', { timeout: TEST_TIMEOUT_MS }, () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'mailbag-eudora-'));
  const eudora = path.join(root, 'Eudora');
  const profile = path.join(root, 'profile');
  const garbage = 'half a message left by a crash\r\n';

  before(async () => {
    await fillProfile(profile, [['a1', 'Ann', 'ann@example.com']], async () => undefined);
    mkdirSync(path.join(eudora, 'Attach'), { recursive: true });
    mkdirSync(path.join(eudora, 'Projects.fol'), { recursive: true });
    writeFileSync(path.join(eudora, 'Attach', 'report.pdf'), PDF);
    writeFileSync(
      path.join(eudora, 'descmap.pce'),
      'In,In.mbx,S,N\r\nOut,Out.mbx,S,N\r\nTrash,Trash.mbx,S,N\r\nProjects,Projects.fol,F,N\r\nעברית,Hebrew.mbx,M,Y\r\nBroken,Broken.mbx,M,N\r\n',
    );
    writeFileSync(path.join(eudora, 'Projects.fol', 'descmap.pce'), 'Alpha,Alpha.mbx,M,N\r\n');
    const tall = Array.from({ length: 300 }, (_, index) => `line ${index}`).join('\r\n');
    const inbox = [
      eudoraMessage('Unread', `From here on the text is plain\r\nCaf\u00e9\r\n${tall}`),
      eudoraMessage(
        'Replied with attachment',
        'See the report.\r\nAttachment Converted: "C:\\Eudora\\Attach\\report.pdf"\r\nAttachment Converted: "C:\\Eudora\\Attach\\missing.doc"',
      ),
      eudoraMessage('Read', 'plain'),
    ];
    writeFileSync(path.join(eudora, 'In.mbx'), Buffer.concat(inbox));
    let offset = 0;
    const entries = inbox.map((message, index) => {
      const entry = { offset, length: message.length, status: [0, 2, 1][index] ?? 1 };
      offset += message.length;
      return entry;
    });
    writeFileSync(path.join(eudora, 'In.toc'), toc(entries));
    writeFileSync(path.join(eudora, 'Out.mbx'), eudoraMessage('Sent by me', 'hello'));
    writeFileSync(path.join(eudora, 'Trash.mbx'), '');
    writeFileSync(path.join(eudora, 'Projects.fol', 'Alpha.mbx'), eudoraMessage('Alpha plan', 'nested'));
    writeFileSync(path.join(eudora, 'Hebrew.mbx'), eudoraMessage('Bidi mailbox', 'שלום'));
    writeFileSync(path.join(eudora, 'Broken.mbx'), Buffer.concat([Buffer.from(garbage, 'latin1'), eudoraMessage('After damage', 'kept')]));
    writeFileSync(path.join(eudora, 'Eudora.ini'), '[Settings]\r\nPOPAccount=ann@pop.example.com\r\nSMTPServer=smtp.example.com\r\nRealName=Ann\r\n');
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  test('mailboxes, folders, .toc states and attachments come in; the damage is reported; the account without a password is reported', async () => {
    const run = await runMailbag(['--profile', profile, '--json', 'import', 'eudora', eudora, '--account', 'Ann']);
    assert.equal(run.code, 3, run.err);
    const result = JSON.parse(run.out) as {
      imported: number;
      mailboxes: number;
      accounts: Array<{ status: string; error?: { code: string } }>;
      problems: Array<{ file: string; offset: number; length: number }>;
    };
    assert.equal(result.imported, 7);
    assert.equal(result.accounts[0]?.status, 'failed');
    assert.equal(result.accounts[0]?.error?.code, 'VALIDATION');
    assert.equal(result.problems.length, 1);
    assert.match(result.problems[0]?.file ?? '', /Broken\.mbx$/);
    assert.deepEqual([result.problems[0]?.offset, result.problems[0]?.length], [0, garbage.length]);

    const core = await createCore({ profileDir: profile, logger: silentLogger, env: NO_KEYCHAIN_ENV });
    try {
      const rows = core.database
        .prepare<[], { folder: string; role: string | null; parent: string | null; subject: string; seen: number; answered: number }>(
          `select f.name as folder, f.role as role, p.name as parent, m.subject as subject, m.seen as seen, m.answered as answered
             from messages m join folders f on f.id = m.folder_id left join folders p on p.id = f.parent_id order by m.subject`,
        )
        .all();
      assert.deepEqual(
        rows.map((row) => [row.subject, row.role ?? row.folder, row.parent, row.seen, row.answered]),
        [
          ['After damage', 'Broken', null, 1, 0],
          ['Alpha plan', 'Alpha', 'Projects', 1, 0],
          ['Bidi mailbox', 'עברית', null, 1, 0],
          ['Read', 'inbox', null, 1, 0],
          ['Replied with attachment', 'inbox', null, 1, 1],
          ['Sent by me', 'sent', null, 1, 0],
          ['Unread', 'inbox', null, 0, 0],
        ],
      );
      const withAttachment = core.database.prepare<[], { id: number }>("select id from messages where subject = 'Replied with attachment'").get();
      const raw = (await core.store.readRawMessage(withAttachment?.id ?? 0)).toString('latin1');
      assert.match(raw, /\r\nContent-Type: multipart\/mixed; boundary="=_eudora_[0-9a-f]{32}"\r\n/);
      assert.ok(!raw.includes('boundary="gone"'));
      assert.match(raw, /Content-Disposition: attachment; filename="report\.pdf"\r\n\r\n/);
      assert.ok(raw.includes(PDF.toString('base64')));
      assert.ok(raw.includes('Attachment Converted: "C:\\Eudora\\Attach\\missing.doc"'));
      assert.ok(!raw.includes('report.pdf"\r\nAttachment'));
      const unread = core.database.prepare<[], { id: number }>("select id from messages where subject = 'Unread'").get();
      const text = (await core.store.readRawMessage(unread?.id ?? 0)).toString('latin1');
      assert.match(text, /\r\n\r\nFrom here on the text is plain\r\nCaf\u00e9\r\nline 0\r\n/);
    } finally {
      await core.close();
    }
  });

  test('importing the same folder again adds nothing, and says so with the damaged part and the account not imported', async () => {
    const run = await runMailbag(['--profile', profile, '--json', 'import', 'eudora', eudora, '--account', 'Ann']);
    const result = JSON.parse(run.out) as { imported: number; duplicates: number };
    assert.equal(result.imported, 0);
    assert.equal(result.duplicates, 7);
    const text = await runMailbag(['--profile', profile, 'import', 'eudora', eudora, '--account', 'Ann']);
    assert.equal(text.code, 3, text.err);
    assert.match(text.out, /^Account Eudora \(pop\.example\.com\) not imported: VALIDATION: No terminal to ask for the password/m);
    assert.match(text.out, /^Imported 0 messages from 6 mailboxes; 7 already stored, 0 deleted there and left out, 1 part could not be read\.$/m);
    assert.match(text.out, new RegExp(`^  not imported: .*Broken\\.mbx bytes 0–${garbage.length}: not in a message`, 'm'));
  });
});
