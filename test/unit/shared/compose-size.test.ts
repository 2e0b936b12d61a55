/**
 * The size estimate compose warns with, checked against what the composer really produces: plain and
 * non-ASCII text, HTML, and attachments from tiny to several megabytes.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { composeMessage } from '../../../electron/protocols/smtp';
import { base64EncodedBytes, estimateMessageSize, formatSize, textEncodedBytes, utf8Bytes } from '../../../shared/compose-size';
import type { OutgoingMessage } from '../../../shared/mail/outgoing';

/** The estimate may be off by this fraction of the real size, plus a fixed slack for the headers. */
const RELATIVE_TOLERANCE = 0.03;
const FIXED_TOLERANCE_BYTES = 1_500;

async function realSize(message: Omit<OutgoingMessage, 'from' | 'to'>): Promise<number> {
  const composed = await composeMessage({ from: { name: 'Ann', address: 'ann@example.com' }, to: [{ name: 'Bob', address: 'bob@example.com' }], ...message });
  return composed.raw.byteLength;
}

function estimateOf(message: Omit<OutgoingMessage, 'from' | 'to'>): number {
  return estimateMessageSize({
    ...(message.text === undefined ? {} : { text: message.text }),
    ...(message.html === undefined ? {} : { html: message.html }),
    attachmentBytes: (message.attachments ?? []).map((item) => item.content.byteLength),
    headerText: `Ann ann@example.com Bob bob@example.com ${message.subject}`,
  });
}

const CASES: ReadonlyArray<{ readonly name: string; readonly message: Omit<OutgoingMessage, 'from' | 'to'> }> = [
  { name: 'short ASCII text', message: { subject: 'Hi', text: 'Hello Bob.\n' } },
  { name: 'long ASCII text', message: { subject: 'Report', text: 'All work and no play makes Ann a dull girl.\n'.repeat(5_000) } },
  { name: 'German text', message: { subject: 'Grüße', text: 'Schöne Grüße aus München, bis Montag für das Frühstück.\n'.repeat(2_000) } },
  { name: 'Japanese text', message: { subject: '会議', text: 'こんにちは、会議は月曜日です。\n'.repeat(2_000) } },
  { name: 'text and HTML', message: { subject: 'Rich', text: 'Hello *Bob*\n'.repeat(500), html: '<p>Hello <b>Bob</b></p>\n'.repeat(500) } },
  ...[1, 1_000, 100_000, 3_000_000].map((bytes) => ({
    name: `an attachment of ${bytes} bytes`,
    message: {
      subject: 'File',
      text: 'See attached.\n',
      attachments: [{ fileName: 'data.bin', contentType: 'application/octet-stream', content: new Uint8Array(randomBytes(bytes)) }],
    },
  })),
  {
    name: 'several attachments',
    message: {
      subject: 'Files',
      text: 'Three files.\n',
      attachments: [10_000, 250_000, 1_234_567].map((bytes, index) => ({
        fileName: `f${index}.bin`,
        contentType: 'application/octet-stream',
        content: new Uint8Array(randomBytes(bytes)),
      })),
    },
  },
];

for (const { name, message } of CASES) {
  test(`the estimate is close to the composed size: ${name}`, async () => {
    const real = await realSize(message);
    const estimate = estimateOf(message);
    const slack = real * RELATIVE_TOLERANCE + FIXED_TOLERANCE_BYTES;
    assert.ok(Math.abs(estimate - real) <= slack, `estimate ${estimate} vs real ${real}`);
  });
}

test('base64 takes 4 characters per 3 bytes plus a CRLF every 76 characters', () => {
  assert.equal(base64EncodedBytes(0), 0);
  assert.equal(base64EncodedBytes(1), 4 + 2);
  assert.equal(base64EncodedBytes(57), 76 + 2);
  assert.equal(base64EncodedBytes(58), 80 + 4);
  assert.equal(base64EncodedBytes(3_000_000), 4_000_000 + Math.ceil(4_000_000 / 76) * 2);
});

test('text sizes: ASCII as is, other characters by their UTF-8 bytes encoded', () => {
  assert.equal(utf8Bytes('aé€😀'), 1 + 2 + 3 + 4);
  assert.equal(textEncodedBytes('hello'), 5);
  assert.equal(textEncodedBytes('a\nb'), 4, 'line ends become CRLF');
  assert.ok(textEncodedBytes('é'.repeat(300)) > 600);
});

test('sizes in plain words', () => {
  assert.equal(formatSize(512), '512 bytes');
  assert.equal(formatSize(20_480), '20 KB');
  assert.equal(formatSize(10_240_000), '10.2 MB');
});
