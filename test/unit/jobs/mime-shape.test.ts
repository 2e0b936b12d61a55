import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MimeShapeScanner } from '../../../electron/jobs/mime-shape';

function nested(depth: number): Buffer {
  let text = 'Subject: nested\r\n';
  for (let level = 0; level < depth; level += 1) text += `Content-Type: multipart/mixed;\r\n boundary="b${level}"\r\n\r\n--b${level}\r\n`;
  text += 'Content-Type: text/plain\r\n\r\nhello\r\n';
  for (let level = depth - 1; level >= 0; level -= 1) text += `--b${level}--\r\n`;
  return Buffer.from(text);
}

function scan(data: Buffer, limits = { depth: 5, parts: 10, headerBytes: 1_000 }, chunk = 7): MimeShapeScanner {
  const scanner = new MimeShapeScanner(limits);
  for (let offset = 0; offset < data.length; offset += chunk) if (!scanner.push(data.subarray(offset, offset + chunk))) break;
  return scanner;
}

test('nesting depth is measured across chunk boundaries and folded headers, and stops at the limit', () => {
  const ok = scan(nested(5));
  assert.equal(ok.problem, null);
  assert.equal(ok.depth, 5);
  assert.equal(ok.parts, 6);
  assert.equal(scan(nested(6)).problem, 'too-deep');
});

test('too many parts and an oversized header section are flagged', () => {
  const parts = [
    'Content-Type: multipart/mixed; boundary=x',
    '',
    ...Array.from({ length: 12 }, (_, index) => `--x\r\nContent-Type: text/plain\r\n\r\npart ${index}`),
    '--x--',
    '',
  ].join('\r\n');
  assert.equal(scan(Buffer.from(parts)).problem, 'too-many-parts');
  const header = Buffer.from(`Subject: big\r\nX-Long: ${'a'.repeat(5_000)}\r\n\r\nbody`);
  const scanner = scan(header, undefined, 512);
  assert.equal(scanner.problem, 'header-too-large');
  assert.equal(
    scanner.headerPrefix().toString(),
    `Subject: big\r\nX-Long: ${'a'.repeat(4_096 - 8)}\r\n\r\n`,
    'the header lines that fit are kept, and the start of the one that did not',
  );
  const subject = scan(Buffer.from(`From: a@example.org\r\nSubject: ${'s'.repeat(1024 * 1024)}\r\n\r\nbody`), undefined, 512 * 1024);
  assert.equal(subject.problem, 'header-too-large');
  assert.match(subject.headerPrefix().toString(), /^From: a@example\.org\r\nSubject: s{4000,4096}\r\n\r\n$/, 'a 1 MB Subject line is kept cut');
});

test('an attached message is looked into', () => {
  const inner = nested(4).toString();
  const outer = Buffer.from(`Content-Type: multipart/mixed; boundary=out\r\n\r\n--out\r\nContent-Type: message/rfc822\r\n\r\n${inner}\r\n--out--\r\n`);
  assert.equal(scan(outer).depth, 5);
});
