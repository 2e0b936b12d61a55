/**
 * MIME building and header safety: what MailComposer makes of an outgoing message, re-parsed with
 * mailparser, has exactly the intended headers; hostile subjects, names, addresses and file names are
 * refused before any MIME exists; Bcc is in the envelope only.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { simpleParser, type AddressObject } from 'mailparser';
import { composeMessage, SmtpError } from '../../../../electron/protocols/smtp';
import { sampleMessage, UNIT_TEST_TIMEOUT_MS } from './helpers';

function headerBlock(raw: Uint8Array): string {
  const text = Buffer.from(raw).toString('latin1');
  return text.slice(0, text.indexOf('\r\n\r\n'));
}

function addresses(value: AddressObject | AddressObject[] | undefined): string[] {
  const list = value === undefined ? [] : Array.isArray(value) ? value : [value];
  return list.flatMap((item) => item.value.map((entry) => `${entry.name}|${entry.address ?? ''}`));
}

async function refused(overrides: Parameters<typeof sampleMessage>[0]): Promise<string> {
  try {
    await composeMessage(sampleMessage(overrides));
  } catch (error) {
    assert.ok(error instanceof SmtpError);
    assert.equal(error.code, 'VALIDATION');
    return error.message;
  }
  assert.fail('the message was composed');
}

describe('composing', { timeout: UNIT_TEST_TIMEOUT_MS }, () => {
  test('a message has Message-ID, Date, MIME-Version, and Bcc only in the envelope', async () => {
    const composed = await composeMessage(
      sampleMessage({ cc: [{ address: 'carol@example.test' }], bcc: [{ name: 'Secret', address: 'dave@example.test' }], date: Date.UTC(2026, 0, 2, 3, 4, 5) }),
    );
    const headers = headerBlock(composed.raw);
    assert.match(headers, /^Message-ID: <[^>]+@example\.test>$/m);
    assert.match(headers, /^Date: Fri, 02 Jan 2026 03:04:05 \+0000$/m);
    assert.match(headers, /^MIME-Version: 1\.0$/m);
    assert.doesNotMatch(Buffer.from(composed.raw).toString('latin1'), /dave|Secret|^bcc:/im);
    assert.deepEqual(composed.envelope.to, ['bob@example.test', 'carol@example.test', 'dave@example.test']);
    assert.equal(composed.envelope.from, 'alice@example.test');
    const parsed = await simpleParser(Buffer.from(composed.raw));
    assert.equal(parsed.messageId, composed.messageId);
    assert.equal(parsed.bcc, undefined);
  });

  test('non-ASCII subject, names and file names are encoded (RFC 2047, RFC 2231) and decode back', async () => {
    const bytes = new Uint8Array(300).map((_, index) => (index * 7) % 256);
    const composed = await composeMessage(
      sampleMessage({
        from: { name: 'Zoë Ågren, "the boss"', address: 'zoe@example.test' },
        to: [{ name: '山田 太郎', address: 'taro@例え.テスト' }],
        subject: 'Grüße — naïve café ☕',
        text: 'Grüße\n',
        html: '<p>Grüße</p>',
        attachments: [{ fileName: 'Übersicht – 2026 ☃.bin', contentType: 'application/octet-stream', content: bytes }],
      }),
    );
    const raw = Buffer.from(composed.raw);
    assert.equal(composed.eightBit, false, 'the composed message is 7-bit clean');
    assert.match(headerBlock(raw), /^Subject: =\?UTF-8\?/m);
    const parsed = await simpleParser(raw);
    assert.equal(parsed.subject, 'Grüße — naïve café ☕');
    assert.deepEqual(addresses(parsed.from), ['Zoë Ågren, "the boss"|zoe@example.test']);
    assert.match(headerBlock(raw), /^To: .*<taro@xn--r8jz45g\.xn--zckzah>$/m);
    assert.deepEqual(addresses(parsed.to), ['山田 太郎|taro@例え.テスト']);
    assert.deepEqual(composed.envelope.to, ['taro@xn--r8jz45g.xn--zckzah']);
    assert.equal(parsed.text?.trim(), 'Grüße');
    assert.equal(parsed.attachments.length, 1);
    assert.equal(parsed.attachments[0]?.filename, 'Übersicht – 2026 ☃.bin');
    assert.deepEqual(new Uint8Array(parsed.attachments[0]?.content ?? []), bytes);
  });

  test('an inline image referenced by cid: makes multipart/related inside multipart/alternative', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const composed = await composeMessage(
      sampleMessage({
        html: '<p><img src="cid:logo@mailbag.test"></p>',
        attachments: [{ fileName: 'logo.png', contentType: 'image/png', content: png, contentId: 'logo@mailbag.test', inline: true }],
      }),
    );
    const raw = Buffer.from(composed.raw).toString('latin1');
    assert.match(raw, /Content-Type: multipart\/alternative/);
    assert.match(raw, /Content-Type: multipart\/related/);
    assert.match(raw, /Content-ID: <logo@mailbag\.test>/);
    const parsed = await simpleParser(Buffer.from(composed.raw));
    assert.equal(parsed.attachments[0]?.contentDisposition, 'inline');
    assert.deepEqual(new Uint8Array(parsed.attachments[0]?.content ?? []), png);
  });

  test('priority and a read-receipt request become their headers; a normal message has neither', async () => {
    const header = (raw: Uint8Array): string => Buffer.from(raw).toString('latin1').split('\r\n\r\n')[0] ?? '';
    const high = await composeMessage(
      sampleMessage({ from: { name: 'Ålice Ørsted', address: 'alice@example.org' }, priority: 'high', requestReadReceipt: true }),
    );
    assert.match(header(high.raw), /^X-Priority: 1 \(Highest\)$/m);
    assert.match(header(high.raw), /^Importance: High$/m);
    const receipt = /^Disposition-Notification-To: (.*)$/m.exec(header(high.raw))?.[1] ?? '';
    assert.match(receipt, /<alice@example\.org>$/);
    const parsed = await simpleParser(Buffer.from(high.raw));
    assert.equal((parsed.headers.get('disposition-notification-to') as AddressObject | undefined)?.value[0]?.name, 'Ålice Ørsted');
    const low = await composeMessage(sampleMessage({ priority: 'low' }));
    assert.match(header(low.raw), /^X-Priority: 5 \(Lowest\)$/m);
    assert.match(header(low.raw), /^Importance: Low$/m);
    assert.doesNotMatch(header(low.raw), /^Disposition-Notification-To:/im);
    const normal = await composeMessage(sampleMessage({ priority: 'normal', requestReadReceipt: false }));
    assert.doesNotMatch(header(normal.raw), /^(X-Priority|Importance|Disposition-Notification-To):/im);
  });

  test('the Outbox can fix the Message-ID, In-Reply-To and References', async () => {
    const composed = await composeMessage(
      sampleMessage({ messageId: '<fixed.1@example.test>', inReplyTo: '<orig@example.test>', references: ['<a@example.test>', '<orig@example.test>'] }),
    );
    assert.equal(composed.messageId, '<fixed.1@example.test>');
    const headers = headerBlock(composed.raw);
    assert.match(headers, /^In-Reply-To: <orig@example\.test>$/m);
    assert.match(headers, /^References: <a@example\.test> <orig@example\.test>$/m);
  });

  const HOSTILE_SUBJECTS = ['Hi\r\nBcc: victim@example.test', 'Hi\nX-Injected: 1', 'Hi\rX: 1', 'Hi\u0000', 'Hi\u0085X: 1', 'Hi\u2028X: 1', 'Tab\there'];
  for (const subject of HOSTILE_SUBJECTS) {
    test(`a subject with a control character is refused: ${JSON.stringify(subject)}`, async () => {
      assert.match(await refused({ subject }), /subject/);
    });
  }

  const HOSTILE_ADDRESSES = [
    'bob@example.test>\r\nRCPT TO:<victim@example.test',
    'bob@example.test\r\n',
    'bob@exa mple.test',
    'bob@example.test, victim@example.test',
    '<bob@example.test>',
    'bob@[127.0.0.1',
    'bo"b@example.test',
    '"unterminated@example.test',
    `${'x'.repeat(65)}@example.test`,
    'bob@-example.test',
    'bob@example..test',
    'bob\u202e@example.test',
    '@example.test',
    'bob@',
  ];
  for (const address of HOSTILE_ADDRESSES) {
    test(`a hostile recipient is refused: ${JSON.stringify(address)}`, async () => {
      assert.match(await refused({ to: [{ address }] }), /To address 1: /);
    });
  }

  test('hostile display names and file names are refused', async () => {
    assert.match(await refused({ from: { name: 'Alice\r\nBcc: x@example.test', address: 'alice@example.test' } }), /the sender: /);
    assert.match(await refused({ to: [{ name: 'Bob\n', address: 'bob@example.test' }] }), /To address 1: /);
    const content = new Uint8Array([1]);
    assert.match(await refused({ attachments: [{ fileName: 'a\r\nContent-Type: text/html', contentType: 'text/plain', content }] }), /attachment 1/);
    assert.match(await refused({ attachments: [{ fileName: '../../etc/passwd', contentType: 'text/plain', content }] }), /attachment 1/);
    assert.match(await refused({ attachments: [{ fileName: 'x.txt', contentType: 'text/plain\r\nX: 1', content }] }), /attachment 1/);
  });

  test('attachments arrive only as bytes: a path or URL is refused, never read', async () => {
    const withPath = { fileName: 'passwd', contentType: 'text/plain', path: '/etc/passwd' } as unknown as {
      fileName: string;
      contentType: string;
      content: Uint8Array;
    };
    assert.match(await refused({ attachments: [withPath] }), /attachment 1/);
    const withUrl = { fileName: 'x', contentType: 'text/plain', content: new Uint8Array(), href: 'http://127.0.0.1/' } as unknown as {
      fileName: string;
      contentType: string;
      content: Uint8Array;
    };
    assert.match(await refused({ attachments: [withUrl] }), /attachment 1/);
  });

  test('no recipients, or no body, is refused', async () => {
    assert.match(await refused({ to: [] }), /the recipients: no recipient/);
    assert.match(await refused({ text: undefined }), /text/);
  });

  test('the same recipient in To and Bcc is sent to once', async () => {
    const composed = await composeMessage(sampleMessage({ bcc: [{ address: 'BOB@example.test'.replace('BOB', 'bob') }] }));
    assert.deepEqual(composed.envelope.to, ['bob@example.test']);
  });
});
