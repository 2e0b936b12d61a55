import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { indexedText, parseRawMessage, parseStoredMessage } from '../../../../electron/jobs/parse/parse-message';
import { base64DecodedSize } from '../../../../electron/jobs/parse/part-decoding';
import { ReadingBuffer } from '../../../../electron/jobs/parse/stored-bytes';
import { walkTextParts } from '../../../../electron/jobs/parse/text-parts';
import { createMaildir, expectedPop3Bytes, generateMessages, TYPICAL_MAIL_SIZES } from '../../../servers/maildir';

const HEAD = [
  'From: =?utf-8?Q?J=C3=B6rg?= <joerg@example.de>',
  'To: a@example.com, Team: b@example.com, c@example.com;',
  'Cc: d@example.com',
  'Subject: =?utf-8?B?w5xiZXIgZGllIEJyw7xja2U=?=',
  'Date: Tue, 3 Nov 2026 10:00:00 +0100',
  'Message-ID: <walk@example.de>',
  'MIME-Version: 1.0',
];

function message(headers: readonly string[], ...body: ReadonlyArray<string | Buffer>): Buffer {
  return Buffer.concat([
    Buffer.from(`${[...HEAD, ...headers].join('\r\n')}\r\n\r\n`, 'latin1'),
    ...body.map((part) => (typeof part === 'string' ? Buffer.from(part, 'latin1') : part)),
  ]);
}

function lines(...parts: readonly string[]): string {
  return `${parts.join('\r\n')}\r\n`;
}

function base64Lines(bytes: Buffer): string {
  return bytes.toString('base64').replace(/(.{76})/g, '$1\r\n');
}

const ALL_BYTES = Buffer.from(Array.from({ length: 224 }, (_, index) => index + 32));
const PICTURE = Buffer.from(Array.from({ length: 3_001 }, (_, index) => (index * 7) % 256));

