/** Read receipts as RFC 8098 lays them out: multipart/report with the human part and the disposition part. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { simpleParser } from 'mailparser';
import { buildReadReceipt } from '../../../../electron/protocols/smtp';

const BASE = {
  from: { name: 'Ålice', address: 'alice@example.org', envelope: 'alice@example.org', needsSmtpUtf8: false },
  to: { name: undefined, address: 'carol@example.net', envelope: 'carol@example.net', needsSmtpUtf8: false },
  originalMessageId: '<m1@example.net>',
  originalSubject: 'Quarterly \u202eplan\r\nBcc: x@y.example',
  date: Date.UTC(2026, 0, 2, 3, 4, 5),
  boundary: 'mdn-1',
} as const;

test('a receipt is multipart/report with a disposition-notification part naming the original', async () => {
  const raw = buildReadReceipt(BASE);
  assert.doesNotMatch(raw, /[^\r]\n/, 'CRLF line ends only');
  assert.ok(
    [...raw].every((character) => character.charCodeAt(0) < 0x80),
    '7-bit',
  );
  const header = raw.slice(0, raw.indexOf('\r\n\r\n'));
  assert.match(header, /^Content-Type: multipart\/report; report-type=disposition-notification; boundary="mdn-1"$/m);
  assert.match(header, /^To: <carol@example\.net>$/m);
  assert.match(header, /^In-Reply-To: <m1@example\.net>$/m);
  assert.doesNotMatch(header, /^Bcc:/im, 'the original subject cannot add a header');
  assert.match(raw, /^Reporting-UA: Mailbag; Mailbag$/m);
  assert.match(raw, /^Final-Recipient: rfc822;alice@example\.org$/m);
  assert.match(raw, /^Original-Message-ID: <m1@example\.net>$/m);
  assert.match(raw, /^Disposition: manual-action\/MDN-sent-manually; displayed$/m);
  const parsed = await simpleParser(Buffer.from(raw));
  assert.equal(parsed.from?.value[0]?.name, 'Ålice');
  assert.match(parsed.subject ?? '', /^Read: Quarterly \u202eplan Bcc: x@y\.example$/);
  assert.match(parsed.text ?? '', /receipt for the message you sent to alice@example\.org/);
});

test('without a valid original Message-ID the receipt still says what it is', () => {
  const raw = buildReadReceipt({ ...BASE, originalMessageId: null, originalSubject: null });
  assert.doesNotMatch(raw, /Original-Message-ID|In-Reply-To/);
  assert.match(raw, /^Subject: Read: $/m);
});
