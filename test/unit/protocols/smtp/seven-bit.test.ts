/**
 * Downgrading ready 8-bit messages for servers without 8BITMIME (RFC 6152 §3): every 8-bit body
 * becomes quoted-printable (text) or base64 (anything else), decoding back to the same bytes; 7-bit
 * parts and the structure stay as they were; 8-bit header fields are refused.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { simpleParser } from 'mailparser';
import { sendMessage } from '../../../../electron/protocols/smtp';
import { toSevenBit } from '../../../../electron/protocols/smtp/seven-bit';
import { startFakeSmtpServer } from '../../../fakes/smtp-server';
import { fakeConnection } from './helpers';

const lines = (...parts: string[]): Buffer => Buffer.from(parts.join('\r\n'), 'utf8');

function converted(raw: Buffer): Buffer {
  const result = toSevenBit(raw);
  assert.ok(result.ok, JSON.stringify(result));
  assert.ok(!result.raw.some((byte) => byte > 0x7f), 'every byte is 7-bit');
  assert.ok(
    result.raw
      .toString('latin1')
      .split('\r\n')
      .every((line) => line.length <= 998),
    'no line over 998 octets',
  );
  return result.raw;
}

test('a plain 8-bit text message becomes quoted-printable and reads the same', async () => {
  const body = `Grüße aus Köln — مرحبا بالعالم\r\n.a line starting with a dot\r\n${'ä'.repeat(700)}\r\ntrailing space \r\n`;
  const raw = lines(
    'From: a@example.org',
    'To: b@example.org',
    'Subject: hello',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    body,
  );
  const out = converted(raw);
  const text = out.toString('latin1');
  assert.match(text, /^Content-Transfer-Encoding: quoted-printable\r$/m);
  assert.doesNotMatch(text, /8bit/);
  const parsed = await simpleParser(out);
  assert.equal(parsed.text, body.replace(/\r\n/g, '\n'));
  assert.equal(parsed.subject, 'hello');
});

test('a message without MIME headers gains them, with the charset of its bytes', async () => {
  const out = converted(lines('From: a@example.org', 'Subject: bare', '', 'Crème brûlée\r\n'));
  assert.match(out.toString('latin1'), /^MIME-Version: 1\.0\r\nContent-Type: text\/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r$/m);
  assert.equal((await simpleParser(out)).text, 'Crème brûlée\n');
  const latin1 = Buffer.concat([Buffer.from('From: a@example.org\r\nSubject: latin\r\n\r\nCr'), Buffer.from([0xe8]), Buffer.from('me\r\n')]);
  assert.match(converted(latin1).toString('latin1'), /charset=unknown-8bit/);
});

test('nested multiparts: 8-bit text and binary parts are re-encoded, 7-bit parts and boundaries kept', async () => {
  const binary = Buffer.from(Array.from({ length: 300 }, (_, index) => (index * 37) % 256));
  const raw = Buffer.concat([
    lines(
      'From: a@example.org',
      'Subject: nested',
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="outer"',
      '',
      'This is a MIME message — preamble.',
      '--outer',
      'Content-Type: multipart/alternative; boundary=inner',
      '',
      '--inner',
      'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: 8bit',
      '',
      'Zoë sagt hallo',
      '--inner',
      'Content-Type: text/html; charset=utf-8',
      '',
      '<p dir="rtl">שלום עולם</p>',
      '--inner--',
      '',
      '--outer',
      'Content-Type: text/plain; charset=us-ascii',
      '',
      'plain ascii part',
      '--outer',
      'Content-Type: application/octet-stream; name=data.bin',
      'Content-Transfer-Encoding: binary',
      '',
      '',
    ),
    binary,
    lines('', '--outer--', ''),
  ]);
  const out = converted(raw);
  const text = out.toString('latin1');
  assert.match(text, /plain ascii part/);
  assert.equal((text.match(/^--outer\r?$/gm) ?? []).length, 3);
  assert.equal((text.match(/^--inner\r?$/gm) ?? []).length, 2);
  const parsed = await simpleParser(out);
  assert.equal(parsed.text, 'Zoë sagt hallo\n\nplain ascii part');
  assert.match(parsed.html || '', /שלום עולם/);
  const attachment = parsed.attachments.find((candidate) => candidate.filename === 'data.bin');
  assert.ok(attachment !== undefined);
  assert.ok(attachment.content.equals(binary), 'the binary part decodes to the same bytes');
});

test('an 8-bit header field cannot be converted', () => {
  const result = toSevenBit(lines('From: Zoë <zoe@example.org>', 'Subject: x', '', 'body'));
  assert.deepEqual(result, { ok: false, reason: 'eight-bit-header' });
  const inPart = toSevenBit(
    lines('Subject: x', 'Content-Type: multipart/mixed; boundary=b', '', '--b', 'Content-Type: text/plain; name="ä.txt"', '', 'ä', '--b--', ''),
  );
  assert.deepEqual(inPart, { ok: false, reason: 'eight-bit-header' });
});

test('a 7-bit message is left byte for byte as it is', () => {
  const raw = lines('From: a@example.org', 'Subject: ascii', '', 'Only ASCII here.', '');
  const result = toSevenBit(raw);
  assert.ok(result.ok);
  assert.ok(result.raw.equals(raw));
});

test('sending a ready 8-bit message to a server without 8BITMIME converts it; 8-bit headers are refused', async () => {
  const server = await startFakeSmtpServer({ extensions: ['SIZE 1000000'] });
  try {
    const body = 'Grüße — ünïcödé body\r\n';
    const raw = lines(
      'From: a@example.org',
      'To: b@example.org',
      'Subject: eight',
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: 8bit',
      '',
      body,
    );
    const outcome = await sendMessage({
      connection: fakeConnection(server),
      message: { raw, envelope: { from: 'a@example.org', to: ['b@example.org'], needsSmtpUtf8: false } },
    });
    assert.equal(outcome.kind, 'sent', JSON.stringify(outcome));
    const data = server.transactions[0]?.data;
    assert.ok(data !== undefined && !data.some((byte) => byte > 0x7f));
    assert.doesNotMatch(server.transactions[0]?.mailParameters ?? '', /BODY=8BITMIME/);
    assert.equal((await simpleParser(data)).text, body.replace(/\r\n/g, '\n'));

    const header = lines('From: Zoë <a@example.org>', 'To: b@example.org', 'Subject: x', '', 'ä');
    const refused = await sendMessage({
      connection: fakeConnection(server),
      message: { raw: header, envelope: { from: 'a@example.org', to: ['b@example.org'], needsSmtpUtf8: false } },
    });
    assert.equal(refused.kind, 'failed');
    if (refused.kind === 'failed') assert.match(refused.error.message, /header has non-ASCII characters.*SMTPUTF8/);
    assert.equal(server.transactions.length, 1, 'nothing else was sent');
  } finally {
    await server.close();
  }
});