/** Messages the walker reads itself: each must give exactly what mailparser gives. */
const WALKED: ReadonlyArray<readonly [string, Buffer]> = [
  [
    'text and attachments of several kinds',
    message(
      ['Content-Type: multipart/mixed; boundary="=_b1"'],
      lines(
        'This is a multi-part message in MIME format.',
        '--=_b1',
        'Content-Type: text/plain; charset=utf-8',
        'Content-Transfer-Encoding: quoted-printable',
        '',
        'Gr=C3=BC=C3=9Fe aus K=C3=B6ln, =',
        'soft break =3D equals  ',
        'next line\t',
        '',
        '--=_b1',
        'Content-Type: application/pdf; name="report 2026.pdf"',
        'Content-Disposition: attachment; filename="report 2026.pdf"',
        'Content-Transfer-Encoding: base64',
        '',
        base64Lines(PICTURE),
        '--=_b1',
        'Content-Type: application/octet-stream; name=data.bin',
        'Content-Transfer-Encoding: base64',
        '',
        base64Lines(PICTURE.subarray(1)),
        '--=_b1',
        'Content-Type: text/csv; charset=us-ascii',
        'Content-Disposition: attachment; filename=list.csv',
        'Content-Transfer-Encoding: quoted-printable',
        '',
        'a,b=2Cc',
        'd',
        '--=_b1',
        'Content-Type: text/plain',
        'Content-Disposition: attachment; filename="notes.txt"',
        '',
        'notes are an attachment',
        '--=_b1--',
        'epilogue words that are not indexed',
      ),
    ),
  ],
  [
    'nested alternative and related parts with an inline picture',
    message(
      ['Content-Type: multipart/mixed; boundary=outer'],
      lines(
        '--outer',
        'Content-Type: multipart/alternative; boundary="alt"',
        '',
        '--alt',
        'Content-Type: text/plain; charset="UTF-8"',
        '',
        'The plain version.',
        '--alt',
        'Content-Type: multipart/related; boundary="rel"',
        '',
        '--rel',
        'Content-Type: text/html; charset=utf-8',
        '',
        '<p>The <b>HTML</b> version <img src="cid:pic@x"></p>',
        '--rel',
        'Content-Type: image/png',
        'Content-ID: <pic@x>',
        'Content-Transfer-Encoding: base64',
        '',
        base64Lines(PICTURE),
        '--rel--',
        '',
        '--alt--',
        '--outer',
        'Content-Type: image/jpeg',
        'Content-Disposition: inline',
        'Content-Transfer-Encoding: base64',
        '',
        base64Lines(PICTURE.subarray(5)),
        '--outer--',
      ),
    ),
  ],
  [
    'HTML and pictures only, no text part',
    message(
      ['Content-Type: multipart/related; boundary="r"'],
      lines(
        '--r',
        'Content-Type: text/html',
        '',
        '<p>only html</p>',
        '--r',
        'Content-Type: image/gif',
        'Content-ID: <g>',
        'Content-Transfer-Encoding: base64',
        '',
        base64Lines(PICTURE),
        '--r--',
      ),
    ),
  ],
  [
    'two plain parts joined, an empty one skipped, a part without headers',
    message(
      ['Content-Type: multipart/mixed; boundary=x'],
      lines('--x', 'Content-Type: text/plain', '', 'first', '--x', 'Content-Type: text/plain', '', '--x', '', 'no headers at all', '--x--'),
    ),
  ],
  [
    'delimiters with trailing whitespace, LF line ends, odd header spelling',
    Buffer.from(
      'From: a@example.com\nSubject: LF\nContent-type: Multipart/Mixed;\n boundary = "b(c)=d" ; X-Other=1\n\npreamble\n--b(c)=d  \ncontent-type: TEXT/PLAIN; CHARSET=UTF-8\n\nhello\n\n--b(c)=d\t\nContent-Type: image/png; name=x.png\nContent-Transfer-Encoding: BASE64\n\niVBORw0KGgo=\n--b(c)=d--  \n',
      'latin1',
    ),
  ],
  [
    'Latin-1 and Windows-1252 text, every byte',
    message(
      ['Content-Type: multipart/mixed; boundary=cs'],
      lines(
        '--cs',
        'Content-Type: text/plain; charset=iso-8859-1',
        'Content-Transfer-Encoding: base64',
        '',
        base64Lines(ALL_BYTES),
        '--cs',
        'Content-Type: text/plain; charset=windows-1252',
        'Content-Transfer-Encoding: base64',
        '',
        base64Lines(ALL_BYTES),
        '--cs',
        'Content-Type: text/plain; charset=cp1252',
        'Content-Transfer-Encoding: 8bit',
        '',
        ALL_BYTES.toString('latin1').replace(/[\r\n]/g, ''),
        '--cs',
        'Content-Type: text/plain; charset=latin1',
        '',
        'caf\xe9',
        '--cs--',
      ),
    ),
  ],
  [
    'invalid UTF-8 and no charset at all',
    message(
      ['Content-Type: multipart/mixed; boundary=u'],
      lines(
        '--u',
        'Content-Type: text/plain',
        'Content-Transfer-Encoding: 8bit',
        '',
        'bad \xff\xfe bytes \xc3',
        '--u',
        'Content-Type: text/plain; charset=us-ascii',
        '',
        '8-bit \xe9 in ascii',
        '--u--',
      ),
    ),
  ],
  [
    'a large text part is cut for the index and flagged',
    message(
      ['Content-Type: multipart/alternative; boundary=big'],
      lines('--big', 'Content-Type: text/plain', '', 'word '.repeat(70_000), '--big', 'Content-Type: text/html', '', '<p>big</p>', '--big--'),
    ),
  ],
  [
    'a single text part with base64 and an attachment disposition',
    message(['Content-Type: application/zip; name="a.zip"', 'Content-Transfer-Encoding: base64'], base64Lines(PICTURE)),
  ],
  [
    'UTF-8 file names as encoded words and RFC 2231 extended parameters',
    message(
      ['Content-Type: multipart/mixed; boundary=n'],
      lines(
        '--n',
        'Content-Type: text/plain',
        '',
        'see the files',
        '--n',
        'Content-Type: application/pdf; name="=?utf-8?B?UsOpc3Vtw6k=?= =?UTF-8?b?IMOcYmVyc2ljaHQucGRm?="',
        '',
        'a',
        '--n',
        'Content-Type: application/pdf',
        'Content-Disposition: attachment; filename="=?utf-8?Q?Gr=C3=BC=C3=9Fe_an_alle.pdf?="',
        '',
        'c',
        '--n',
        'Content-Type: application/pdf',
        "Content-Disposition: attachment; filename*=utf-8''%E2%82%AC%20rates_2026=final.pdf",
        '',
        'd',
        '--n',
        'Content-Type: application/pdf; name="fallback.pdf"',
        'Content-Disposition: attachment; filename="plain.pdf"; filename*=UTF-8\'de\'Gr%C3%BC%C3%9Fe.pdf',
        '',
        'e',
        '--n',
        "Content-Type: image/png; name*=utf-8''%F0%9F%98%80.png",
        '',
        'f',
        '--n--',
      ),
    ),
  ],
  [
    'the same Content-Type twice: the first counts',
    message(['Content-Type: multipart/mixed; boundary=one', 'Content-Type: text/plain'], lines('--one', 'Content-Type: text/plain', '', 'inside', '--one--')),
  ],
];

