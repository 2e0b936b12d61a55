/**
 * Reading a message for the reader: headers with real addresses, bodies as data, attachments counted
 * and extracted on request within a size bound, and hostile structure cut at the MIME limits.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { errorMessageIn } from '../../../../shared/error-words';
import { MailbagError, type ErrorData } from '../../../../shared/errors';
import { createTranslator } from '../../../../shared/i18n/catalogs';
import { readAttachment, readMessageForDisplay } from '../../../../electron/jobs/display/display-message';
import { MAX_MIME_DEPTH } from '../../../../electron/jobs/mime-shape';

const crlf = (lines: readonly string[]): Buffer => Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8');
const stream = (bytes: Buffer): Readable => Readable.from([bytes]);

const ATTACHED = Buffer.alloc(4096, 0xab);
const WITH_ATTACHMENT = crlf([
  'From: Eve <eve@example.org>',
  'Subject: Files',
  'MIME-Version: 1.0',
  'Content-Type: multipart/mixed; boundary="b"',
  '',
  '--b',
  'Content-Type: text/plain; charset=utf-8',
  '',
  'See attached.',
  '--b',
  'Content-Type: application/octet-stream; name="data.bin"',
  'Content-Disposition: attachment; filename="data.bin"',
  'Content-Transfer-Encoding: base64',
  '',
  ATTACHED.toString('base64'),
  '--b--',
]);

test('headers, text and attachment metadata; the attachment bytes on request', async () => {
  const display = await readMessageForDisplay(stream(WITH_ATTACHMENT));
  assert.deepEqual(display.from, [{ name: 'Eve', address: 'eve@example.org' }]);
  assert.equal(display.subject, 'Files');
  assert.match(display.text, /See attached\./);
  assert.equal(display.html, null);
  assert.equal(display.truncated, false);
  assert.deepEqual(display.attachments, [
    { index: 0, fileName: 'data.bin', contentType: 'application/octet-stream', size: ATTACHED.length, contentId: null, inline: false },
  ]);
  const attachment = await readAttachment(stream(WITH_ATTACHMENT), 0, 1024 * 1024);
  assert.deepEqual(Buffer.from(attachment.bytes), ATTACHED);
});

test('an attachment over the bound is refused, a missing one is NOT_FOUND', async () => {
  await assert.rejects(readAttachment(stream(WITH_ATTACHMENT), 0, 1024), { code: 'VALIDATION' });
  await assert.rejects(readAttachment(stream(WITH_ATTACHMENT), 1, 1024 * 1024), { code: 'NOT_FOUND' });
});

test('the refusals of an attachment are said in German and Arabic, the English message unchanged', async () => {
  const refusal = async (message: Buffer, index: number, maxBytes: number): Promise<ErrorData> => {
    const error: unknown = await readAttachment(stream(message), index, maxBytes).then(
      () => assert.fail('not refused'),
      (thrown: unknown) => thrown,
    );
    assert.ok(error instanceof MailbagError, String(error));
    return error.toData();
  };
  const megabyte = 1024 * 1024;
  const big = Buffer.from(
    WITH_ATTACHMENT.toString('latin1').replace(ATTACHED.toString('base64'), Buffer.alloc(3 * megabyte, 0xcd).toString('base64')),
    'latin1',
  );
  const large = await refusal(big, 0, 2 * megabyte);
  assert.equal(large.message, 'This attachment is larger than 2 MB; export the whole message to keep it.');
  assert.equal(errorMessageIn(createTranslator('de').t, large), 'Dieser Anhang ist größer als 2 MB; exportieren Sie die ganze Nachricht, um ihn zu behalten.');
  assert.equal(errorMessageIn(createTranslator('ar').t, large), 'حجم هذا المرفق أكبر من 2 ميغابايت؛ صدّر الرسالة كاملة للاحتفاظ به.');
  const missing = await refusal(WITH_ATTACHMENT, 1, megabyte);
  assert.equal(missing.message, 'This message has no such attachment.');
  assert.equal(errorMessageIn(createTranslator('ar').t, missing), 'لا تحتوي هذه الرسالة على هذا المرفق.');
});

test('nesting past the MIME limit still shows the headers, marked truncated', async () => {
  const lines = ['From: Mallory <m@example.org>', 'Subject: Deep', 'MIME-Version: 1.0', 'Content-Type: multipart/mixed; boundary="d0"', ''];
  for (let depth = 0; depth <= MAX_MIME_DEPTH + 2; depth += 1) lines.push(`--d${depth}`, `Content-Type: multipart/mixed; boundary="d${depth + 1}"`, '');
  const display = await readMessageForDisplay(stream(crlf(lines)));
  assert.equal(display.truncated, true);
  assert.equal(display.subject, 'Deep');
  assert.deepEqual(display.from, [{ name: 'Mallory', address: 'm@example.org' }]);
});

const EFAIL = crlf([
  'From: Mallory <m@example.org>',
  'Subject: Three parts',
  'MIME-Version: 1.0',
  'Content-Type: multipart/mixed; boundary="e"',
  '',
  '--e',
  'Content-Type: text/html; charset=utf-8',
  '',
  '<img src="http://127.0.0.1:9/leak?d=',
  '--e',
  'Content-Type: text/html; charset=utf-8',
  '',
  '<p>the secret text</p>',
  '--e',
  'Content-Type: text/plain; charset=utf-8',
  '',
  'A plain word.',
  '--e',
  'Content-Type: text/html; charset=utf-8',
  '',
  '">end',
  '--e--',
]);

test('sibling parts of a mixed message stay apart, in order, plain and HTML alike', async () => {
  const display = await readMessageForDisplay(stream(EFAIL));
  assert.deepEqual(
    display.parts.map((part) => (part.kind === 'html' ? ['html', part.html.trim()] : ['text', part.text.trim()])),
    [
      ['html', '<img src="http://127.0.0.1:9/leak?d='],
      ['html', '<p>the secret text</p>'],
      ['text', 'A plain word.'],
      ['html', '">end'],
    ],
  );
  assert.equal(display.html, null, 'no single document joins the parts');
  assert.equal(display.omittedParts, 0);
});

test('multipart/alternative gives its last alternative only; an attachment stays an attachment', async () => {
  const display = await readMessageForDisplay(
    stream(
      crlf([
        'From: a@example.org',
        'Subject: Alt',
        'MIME-Version: 1.0',
        'Content-Type: multipart/mixed; boundary="m"',
        '',
        '--m',
        'Content-Type: multipart/alternative; boundary="a"',
        '',
        '--a',
        'Content-Type: text/plain',
        '',
        'plain version',
        '--a',
        'Content-Type: text/html',
        '',
        '<p>rich version</p>',
        '--a--',
        '--m',
        'Content-Type: text/html; charset=utf-8',
        'Content-Disposition: attachment; filename="page.html"',
        '',
        '<p>an attached page</p>',
        '--m',
        'Content-Type: text/plain; charset=utf-8',
        '',
        'Signature line.',
        '--m--',
      ]),
    ),
  );
  assert.deepEqual(
    display.parts.map((part) => (part.kind === 'html' ? part.html.trim() : part.text.trim())),
    ['<p>rich version</p>', 'Signature line.'],
  );
  assert.deepEqual(
    display.attachments.map((attachment) => [attachment.fileName, attachment.contentType, attachment.inline]),
    [['page.html', 'text/html', false]],
  );
});

test('a single HTML body is also given as the message HTML', async () => {
  const display = await readMessageForDisplay(
    stream(crlf(['From: a@example.org', 'Subject: One', 'MIME-Version: 1.0', 'Content-Type: text/html', '', '<p>only</p>'])),
  );
  assert.equal(display.html?.trim(), '<p>only</p>');
  assert.equal(display.parts.length, 1);
});

test('a sender hidden by encoded-word tricks shows the address the server saw', async () => {
  const read = async (from: string, extra: string[] = []) =>
    (await readMessageForDisplay(stream(crlf([...extra, `From: ${from}`, 'Subject: Trick', '', 'body'])))).from;
  assert.deepEqual(await read('=?utf-8?q?a=00b?=@evil.example'), [{ name: '', address: '=?utf-8?q?a=00b?=@evil.example' }]);
  const encodedName = `=?utf-8?b?${Buffer.from('ceo@bank.example').toString('base64')}?=`;
  assert.deepEqual(await read(encodedName, ['Return-Path: <bounce@evil.example>']), [{ name: 'ceo@bank.example', address: 'bounce@evil.example' }]);
  assert.deepEqual(await read(encodedName), [], 'no address anywhere: nobody');
  assert.deepEqual(
    await read('Ann <ann@example.org>', ['Return-Path: <bounce@evil.example>']),
    [{ name: 'Ann', address: 'ann@example.org' }],
    'a usable From stays as it is',
  );
});

test('a huge message shows what there is: the first parts, the first thousand Cc with their count, a cut subject', async () => {
  const lines = [
    'From: a@example.org',
    `Subject: ${'S'.repeat(1024 * 1024)}`,
    `Cc: ${Array.from({ length: 20_000 }, (_unused, index) => `c${index}@example.org`).join(',\r\n ')}`,
  ];
  lines.push('MIME-Version: 1.0', 'Content-Type: multipart/mixed; boundary="p"', '');
  for (let index = 1; index <= 3_000; index += 1) lines.push('--p', 'Content-Type: text/plain', '', `Part ${index}.`);
  lines.push('--p--');
  const started = Date.now();
  const display = await readMessageForDisplay(stream(crlf(lines)));
  assert.ok(Date.now() - started < 20_000, 'read in reasonable time');
  assert.equal(display.truncated, true);
  assert.equal(display.parts.length, 100);
  assert.deepEqual(
    display.parts.slice(0, 2).map((part) => (part.kind === 'text' ? part.text.trim() : '')),
    ['Part 1.', 'Part 2.'],
  );
  assert.ok(display.omittedParts > 500, `${display.omittedParts} parts left out`);
  assert.equal(display.cc.length, 1_000);
  assert.equal(display.ccCount, 20_000);
  assert.equal(display.subject?.length, 2_000);
  assert.ok(display.subject?.startsWith('SSSS') === true && display.subject.endsWith('…'));
});

test('inline images the HTML refers to come with the message, read once; others do not', async () => {
  const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
  const image = (id: string): string[] => [
    '--r',
    'Content-Type: image/png',
    'Content-Transfer-Encoding: base64',
    `Content-ID: <${id}>`,
    '',
    png.toString('base64'),
  ];
  const display = await readMessageForDisplay(
    stream(
      crlf([
        'From: a@example.org',
        'Subject: Pictures',
        'MIME-Version: 1.0',
        'Content-Type: multipart/related; boundary="r"',
        '',
        '--r',
        'Content-Type: text/html',
        '',
        '<img src="cid:One@Example"><img src="ci',
        'd:two@example">',
        ...image('one@example'),
        ...image('two@example'),
        ...image('unused@example'),
        '--r--',
      ]),
    ),
  );
  assert.deepEqual(
    display.inlineImages.map((entry) => [entry.contentId, entry.contentType, Buffer.from(entry.base64, 'base64').equals(png)]),
    [
      ['one@example', 'image/png', true],
      ['two@example', 'image/png', true],
    ],
  );
});
