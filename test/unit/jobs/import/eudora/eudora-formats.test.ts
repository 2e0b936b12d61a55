/**
 * Eudora's formats read on their own: descmap.pce lines, the .toc's header and 218-byte entries (and
 * a .toc not to be trusted), `From ???@???` separators, converted attachments rebuilt as MIME parts
 * with the same bytes on every import, and Eudora.ini's personalities.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { withEudoraAttachments } from '../../../../../electron/jobs/import/eudora/eudora-attachments';
import { isEudoraSeparator, parseDescmap } from '../../../../../electron/jobs/import/eudora/eudora-folders';
import { EUDORA_TOC_ENTRY_BYTES, EUDORA_TOC_HEADER_BYTES, parseEudoraToc, tocEntryAt } from '../../../../../electron/jobs/import/eudora/eudora-toc';
import type { MailboxMessage } from '../../../../../electron/jobs/import/mbox-reader';
import { eudoraAccounts } from '../../../../../electron/services/import/eudora-accounts';

const directory = mkdtempSync(path.join(os.tmpdir(), 'mailbag-eudora-unit-'));
after(() => rmSync(directory, { recursive: true, force: true }));

function toc(entries: ReadonlyArray<readonly [offset: number, length: number, status: number]>): Buffer {
  const bytes = Buffer.alloc(EUDORA_TOC_HEADER_BYTES + entries.length * EUDORA_TOC_ENTRY_BYTES);
  entries.forEach(([offset, length, status], index) => {
    const at = EUDORA_TOC_HEADER_BYTES + index * EUDORA_TOC_ENTRY_BYTES;
    bytes.writeInt32LE(offset, at);
    bytes.writeInt32LE(length, at + 4);
    bytes.writeInt16LE(status, at + 12);
  });
  return bytes;
}

describe('descmap.pce', () => {
  test('name, file and type per line; unknown types and paths that leave the folder are passed over', () => {
    assert.deepEqual(parseDescmap('In,In.mbx,S,N\r\nWork,Work.fol,F,N\r\nÉté,Ete.mbx,M,Y\r\nBad,..\\x.mbx,M,N\r\nOdd,Odd.mbx,Q,N\r\n\r\n'), [
      { name: 'In', file: 'In.mbx', type: 'S' },
      { name: 'Work', file: 'Work.fol', type: 'F' },
      { name: 'Été', file: 'Ete.mbx', type: 'M' },
    ]);
  });
  test('only "From ???@???" lines separate Eudora messages', () => {
    assert.equal(isEudoraSeparator(Buffer.from('From ???@??? Mon Nov 02 09:00:00 2026\r\n')), true);
    assert.equal(isEudoraSeparator(Buffer.from('From ann@example.com Mon Nov 02 09:00:00 2026\r\n')), false);
  });
});

describe('.toc', () => {
  test('each entry gives its message read, replied or forwarded; a message is found by any offset inside it', () => {
    const entries = parseEudoraToc(
      toc([
        [120, 80, 3],
        [0, 120, 0],
        [200, 50, 2],
        [250, 10, 1],
      ]),
      260,
    );
    assert.ok(entries !== undefined);
    assert.deepEqual(tocEntryAt(entries, 40), { offset: 0, length: 120, seen: false, answered: false, forwarded: false });
    assert.equal(tocEntryAt(entries, 150)?.forwarded, true);
    assert.equal(tocEntryAt(entries, 249)?.answered, true);
    assert.equal(tocEntryAt(entries, 255)?.seen, true);
    assert.equal(tocEntryAt(entries, 999), undefined);
  });
  test('a .toc of the wrong size, or pointing past the mailbox, is not trusted', () => {
    assert.equal(parseEudoraToc(Buffer.concat([toc([[0, 10, 1]]), Buffer.alloc(3)]), 10), undefined);
    assert.equal(parseEudoraToc(toc([[0, 100, 1]]), 50), undefined);
    assert.deepEqual(parseEudoraToc(toc([]), 0), []);
  });
});

describe('converted attachments', () => {
  const attach = path.join(directory, 'Attach');
  mkdirSync(attach, { recursive: true });
  writeFileSync(path.join(attach, 'Fotó 1.jpg'), Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00]));
  const message = (body: string): MailboxMessage => ({
    offset: 0,
    bytes: Buffer.from(
      `From: a@example.com\r\nSubject: x\r\nContent-Type: multipart/mixed;\r\n boundary="old"\r\nContent-Transfer-Encoding: 7bit\r\nX-Other: kept\r\n\r\n${body}`,
      'utf8',
    ),
    seen: true,
    flagged: false,
    answered: false,
  });

  test('a file found in the Attach folder becomes a base64 part named by RFC 2231; the text part stays first', async () => {
    const item = await withEudoraAttachments(message('Hello\r\nAttachment Converted: "C:\\Program Files\\Eudora\\Attach\\Fotó 1.jpg"\r\nBye\r\n'), [attach]);
    assert.ok(item.kind === 'message');
    const raw = item.message.bytes.toString('latin1');
    assert.ok(!raw.includes('boundary="old"') && !raw.includes('Content-Transfer-Encoding: 7bit\r\nX-Other'));
    assert.match(
      raw,
      /X-Other: kept\r\nMIME-Version: 1\.0\r\nContent-Type: multipart\/mixed; boundary="(=_eudora_[0-9a-f]{32})"\r\n\r\n--\1\r\nContent-Type: text\/plain; charset=utf-8\r\nContent-Transfer-Encoding: 7bit\r\n\r\nHello\r\nBye\r\n--\1\r\nContent-Type: image\/jpeg; name\*=UTF-8''Fot%C3%B3%201\.jpg\r\n/,
    );
    assert.ok(raw.includes(`\r\n${Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00]).toString('base64')}\r\n--`));
    assert.match(raw, /--=_eudora_[0-9a-f]{32}--\r\n$/);
    const again = await withEudoraAttachments(message('Hello\r\nAttachment Converted: "C:\\Program Files\\Eudora\\Attach\\Fotó 1.jpg"\r\nBye\r\n'), [attach]);
    assert.ok(again.kind === 'message' && again.message.bytes.equals(item.message.bytes));
  });

  test('a path outside the attachment folders is never followed', async () => {
    const secret = path.join(directory, 'secret.txt');
    writeFileSync(secret, 'private key');
    const original = message(`Attachment Converted: "${secret}"\r\nAttachment Converted: "${path.join(attach, '..')}"\r\n`);
    const item = await withEudoraAttachments(original, [attach]);
    assert.ok(item.kind === 'message' && item.message.bytes.equals(original.bytes));
  });

  test('a message whose files are all gone is kept exactly as Eudora stored it', async () => {
    const original = message('Attachment Converted: "C:\\Eudora\\Attach\\gone.pdf"\r\n');
    const item = await withEudoraAttachments(original, [attach]);
    assert.ok(item.kind === 'message' && item.message.bytes.equals(original.bytes));
  });
});

describe('Eudora.ini', () => {
  test('[Settings] and each [Persona-…] with a POPAccount become accounts; TLS is asked for', () => {
    const accounts = eudoraAccounts(
      '[Settings]\r\nPOPAccount=ann@pop.example.com\r\nSMTPServer=smtp.example.com\r\nRealName=Ann Åström\r\nReturnAddress=ann@example.com\r\nLeaveMailOnServer=1\r\n[Persona-Work]\r\nPOPAccount=a.astrom@mail.work.example\r\nRealName=A. Åström\r\n[Persona-Broken]\r\nPOPAccount=nobody\r\n',
    );
    assert.deepEqual(
      accounts.map((account) => [
        account.name,
        account.address,
        account.incoming.host,
        account.incoming.username,
        account.outgoing.host,
        account.policy.leaveOnServer,
      ]),
      [
        ['Eudora', 'ann@example.com', 'pop.example.com', 'ann', 'smtp.example.com', { mode: 'forever' }],
        ['Work', 'a.astrom@mail.work.example', 'mail.work.example', 'a.astrom', 'mail.work.example', { mode: 'days', days: 14 }],
      ],
    );
    assert.deepEqual(accounts[0]?.incoming, { host: 'pop.example.com', port: 995, security: 'tls', username: 'ann', auth: 'auto' });
  });
});