/** Shapes left to mailparser (the answer is then mailparser's, whatever it is). */
const LEFT: ReadonlyArray<readonly [string, Buffer]> = [
  [
    'an RFC 2231 file name in Latin-1',
    message(
      ['Content-Type: multipart/mixed; boundary=e'],
      lines(
        '--e',
        'Content-Type: text/plain',
        '',
        'see file',
        '--e',
        'Content-Type: application/pdf',
        "Content-Disposition: attachment; filename*=iso-8859-1''%E9t%E9.pdf",
        '',
        'x',
        '--e--',
      ),
    ),
  ],
  [
    'an encoded-word file name in Latin-1',
    message(
      ['Content-Type: multipart/mixed; boundary=e'],
      lines('--e', 'Content-Type: application/pdf; name="=?iso-8859-1?Q?=E9t=E9.pdf?="', '', 'x', '--e--'),
    ),
  ],
  [
    'an encoded word with plain text after it',
    message(
      ['Content-Type: multipart/mixed; boundary=e'],
      lines('--e', 'Content-Type: application/pdf', 'Content-Disposition: attachment; filename="=?utf-8?Q?Gr=C3=BC=C3=9Fe_an_alle?=.pdf"', '', 'b', '--e--'),
    ),
  ],
  [
    'encoded words of both kinds in one name',
    message(
      ['Content-Type: multipart/mixed; boundary=e'],
      lines('--e', 'Content-Type: application/pdf; name="=?utf-8?B?w6k=?= =?utf-8?Q?t=C3=A9?="', '', 'x', '--e--'),
    ),
  ],
  [
    'a base64 word padded short',
    message(['Content-Type: multipart/mixed; boundary=e'], lines('--e', 'Content-Type: application/pdf; name="=?utf-8?B?w6?="', '', 'x', '--e--')),
  ],
  [
    'RFC 2231 continuations',
    message(
      ['Content-Type: multipart/mixed; boundary=e'],
      lines(
        '--e',
        'Content-Type: application/pdf',
        'Content-Disposition: attachment;',
        ' filename*0="long name ";',
        ' filename*1="continued.pdf"',
        '',
        'x',
        '--e--',
      ),
    ),
  ],
  ['a multipart never closed', message(['Content-Type: multipart/mixed; boundary=open'], lines('--open', 'Content-Type: text/plain', '', 'runs to the end'))],
  [
    'an inner multipart ended by its parent',
    message(
      ['Content-Type: multipart/mixed; boundary=p'],
      lines(
        '--p',
        'Content-Type: multipart/alternative; boundary=q',
        '',
        '--q',
        'Content-Type: text/plain',
        '',
        'inner',
        '--p',
        'Content-Type: text/plain',
        '',
        'after',
        '--p--',
      ),
    ),
  ],
  [
    'a closing delimiter in the preamble',
    message(['Content-Type: multipart/mixed; boundary=c'], lines('--c--', '--c', 'Content-Type: text/plain', '', 'text', '--c--')),
  ],
  ['a boundary the body never uses', message(['Content-Type: multipart/mixed; boundary=missing'], lines('just text'))],
  ['a multipart without a boundary', message(['Content-Type: multipart/mixed'], lines('--x', 'text'))],
  [
    'a delimiter line led by a lone CR',
    message(['Content-Type: multipart/mixed; boundary=cr'], lines('--cr', 'Content-Type: text/plain', '', 'a', '\r--cr--')),
  ],
  [
    'an attached message',
    message(
      ['Content-Type: multipart/mixed; boundary=m'],
      lines('--m', 'Content-Type: message/rfc822', 'Content-Disposition: inline', '', 'Subject: inner', 'From: x@example.com', '', 'inner body', '--m--'),
    ),
  ],
  [
    'format=flowed text',
    message(['Content-Type: multipart/mixed; boundary=f'], lines('--f', 'Content-Type: text/plain; format=flowed', '', 'soft ', 'wrapped', '--f--')),
  ],
  [
    'HTML beside text outside an alternative (turned into text)',
    message(
      ['Content-Type: multipart/mixed; boundary=h'],
      lines('--h', 'Content-Type: text/plain', '', 'text', '--h', 'Content-Type: text/html', '', '<p>also html</p>', '--h--'),
    ),
  ],
  ['an HTML-only message', message(['Content-Type: text/html'], '<p>hello</p>')],
  [
    'a charset not handled here',
    message(['Content-Type: multipart/mixed; boundary=k'], lines('--k', 'Content-Type: text/plain; charset=koi8-r', '', '\xf0\xd2\xc9', '--k--')),
  ],
  [
    'an attachment typed only by its file name',
    message(
      ['Content-Type: multipart/mixed; boundary=g'],
      lines(
        '--g',
        'Content-Type: application/octet-stream; name="scan.pdf"',
        '',
        'x',
        '--g',
        'Content-Disposition: attachment; filename="b.pdf"',
        '',
        'y',
        '--g--',
      ),
    ),
  ],
  ['a parameter with a comment', message(['Content-Type: multipart/mixed; boundary=z (comment)'], lines('--z', '', 'a', '--z--'))],
  [
    'base64 text padded in the middle',
    message(
      ['Content-Type: multipart/mixed; boundary=p'],
      lines('--p', 'Content-Type: text/plain', 'Content-Transfer-Encoding: base64', '', 'aGk=aGk=', '--p--'),
    ),
  ],
  [
    'a delivery report',
    message(
      ['Content-Type: multipart/report; boundary=d'],
      lines('--d', 'Content-Type: text/plain', '', 'failed', '--d', 'Content-Type: message/delivery-status', '', 'Status: 5.0.0', '--d--'),
    ),
  ],
];

