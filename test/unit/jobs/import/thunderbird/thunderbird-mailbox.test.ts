/**
 * Thunderbird's mbox files as Thunderbird writes them: `From - ` separators with or without an empty
 * line before them, mboxo quoting (and mboxrd when `>>From ` shows it), X-Mozilla-Status marks with
 * expunged messages left out, and the folder tree of `.sbd` directories without Thunderbird's own files.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { MailboxItem } from '../../../../../electron/jobs/import/mbox-reader';
import { listThunderbirdFolders } from '../../../../../electron/jobs/import/thunderbird/mail-folders';
import { mozillaStatus, readThunderbirdMailbox } from '../../../../../electron/jobs/import/thunderbird/thunderbird-mailbox';

const directory = mkdtempSync(path.join(os.tmpdir(), 'mailbag-tb-mbox-'));
after(() => rmSync(directory, { recursive: true, force: true }));

async function read(file: string): Promise<MailboxItem[]> {
  const items: MailboxItem[] = [];
  for await (const item of readThunderbirdMailbox(file)) items.push(item);
  return items;
}

function message(subject: string, status: string, body: string): string {
  return `From - Tue Nov 03 10:00:00 2026\nX-Mozilla-Status: ${status}\nX-Mozilla-Status2: 00000000\nX-Mozilla-Keys:                                                                                 \nFrom: a@example.com\nSubject: ${subject}\n\n${body}\n`;
}

describe('a Thunderbird mbox', () => {
  test('separators need no empty line before them; quoting is mboxo; marks come from X-Mozilla-Status; expunged messages are left out', async () => {
    const file = path.join(directory, 'Inbox');
    // No empty line between the messages, as Thunderbird leaves it when a message lacks one.
    writeFileSync(
      file,
      message('one', '0001', '>From the body\nFrom here, not a separator') +
        message('two', '0009', 'expunged') +
        message('three', '1006', 'replied, flagged, forwarded') +
        `\n${message('four', '0000', 'unread')}`,
    );
    const items = await read(file);
    assert.deepEqual(
      items.map((item) => item.kind),
      ['message', 'skipped', 'message', 'message'],
    );
    const [one, , three, four] = items;
    assert.ok(one?.kind === 'message' && three?.kind === 'message' && four?.kind === 'message');
    assert.match(one.message.bytes.toString('latin1'), /\r\n\r\nFrom the body\r\nFrom here, not a separator\r\n$/);
    assert.deepEqual([one.message.seen, one.message.flagged, one.message.answered, one.message.forwarded], [true, false, false, false]);
    assert.deepEqual([three.message.seen, three.message.flagged, three.message.answered, three.message.forwarded], [false, true, true, true]);
    assert.equal(four.message.seen, false);
    assert.ok(!four.message.bytes.toString('latin1').startsWith('\r\n'));
  });

  test('a mailbox with >>From lines is read as mboxrd', async () => {
    const file = path.join(directory, 'Rd');
    writeFileSync(file, message('rd', '0001', '>>From quoted once by the writer\n>From was From'));
    const [item] = await read(file);
    assert.ok(item?.kind === 'message');
    assert.match(item.message.bytes.toString('latin1'), /\r\n>From quoted once by the writer\r\nFrom was From\r\n$/);
  });

  test('an IMAP-deleted message (X-Mozilla-Status2 0x00200000) is deleted; no status field means no marks known', () => {
    assert.equal(mozillaStatus(Buffer.from('X-Mozilla-Status: 0001\r\nX-Mozilla-Status2: 00200000\r\n\r\nbody'))?.deleted, true);
    assert.equal(mozillaStatus(Buffer.from('Subject: x\r\n\r\nX-Mozilla-Status: 0008\r\n')), undefined);
  });

  test('damaged bytes before the first message are reported with the file and offset; the rest is read', async () => {
    const file = path.join(directory, 'Damaged');
    writeFileSync(file, `\u0000\u0000garbage\n${message('kept', '0001', 'ok')}`);
    const items = await read(file);
    assert.deepEqual(items[0], { kind: 'problem', problem: { offset: 0, length: 10, reason: { code: 'outside-message' }, file } });
    assert.equal(items[1]?.kind, 'message');
  });
});

describe("a Thunderbird mail directory's folders", () => {
  test("a profile using Thunderbird's maildir store: each folder a maildir, marks from X-Mozilla-Status, expunged left out", async () => {
    const mail = path.join(directory, 'MaildirStore');
    for (const folder of ['Inbox', path.join('Inbox.sbd', 'Sub')]) {
      for (const part of ['cur', 'new', 'tmp']) mkdirSync(path.join(mail, folder, part), { recursive: true });
    }
    writeFileSync(path.join(mail, 'Inbox', 'cur', '1700000000.M1P1.host'), 'X-Mozilla-Status: 0005\nSubject: kept\n\nbody\n');
    writeFileSync(path.join(mail, 'Inbox', 'cur', '1700000001.M2P1.host'), 'X-Mozilla-Status: 0009\nSubject: gone\n\nbody\n');
    writeFileSync(path.join(mail, 'Inbox.sbd', 'Sub', 'new', '1700000002.M3P1.host'), 'Subject: new\n\nbody\n');
    writeFileSync(path.join(mail, 'Inbox.msf'), '');
    const folders = await listThunderbirdFolders(mail);
    assert.deepEqual(
      folders.map((folder) => folder.path.join('/')),
      ['Inbox', 'Inbox/Sub'],
    );
    const items: MailboxItem[] = [];
    for await (const item of folders[0]?.read() ?? []) items.push(item);
    assert.deepEqual(
      items.map((item) => (item.kind === 'message' ? [item.kind, item.message.seen, item.message.flagged] : [item.kind])),
      [['message', true, true], ['skipped']],
    );
  });

  test('mbox files and their .sbd sub-folders, parents first; summaries, filters and popstate.dat are not folders', async () => {
    const mail = path.join(directory, 'Mail', 'pop.example.com');
    mkdirSync(path.join(mail, 'Archives.sbd', '2024.sbd'), { recursive: true });
    mkdirSync(path.join(mail, 'Only.sbd'), { recursive: true });
    writeFileSync(path.join(mail, 'Inbox'), message('in', '0001', 'x'));
    writeFileSync(path.join(mail, 'Inbox.msf'), '// mork');
    writeFileSync(path.join(mail, 'Trash'), '');
    writeFileSync(path.join(mail, 'popstate.dat'), '# POP3 State File\n');
    writeFileSync(path.join(mail, 'msgFilterRules.dat'), 'version="9"\n');
    writeFileSync(path.join(mail, 'filterlog.html'), '<p>');
    writeFileSync(path.join(mail, 'notes.txt.v2'), 'not a mailbox at all');
    writeFileSync(path.join(mail, 'Archives'), message('a', '0001', 'x'));
    writeFileSync(path.join(mail, 'Archives.sbd', 'קבלות'), message('b', '0001', 'x'));
    writeFileSync(path.join(mail, 'Archives.sbd', '2024.sbd', 'Q1 v1.2'), message('c', '0001', 'x'));
    writeFileSync(path.join(mail, 'Only.sbd', 'Child'), message('d', '0001', 'x'));
    const folders = await listThunderbirdFolders(mail);
    assert.deepEqual(
      folders.map((folder) => [folder.path.join('/'), folder.file === undefined ? null : path.relative(mail, folder.file)]),
      [
        ['Archives', 'Archives'],
        ['Archives/2024', null],
        ['Archives/2024/Q1 v1.2', path.join('Archives.sbd', '2024.sbd', 'Q1 v1.2')],
        ['Archives/קבלות', path.join('Archives.sbd', 'קבלות')],
        ['Inbox', 'Inbox'],
        ['Only', null],
        ['Only/Child', path.join('Only.sbd', 'Child')],
        ['Trash', 'Trash'],
      ],
    );
  });
});
