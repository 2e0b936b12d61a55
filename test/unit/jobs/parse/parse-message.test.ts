import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { MAX_INDEXED_TEXT_CHARS, MAX_SINGLE_PART_INPUT_BYTES, parseRawMessage, snippetOf } from '../../../../electron/jobs/parse/parse-message';

function parse(text: string | Buffer, limits?: Parameters<typeof parseRawMessage>[1]): ReturnType<typeof parseRawMessage> {
  return parseRawMessage(Readable.from([Buffer.from(text)]), limits);
}

test('headers, encoded words, groups and HTML-only bodies become index fields', async () => {
  const parsed = await parse(
    [
      'From: =?UTF-8?B?SsO8cmdlbg==?= <jurgen@example.de>',
      'To: Friends: a@example.com, b@example.com;, c@example.com',
      'Subject: =?ISO-8859-1?Q?Gr=FC=DFe?=',
      'Date: not a date',
      'Content-Type: text/html; charset=utf-8',
      '',
      '<p>Hello <b>world</b></p><script>evil()</script>',
      '',
    ].join('\r\n'),
  );
  assert.equal(parsed.subject, 'Grüße');
  assert.deepEqual(parsed.from, { name: 'Jürgen', address: 'jurgen@example.de' });
  assert.deepEqual(
    parsed.to.map((address) => address.address),
    ['a@example.com', 'b@example.com', 'c@example.com'],
  );
  assert.equal(parsed.date, null);
  assert.match(parsed.text, /Hello world/);
  assert.deepEqual(parsed.problems, []);
});

test('a message past a MIME limit is indexed from its headers, with the reason as a flag', async () => {
  let text = 'Subject: Deep\r\nFrom: x@example.com\r\n';
  for (let level = 0; level < 10; level += 1) text += `Content-Type: multipart/mixed; boundary=b${level}\r\n\r\n--b${level}\r\n`;
  text += 'Content-Type: text/plain\r\n\r\nsecret words\r\n';
  const parsed = await parse(text, { depth: 4, parts: 100, headerBytes: 10_000 });
  assert.deepEqual(parsed.problems, ['too-deep']);
  assert.equal(parsed.subject, 'Deep');
  assert.equal(parsed.from?.address, 'x@example.com');
  assert.equal(parsed.text, '');
  const huge = await parse(`Subject: Huge\r\nX-Junk: ${'j'.repeat(20_000)}\r\n\r\nbody`, { depth: 4, parts: 100, headerBytes: 10_000 });
  assert.deepEqual(huge.problems, ['header-too-large']);
  assert.equal(huge.subject, 'Huge');
  const absurd = await parse(`From: x@example.com\r\nSubject: ${'Absurd '.repeat(150_000)}\r\n\r\nbody`, { depth: 4, parts: 100, headerBytes: 10_000 });
  assert.deepEqual(absurd.problems, ['header-too-large']);
  assert.match(absurd.subject ?? '(no subject)', /^Absurd Absurd/, 'an absurd Subject is kept cut, not lost');
});

test('long bodies are cut for the index and flagged; the snippet is one short line', async () => {
  const parsed = await parse(`Subject: Long\r\n\r\n${'word '.repeat(MAX_INDEXED_TEXT_CHARS / 4)}`);
  assert.equal(parsed.text.length, MAX_INDEXED_TEXT_CHARS);
  assert.deepEqual(parsed.problems, ['text-truncated']);
  assert.equal(snippetOf('  a\r\n\tb  c '), 'a b c');
  assert.ok(parsed.snippet.length <= 200);
});

test('the snippet is the first 1,600 characters with white space runs as one space, trimmed and cut at 200, for every kind of white space', () => {
  const reference = (text: string): string => text.slice(0, 1_600).replace(/\s+/g, ' ').trim().slice(0, 200);
  // Every character \s matches, and a few it does not (a zero-width space, a letter, a CJK character).
  const spaces = [
    '\t',
    '\n',
    '\v',
    '\f',
    '\r',
    ' ',
    '\u00a0',
    '\u1680',
    '\u2000',
    '\u2005',
    '\u200a',
    '\u2028',
    '\u2029',
    '\u202f',
    '\u205f',
    '\u3000',
    '\ufeff',
  ];
  const others = ['a', 'Ö', '\u200b', '会', '😀'];
  let seed = 7;
  const next = (below: number): number => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed % below;
  };
  const texts = ['', '   ', 'x'.repeat(199) + '  y', 'x'.repeat(199) + '   ', 'x'.repeat(200) + ' y', `${' '.repeat(1_600)}late`, `${'a'.repeat(1_599)} b`];
  for (let round = 0; round < 2_000; round += 1) {
    let text = '';
    const length = next(2_400);
    while (text.length < length)
      text += next(3) === 0 ? (spaces[next(spaces.length)] ?? ' ').repeat(1 + next(4)) : (others[next(others.length)] ?? 'a').repeat(1 + next(30));
    texts.push(text);
  }
  for (const text of texts) assert.equal(snippetOf(text), reference(text), JSON.stringify(text.slice(0, 60)));
});

test('a huge single-part text message is read only as far as the index keeps its text', async () => {
  const line = 'All work and no play makes a very long message indeed.\r\n';
  const header = Buffer.from('From: a@example.com\r\nSubject: Endless\r\nContent-Type: text/plain\r\n\r\n');
  const chunk = Buffer.from(line.repeat(1_000));
  const chunks = Math.ceil((MAX_SINGLE_PART_INPUT_BYTES * 8) / chunk.length);
  let served = 0;
  const source = Readable.from(
    (function* () {
      yield header;
      for (let index = 0; index < chunks; index += 1) {
        served += 1;
        yield chunk;
      }
    })(),
  );
  const parsed = await parseRawMessage(source);
  assert.equal(parsed.subject, 'Endless');
  assert.equal(parsed.text.length, MAX_INDEXED_TEXT_CHARS);
  assert.ok(parsed.text.startsWith(line.replace('\r\n', '\n')));
  assert.deepEqual(parsed.problems, ['text-truncated']);
  assert.ok(served * chunk.length < MAX_SINGLE_PART_INPUT_BYTES * 2, `read ${served * chunk.length} bytes of ${chunks * chunk.length}`);
});

test('a multipart message is read to its end, so attachments after a long text are still listed', async () => {
  const text = 'words '.repeat(Math.ceil(MAX_SINGLE_PART_INPUT_BYTES / 3));
  const raw = Buffer.from(
    [
      'Subject: Long then a file',
      'Content-Type: multipart/mixed; boundary=b',
      '',
      '--b',
      'Content-Type: text/plain',
      '',
      text,
      '--b',
      'Content-Type: application/pdf; name="late.pdf"',
      'Content-Transfer-Encoding: base64',
      '',
      'AAAA',
      '--b--',
      '',
    ].join('\r\n'),
  );
  const parsed = await parseRawMessage(Readable.from([raw.subarray(0, raw.length / 2), raw.subarray(raw.length / 2)]));
  assert.deepEqual(
    parsed.attachments.map((attachment) => attachment.fileName),
    ['late.pdf'],
  );
});