async function viaMailparser(bytes: Buffer): Promise<unknown> {
  return parseRawMessage(Readable.from([bytes]));
}

test('messages with attachments, nested and alternative parts, odd charsets, header spellings and UTF-8 file names are walked, giving exactly what mailparser gives', async () => {
  for (const [name, bytes] of WALKED) {
    const walked = await walkTextParts(bytes, indexedText);
    assert.notEqual(walked, undefined, `${name}: walked`);
    assert.deepEqual(walked, await viaMailparser(bytes), name);
  }
});

test('broken boundaries, attached messages, flowed text, HTML to convert, names in other charsets or continued are left to mailparser', async () => {
  for (const [name, bytes] of LEFT) assert.equal(await walkTextParts(bytes, indexedText), undefined, name);
});

test('generated mailboxes of typical sizes are walked whole and agree with mailparser, with LF and CRLF line ends', async () => {
  const maildir = path.join(await mkdtemp(path.join(os.tmpdir(), 'mailbag-walk-')), 'Maildir');
  await createMaildir(maildir);
  const generated = await generateMessages(maildir, { count: 48, seed: 2028, sizes: TYPICAL_MAIL_SIZES.slice(0, 3) });
  const kinds = new Set<string>();
  for (const entry of generated) {
    const file = await readFile(entry.path);
    for (const bytes of [file, expectedPop3Bytes(file)]) {
      const walked = await walkTextParts(bytes, indexedText);
      assert.notEqual(walked, undefined, `${entry.kind} #${entry.index} is walked`);
      assert.deepEqual(walked, await viaMailparser(bytes), `${entry.kind} #${entry.index}`);
    }
    kinds.add(entry.kind);
  }
  assert.ok(kinds.has('attachment') && kinds.has('alternative'), 'the mailbox has attachments and alternatives');
});

