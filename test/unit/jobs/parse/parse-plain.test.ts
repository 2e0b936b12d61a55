import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { indexedText, parseRawMessage } from '../../../../electron/jobs/parse/parse-message';
import { parsePlainMessage } from '../../../../electron/jobs/parse/parse-plain';
import { createMaildir, generateMessages, TEST_MAIL_SIZES } from '../../../servers/maildir';

function message(headers: readonly string[], body: string | Buffer): Buffer {
  return Buffer.concat([Buffer.from(`${headers.join('\r\n')}\r\n\r\n`, 'latin1'), typeof body === 'string' ? Buffer.from(body, 'latin1') : body]);
}

const BASE = [
  'From: =?iso-8859-1?Q?J=F6rg?= <joerg@example.de>',
  'To: a@example.com, Team: b@example.com, c@example.com;',
  'Subject: =?utf-8?B?w5xiZXIgZGllIEJyw7xja2U=?=',
  'Date: Tue, 3 Nov 2026 10:00:00 +0100',
  'Message-ID: <p1@example.de>',
  'References: <r0@example.de> <r1@example.de>',
  'In-Reply-To: <r1@example.de>',
];

const QUICK: ReadonlyArray<readonly [string, Buffer]> = [
  ['no Content-Type at all', message(BASE, 'Plain words.\r\nSecond line.\r\n')],
  [
    'quoted-printable utf-8',
    message(
      [...BASE, 'Content-Type: text/plain; charset="UTF-8"', 'Content-Transfer-Encoding: quoted-printable'],
      'Gr=C3=BC=C3=9Fe aus K=C3=B6ln, =\r\nsoft break =3D equals  \r\nnext\r\n',
    ),
  ],
  [
    'base64 utf-8',
    message(
      [...BASE, 'Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: base64'],
      `${Buffer.from('Ελληνικά και 日本語\nline two\n')
        .toString('base64')
        .replace(/(.{20})/g, '$1\r\n')}\r\n`,
    ),
  ],
  [
    'latin-1 8bit',
    message(
      [...BASE, 'Content-Type: text/plain; charset=iso-8859-1', 'Content-Transfer-Encoding: 8bit'],
      Buffer.from('caf\xe9 na\xefve \xa9 2026\r\n', 'latin1'),
    ),
  ],
  [
    'Windows-1252 curly quotes and the euro sign',
    message([...BASE, 'Content-Type: text/plain; charset=windows-1252'], Buffer.from([0x93, 0x68, 0x69, 0x94, 0x20, 0x80, 0x35, 0x20, 0x81, 0x9f])),
  ],
  [
    'ISO-8859-1 read as Windows-1252, as mailparser reads it',
    message([...BASE, 'Content-Type: text/plain; charset="ISO-8859-1"'], Buffer.from([0x96, 0x20, 0xe9, 0x0d, 0x0a])),
  ],
  [
    'inline disposition, LF line ends',
    Buffer.from('Subject: LF only\nFrom: x@example.com\nContent-Type: text/plain\nContent-Disposition: inline\n\nbody with LF\n'),
  ],
];

const NOT_QUICK: ReadonlyArray<readonly [string, Buffer]> = [
  ['multipart', message([...BASE, 'Content-Type: multipart/mixed; boundary=x'], '--x\r\n\r\nhi\r\n--x--\r\n')],
  ['HTML', message([...BASE, 'Content-Type: text/html'], '<p>hi</p>')],
  ['format=flowed', message([...BASE, 'Content-Type: text/plain; format=flowed'], 'soft \r\nwrapped\r\n')],
  ['an attached text file', message([...BASE, 'Content-Type: text/plain', 'Content-Disposition: attachment; filename="notes.txt"'], 'notes')],
  ['an unknown transfer encoding', message([...BASE, 'Content-Type: text/plain', 'Content-Transfer-Encoding: x-uuencode'], 'begin 644')],
  ['an unknown charset', message([...BASE, 'Content-Type: text/plain; charset=x-no-such-charset'], 'text')],
  ['a charset mailparser decodes with its own tables', message([...BASE, 'Content-Type: text/plain; charset=koi8-r'], '\xf0\xd2\xc9')],
  ['no end of the header section', Buffer.from('Subject: only headers\r\nFrom: a@example.com\r\n')],
];

async function both(bytes: Buffer): Promise<[unknown, unknown]> {
  return [await parsePlainMessage(bytes, indexedText), await parseRawMessage(Readable.from([bytes]))];
}

test('a single text/plain message read the quick way gives exactly what mailparser gives', async () => {
  for (const [name, bytes] of QUICK) {
    const [quick, full] = await both(bytes);
    assert.notEqual(quick, undefined, `${name}: takes the quick way`);
    assert.deepEqual(quick, full, name);
  }
});

test('every other shape is left to mailparser', async () => {
  for (const [name, bytes] of NOT_QUICK) assert.equal(await parsePlainMessage(bytes, indexedText), undefined, name);
});

test('generated mailboxes: plain, dotted, 8-bit and CRLF messages agree with mailparser; multiparts go to mailparser', async () => {
  const maildir = path.join(await mkdtemp(path.join(os.tmpdir(), 'mailbag-plain-')), 'Maildir');
  await createMaildir(maildir);
  const generated = await generateMessages(maildir, { count: 60, seed: 11, sizes: TEST_MAIL_SIZES.slice(0, 1) });
  for (const entry of generated) {
    const bytes = await readFile(entry.path);
    const [quick, full] = await both(bytes);
    if (entry.kind === 'attachment' || entry.kind === 'alternative') assert.equal(quick, undefined, entry.kind);
    else assert.deepEqual(quick, full, `${entry.kind} #${entry.index}`);
  }
});
