/**
 * The mbox reader on mailboxes built here from each dialect's documented form: From_ quoting undone
 * per dialect, Content-Length honoured only where it is right, LF and CRLF files, a missing final
 * newline, 8-bit bytes, and damaged files read as far as they can be, with offsets.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readMailbox, sniffDialect, type MailboxItem, type MboxDialect } from '../../../../electron/jobs/import/mbox-reader';
import { maildirFlags, toCrlf } from '../../../../electron/jobs/import/file-readers';
import { MAX_LINE_PIECE_BYTES } from '../../../../electron/jobs/import/line-reader';

const directory = mkdtempSync(path.join(os.tmpdir(), 'mailbag-mbox-'));
after(() => rmSync(directory, { recursive: true, force: true }));
let counter = 0;

function mailbox(content: string | Buffer): string {
  counter += 1;
  const file = path.join(directory, `box-${counter}.mbox`);
  writeFileSync(file, content);
  return file;
}

async function read(file: string, dialect: MboxDialect): Promise<MailboxItem[]> {
  const items: MailboxItem[] = [];
  for await (const item of readMailbox(file, dialect)) items.push(item);
  return items;
}

function texts(items: readonly MailboxItem[]): string[] {
  return items.flatMap((item) => (item.kind === 'message' ? [item.message.bytes.toString('latin1')] : []));
}

const SEPARATOR = 'From ann@example.com Wed Nov  4 09:00:00 2026\n';
const HEADER = 'From: Ann <ann@example.com>\nSubject: quoted\n\n';

describe('mbox dialects', () => {
  const body = 'From the start\n>From once\n>>From twice\nend\n';
  const rd = `${SEPARATOR}${HEADER}>From the start\n>>From once\n>>>From twice\nend\n\n${SEPARATOR}${HEADER}second\n`;

  test('mboxrd removes one > from every >+From line', async () => {
    const items = await read(mailbox(rd), 'mboxrd');
    assert.deepEqual(texts(items), [toCrlf(Buffer.from(HEADER + body)).toString('latin1'), toCrlf(Buffer.from(`${HEADER}second\n`)).toString('latin1')]);
  });

  test('mboxo removes the > of >From lines only', async () => {
    const file = mailbox(`${SEPARATOR}${HEADER}>From the start\n>>From kept\nend\n`);
    assert.deepEqual(texts(await read(file, 'mboxo')), [toCrlf(Buffer.from(`${HEADER}From the start\n>>From kept\nend\n`)).toString('latin1')]);
  });

  test('a mailbox with >>From lines is taken as mboxrd, one with Content-Length as mboxcl2', async () => {
    assert.equal(await sniffDialect(mailbox(rd)), 'mboxrd');
    assert.equal(await sniffDialect(mailbox(`${SEPARATOR}From: a@example.com\nContent-Length: 3\n\nab\n`)), 'mboxcl2');
    assert.equal(await sniffDialect(mailbox(`${SEPARATOR}${HEADER}>From plain\n`)), 'mboxrd');
  });

  test('mboxcl2 takes the body by its length, From lines and all, with no quoting undone', async () => {
    const text = 'From the start\n\nFrom ann@example.com Wed Nov  4 09:00:00 2026\n>From stays\n';
    const file = mailbox(`${SEPARATOR}From: a@example.com\nContent-Length: ${text.length}\n\n${text}\n${SEPARATOR}From: b@example.com\n\nnext\n`);
    const items = await read(file, 'mboxcl2');
    assert.equal(items.length, 2);
    assert.equal(texts(items)[0], toCrlf(Buffer.from(`From: a@example.com\nContent-Length: ${text.length}\n\n${text}`)).toString('latin1'));
  });

  test('mboxcl unquotes >From inside a body taken by its length', async () => {
    const text = '>From quoted\n';
    const file = mailbox(`${SEPARATOR}From: a@example.com\nContent-Length: ${text.length}\n\n${text}\n`);
    assert.deepEqual(texts(await read(file, 'mboxcl')), [
      toCrlf(Buffer.from(`From: a@example.com\nContent-Length: ${text.length}\n\nFrom quoted\n`)).toString('latin1'),
    ]);
  });

  test('a Content-Length that lies (too short, too long) falls back to From_ lines', async () => {
    const short = mailbox(`${SEPARATOR}From: a@example.com\nContent-Length: 4\n\nlonger than four\n\n${SEPARATOR}From: b@example.com\n\nnext\n`);
    assert.deepEqual(texts(await read(short, 'mboxcl2')), [
      'From: a@example.com\r\nContent-Length: 4\r\n\r\nlonger than four\r\n',
      'From: b@example.com\r\n\r\nnext\r\n',
    ]);
    const long = mailbox(`${SEPARATOR}From: a@example.com\nContent-Length: 99999\n\nshort\n\n${SEPARATOR}From: b@example.com\n\nnext\n`);
    assert.equal(texts(await read(long, 'mboxcl2')).length, 2);
  });
});

describe('line ends, 8-bit and the end of the file', () => {
  test('a CRLF mailbox keeps its CRLF, and the separator line is not part of the message', async () => {
    const file = mailbox(
      `From a@example.com Wed Nov  4 09:00:00 2026\r\nFrom: a@example.com\r\n\r\none\r\n\r\nFrom b@example.com Wed Nov  4 09:00:00 2026\r\nFrom: b@example.com\r\n\r\ntwo\r\n`,
    );
    assert.deepEqual(texts(await read(file, 'mboxrd')), ['From: a@example.com\r\n\r\none\r\n', 'From: b@example.com\r\n\r\ntwo\r\n']);
  });

  test('a CRLF line longer than a read piece, cut between its CR and LF, keeps one CR', async () => {
    const long = 'x'.repeat(MAX_LINE_PIECE_BYTES - 1);
    const file = mailbox(`From a@example.com Wed Nov  4 09:00:00 2026\r\nFrom: a@example.com\r\n\r\n${long}\r\nend\r\n`);
    assert.deepEqual(texts(await read(file, 'mboxrd')), [`From: a@example.com\r\n\r\n${long}\r\nend\r\n`]);
  });

  test('a last message without a final newline is kept as it ends', async () => {
    const file = mailbox(`${SEPARATOR}From: a@example.com\n\nno newline at the end`);
    assert.deepEqual(texts(await read(file, 'mboxrd')), ['From: a@example.com\r\n\r\nno newline at the end']);
  });

  test('8-bit bytes pass unchanged', async () => {
    const bytes = Buffer.concat([
      Buffer.from(`${SEPARATOR}From: a@example.com\nSubject: `),
      Buffer.from([0xe9, 0xff, 0x00, 0x80]),
      Buffer.from('\n\nCaf'),
      Buffer.from([0xe9]),
      Buffer.from('\n'),
    ]);
    const [item] = await read(mailbox(bytes), 'mboxrd');
    assert.equal(item?.kind, 'message');
    if (item?.kind === 'message')
      assert.deepEqual(
        item.message.bytes,
        Buffer.concat([
          Buffer.from('From: a@example.com\r\nSubject: '),
          Buffer.from([0xe9, 0xff, 0x00, 0x80]),
          Buffer.from('\r\n\r\nCaf'),
          Buffer.from([0xe9]),
          Buffer.from('\r\n'),
        ]),
      );
  });

  test('Status and X-Status give read and flagged', async () => {
    const [item] = await read(mailbox(`${SEPARATOR}From: a@example.com\nStatus: RO\nX-Status: F\n\nx\n`), 'mboxrd');
    assert.ok(item?.kind === 'message' && item.message.seen && item.message.flagged);
  });
});

describe('damaged mailboxes', () => {
  test('bytes before the first From_ line and a separator with no header fields are listed with offsets', async () => {
    const garbage = 'this is not mail\n';
    const broken = `${SEPARATOR}\u0001\u0002 not headers\n\n`;
    const content = `${garbage}${SEPARATOR}From: a@example.com\n\nfine\n\n${broken}${SEPARATOR}From: c@example.com\n\nalso fine\n`;
    const items = await read(mailbox(content), 'mboxrd');
    assert.equal(texts(items).length, 2);
    const problems = items.flatMap((item) => (item.kind === 'problem' ? [item.problem] : []));
    assert.equal(problems.length, 2);
    assert.deepEqual({ offset: problems[0]?.offset, length: problems[0]?.length }, { offset: 0, length: garbage.length });
    assert.equal(problems[1]?.offset, content.indexOf(broken) + SEPARATOR.length);
  });

  test('a file cut in the middle of a message keeps every message before it and what there is of the last', async () => {
    const whole = `${SEPARATOR}From: a@example.com\n\none\n\n${SEPARATOR}From: b@example.com\nSubject: cut he`;
    assert.deepEqual(texts(await read(mailbox(whole), 'mboxrd')), ['From: a@example.com\r\n\r\none\r\n', 'From: b@example.com\r\nSubject: cut he']);
  });

  test('a cut Content-Length mailbox still yields the messages before the cut', async () => {
    const content = `${SEPARATOR}From: a@example.com\nContent-Length: 4\n\none\n\n${SEPARATOR}From: b@example.com\nContent-Length: 500\n\ncut`;
    assert.deepEqual(texts(await read(mailbox(content), 'mboxcl2')), [
      'From: a@example.com\r\nContent-Length: 4\r\n\r\none\r\n',
      'From: b@example.com\r\nContent-Length: 500\r\n\r\ncut',
    ]);
  });
});

describe('maildir names', () => {
  test('the info suffix gives Seen, Replied, Flagged and Trashed', () => {
    assert.deepEqual(maildirFlags('1733.M1P2.host,S=120:2,FRS'), { seen: true, replied: true, flagged: true, trashed: false });
    assert.deepEqual(maildirFlags('1733.M1P2.host:2,T'), { seen: false, replied: false, flagged: false, trashed: true });
    assert.deepEqual(maildirFlags('1733.M1P2.host'), { seen: false, replied: false, flagged: false, trashed: false });
  });
});