test('an attachment is sized from its encoded length: exact for base64 in lines, an estimate when stray characters sit inside', () => {
  for (const length of [0, 1, 2, 3, 57, 58, 1_000]) {
    const data = PICTURE.subarray(0, length);
    assert.equal(base64DecodedSize(Buffer.from(base64Lines(data))), length, `${length} bytes, CRLF lines`);
    assert.equal(base64DecodedSize(Buffer.from(base64Lines(data).replace(/\r\n/g, '\n'))), length, `${length} bytes, LF lines`);
  }
  assert.equal(base64DecodedSize(Buffer.from('AAAA!!!!AAAA')), 9, 'four stray characters count as three bytes');
});

test('a stored message is parsed by the walker when it can be, and by mailparser otherwise', async () => {
  const directory = await mkdtemp(path.join(os.tmpdir(), 'mailbag-stored-'));
  for (const [name, bytes] of [...WALKED, ...LEFT]) {
    const file = path.join(directory, 'message.eml');
    await writeFile(file, Buffer.concat([Buffer.from('junk before'), bytes, Buffer.from('junk after')]));
    const parsed = await parseStoredMessage({ kind: 'pack', path: file, offset: 'junk before'.length, size: bytes.length });
    assert.deepEqual(parsed, await viaMailparser(bytes), name);
    const own = path.join(directory, 'own.eml');
    await writeFile(own, bytes);
    assert.deepEqual(await parseStoredMessage({ kind: 'file', path: own, size: bytes.length }), await viaMailparser(bytes), `${name}, in a file of its own`);
  }
});

test('stored messages read one after another into one buffer, larger ones first, parse each as it alone does, and no result changes as the buffer is reused', async () => {
  const directory = await mkdtemp(path.join(os.tmpdir(), 'mailbag-reading-'));
  const large = message(['Content-Type: multipart/mixed; boundary=l'], lines('--l', 'Content-Type: text/plain', '', 'large '.repeat(60_000), '--l--'));
  const messages = [large, ...[...WALKED, ...LEFT].map(([, bytes]) => bytes), large];
  const pack = path.join(directory, 'pack');
  await writeFile(pack, Buffer.concat(messages));
  const reading = new ReadingBuffer();
  const parsed = [];
  let offset = 0;
  for (const bytes of messages) {
    parsed.push(await parseStoredMessage({ kind: 'pack', path: pack, offset, size: bytes.length }, undefined, reading));
    offset += bytes.length;
  }
  for (const [index, bytes] of messages.entries()) assert.deepEqual(parsed[index], await viaMailparser(bytes), `message ${index}`);
});

test('a part header ended by a bare-LF blank line before CRLF blank lines, and one after a large attachment, are walked as mailparser reads them', async () => {
  const attachment = base64Lines(Buffer.alloc(512 * 1024, 7));
  const shapes: ReadonlyArray<readonly [string, Buffer]> = [
    [
      'bare LF then CRLF',
      message(
        ['Content-Type: multipart/mixed; boundary=m'],
        '--m\r\nContent-Type: text/plain\n\nfirst line\r\n\r\nsecond paragraph\r\n--m\r\nContent-Type: text/plain\r\n\r\nnext\r\n--m--\r\n',
      ),
    ],
    [
      'text after a large attachment',
      message(
        ['Content-Type: multipart/mixed; boundary=n'],
        lines('--n', 'Content-Type: text/plain', '', 'before', '--n', 'Content-Type: application/octet-stream', 'Content-Transfer-Encoding: base64', ''),
        attachment,
        lines('', '--n', 'Content-Type: text/plain', '', 'after', '--n--'),
      ),
    ],
  ];
  for (const [name, bytes] of shapes) {
    const walked = await walkTextParts(bytes, indexedText);
    assert.notEqual(walked, undefined, `${name}: walked`);
    assert.deepEqual(walked, await viaMailparser(bytes), name);
  }
});
