/**
 * Reading a message for the reader: headers with real addresses, bodies as data, attachments counted
 * and extracted on request within a size bound, and hostile structure cut at the MIME limits.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
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
  assert.deepEqual(display.attachments, [{ index: 0, fileName: 'data.bin', contentType: 'application/octet-stream', size: ATTACHED.length, contentId: null, inline: false }]);
  const attachment = await readAttachment(stream(WITH_ATTACHMENT), 0, 1024 * 1024);
  assert.deepEqual(Buffer.from(attachment.bytes), ATTACHED);
});

test('an attachment over the bound is refused, a missing one is NOT_FOUND', async () => {
  await assert.rejects(readAttachment(stream(WITH_ATTACHMENT), 0, 1024), { code: 'VALIDATION' });
  await assert.rejects(readAttachment(stream(WITH_ATTACHMENT), 1, 1024 * 1024), { code: 'NOT_FOUND' });
});

test('nesting past the MIME limit still shows the headers, marked truncated', async () => {
  const lines = ['From: Mallory <m@example.org>', 'Subject: Deep', 'MIME-Version: 1.0', 'Content-Type: multipart/mixed; boundary="d0"', ''];
  for (let depth = 0; depth <= MAX_MIME_DEPTH + 2; depth += 1) lines.push(`--d${depth}`, `Content-Type: multipart/mixed; boundary="d${depth + 1}"`, '');
  const display = await readMessageForDisplay(stream(crlf(lines)));
  assert.equal(display.truncated, true);
  assert.equal(display.subject, 'Deep');
  assert.deepEqual(display.from, [{ name: 'Mallory', address: 'm@example.org' }]);
});
