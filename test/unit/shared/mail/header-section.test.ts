/** The one header reader: where a header section ends, its fields, their unfolded values. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  MAX_HEADER_SECTION_CHARS,
  HeaderCollector,
  findHeaderEnd,
  findHeaderEndInText,
  firstHeaderValue,
  headerFieldsNamed,
  headerValues,
  readHeaderFields,
  unfoldedBody,
} from '../../../../shared/mail/header-section';

const bytes = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'latin1'));

describe('the end of a header section', () => {
  test('is the first empty line, after CRLF or a bare LF, in bytes and in text alike', () => {
    const cases: Array<[string, { headerEnd: number; bodyStart: number } | undefined]> = [
      ['A: 1\r\nB: 2\r\n\r\nbody', { headerEnd: 12, bodyStart: 14 }],
      ['A: 1\nB: 2\n\nbody', { headerEnd: 10, bodyStart: 11 }],
      ['A: 1\n\r\nbody', { headerEnd: 5, bodyStart: 7 }],
      ['A: 1\r\n\nbody', { headerEnd: 6, bodyStart: 7 }],
      ['A: 1\r\nB: 2\r\n', undefined],
      ['A: 1\r\n\r\r\nB: 2', undefined],
      ['', undefined],
    ];
    for (const [text, expected] of cases) {
      assert.deepEqual(findHeaderEndInText(text), expected, JSON.stringify(text));
      assert.deepEqual(findHeaderEnd(bytes(text)), expected, JSON.stringify(text));
    }
  });

  test('can be searched from where a stream left off, across a chunk boundary', () => {
    const whole = bytes('Subject: x\r\nFrom: a@b.test\r\n\r\nbody');
    assert.deepEqual(findHeaderEnd(whole, whole.indexOf(0x0a, 20) - 1), { headerEnd: 28, bodyStart: 30 });
    assert.equal(findHeaderEnd(whole.subarray(0, 29)), undefined);
    assert.deepEqual(findHeaderEnd(whole.subarray(0, 30), 26), { headerEnd: 28, bodyStart: 30 });
  });

  test('is found in a header of megabytes with 8-bit bytes', () => {
    const cc = Array.from({ length: 20_000 }, (_, index) => `user${index}@example.com`).join(',\r\n ');
    const text = `Subject: \xe9t\xe9\r\nCc: ${cc}\r\n\r\nbody \xff`;
    const end = findHeaderEnd(bytes(text));
    assert.ok(end !== undefined);
    assert.equal(Buffer.from(text, 'latin1').subarray(end.bodyStart).toString('latin1'), 'body \xff');
  });
});

describe('the fields of a header section', () => {
  const HEADER = [
    'Received: from mx.example.org (mx [192.0.2.1])',
    '\tby pop.example.com; Tue, 3 Nov 2026 10:00:00 +0000',
    'Received: from earlier.example.net',
    'SUBJECT: first',
    ' line two',
    'Message-ID : <spaced@example.org>',
    'not a field',
    ' its continuation',
    'subject: second',
    '',
    'Subject: in the body',
    '',
  ].join('\r\n');

  test('are read in order with their folded lines, the body never read', () => {
    const fields = readHeaderFields(HEADER);
    assert.deepEqual(
      fields.map((field) => [field.name, field.lines.length]),
      [
        ['Received', 2],
        ['Received', 1],
        ['SUBJECT', 2],
        ['Message-ID', 1],
        ['', 2],
        ['subject', 1],
      ],
    );
    assert.equal(unfoldedBody(fields[0]!), ' from mx.example.org (mx [192.0.2.1])\tby pop.example.com; Tue, 3 Nov 2026 10:00:00 +0000');
  });

  test('give the first or every value, unfolded and trimmed, by a case-insensitive name', () => {
    assert.equal(firstHeaderValue(HEADER, 'subject'), 'first line two');
    assert.deepEqual(headerValues(HEADER, 'Subject'), ['first line two', 'second']);
    assert.deepEqual(headerValues(HEADER, 'received'), [
      'from mx.example.org (mx [192.0.2.1])\tby pop.example.com; Tue, 3 Nov 2026 10:00:00 +0000',
      'from earlier.example.net',
    ]);
    assert.equal(firstHeaderValue(HEADER, 'Date'), undefined);
    assert.deepEqual(headerValues(HEADER, 'Date'), []);
  });

  test('read a name with blanks before its colon only on request (obsolete syntax)', () => {
    assert.equal(firstHeaderValue(HEADER, 'Message-ID'), undefined);
    assert.equal(firstHeaderValue(HEADER, 'Message-ID', { obsoleteSpacing: true }), '<spaced@example.org>');
    assert.equal(headerFieldsNamed(HEADER, 'message-id', { obsoleteSpacing: true })[0]?.obsoleteSpacing, true);
  });

  test('are the same with bare LF line ends and without the empty line', () => {
    const bare = HEADER.replace(/\r\n/g, '\n');
    assert.deepEqual(headerValues(bare, 'subject'), ['first line two', 'second']);
    const headerOnly = 'From: a@example.com\r\nSubject: no body\r\n folded';
    assert.equal(firstHeaderValue(headerOnly, 'subject'), 'no body folded');
    assert.equal(firstHeaderValue('Subject:', 'subject'), '');
  });

  test('a continuation at the very start is a line of its own, not part of a field', () => {
    const fields = readHeaderFields(' stray\r\nSubject: x\r\n');
    assert.deepEqual(
      fields.map((field) => field.name),
      ['', 'Subject'],
    );
    assert.equal(firstHeaderValue(' Subject: x\r\n', 'subject'), undefined);
  });

  test('keep 8-bit bytes as they are, one character per byte, so the caller decodes them', () => {
    const raw = Buffer.from('Subject: caf\u00e9 \u00e0\r\n\r\n', 'utf8').toString('latin1');
    const [field] = headerFieldsNamed(raw, 'subject');
    assert.ok(field !== undefined);
    assert.equal(Buffer.from(unfoldedBody(field), 'latin1').toString('utf8').trim(), 'café à');
  });

  test('look at no more than the bound of a huge header', () => {
    const huge = `Subject: ${'x'.repeat(MAX_HEADER_SECTION_CHARS)}\r\nFrom: late@example.com\r\n\r\n`;
    assert.equal(firstHeaderValue(huge, 'from'), undefined);
    assert.equal(firstHeaderValue(huge, 'subject')?.length, MAX_HEADER_SECTION_CHARS - 'Subject: '.length);
    assert.equal(readHeaderFields(huge, { maxChars: 20 })[0]?.lines[0], `Subject: ${'x'.repeat(11)}`);
    const manyFields = Array.from({ length: 30_000 }, (_, index) => `X-Field-${index}: ${index}`).join('\r\n');
    assert.deepEqual(headerValues(`${manyFields}\r\nX-Field-7: again\r\n\r\n`, 'x-field-7'), ['7', 'again']);
  });
});

describe('collecting a header section as its bytes go by', () => {
  const MESSAGE = 'Subject: x\r\nFrom: a@example.com\r\n\r\nbody line\r\n\r\nmore';

  test('keeps the header and its empty line whatever the chunks, and nothing of the body', () => {
    const whole = bytes(MESSAGE);
    const expected = 'Subject: x\r\nFrom: a@example.com\r\n\r\n';
    for (const size of [1, 2, 3, 7, whole.length]) {
      const collector = new HeaderCollector(1024);
      for (let start = 0; start < whole.length; start += size) collector.push(whole.subarray(start, start + size));
      assert.equal(Buffer.from(collector.bytes()).toString('latin1'), expected, `chunks of ${size}`);
      assert.equal(collector.complete, true);
    }
  });

  test('ends where the whole message ends its header, however three chunks cut it, with every kind of line end', () => {
    for (const message of [
      'A: 1\r\nB: 2\r\n\r\nbody\n\nrest',
      'A: 1\nB: 2\n\nbody\r\n\r\n',
      'A: 1\n\r\nbody\n\n',
      'A: 1\r\n\nbody',
      'A: 1\r\r\nB: 2\r\n\r\n',
    ]) {
      const whole = bytes(message);
      const expected = message.slice(0, findHeaderEnd(whole)?.bodyStart);
      for (let first = 0; first <= whole.length; first += 1) {
        for (let second = first; second <= whole.length; second += 1) {
          const collector = new HeaderCollector(1024);
          for (const chunk of [whole.subarray(0, first), whole.subarray(first, second), whole.subarray(second)]) collector.push(chunk);
          assert.equal(Buffer.from(collector.bytes()).toString('latin1'), expected, `${JSON.stringify(message)} cut at ${first} and ${second}`);
        }
      }
    }
  });

  test('finds an empty line of bare LF split between chunks', () => {
    const collector = new HeaderCollector(1024);
    for (const part of ['A: 1\n', '\n', 'body']) collector.push(bytes(part));
    assert.equal(Buffer.from(collector.bytes()).toString('latin1'), 'A: 1\n\n');
    const crlf = new HeaderCollector(1024);
    for (const part of ['A: 1\r\n\r', '\nbody']) crlf.push(bytes(part));
    assert.equal(Buffer.from(crlf.bytes()).toString('latin1'), 'A: 1\r\n\r\n');
  });

  test('stops at its bound on a huge header and keeps the whole of a header without an empty line', () => {
    const collector = new HeaderCollector(100);
    for (let index = 0; index < 1000; index += 1) collector.push(bytes(`X-${index}: ${'\xe9'.repeat(10)}\r\n`));
    assert.equal(collector.bytes().length, 100);
    assert.equal(collector.complete, true);
    const open = new HeaderCollector(1024);
    open.push(bytes('Subject: only a header\r\n'));
    assert.equal(open.complete, false);
    assert.equal(Buffer.from(open.bytes()).toString('latin1'), 'Subject: only a header\r\n');
  });

  test('keeps a copy, not the caller chunk', () => {
    const chunk = bytes('A: 1\r\n\r\nbody');
    const collector = new HeaderCollector(1024);
    collector.push(chunk);
    chunk.fill(0x41);
    assert.equal(Buffer.from(collector.bytes()).toString('latin1'), 'A: 1\r\n\r\n');
  });
});
