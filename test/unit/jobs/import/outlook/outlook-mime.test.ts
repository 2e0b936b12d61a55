/**
 * Rebuilding an Outlook item as RFC 5322: transport headers kept as they arrived with the body fields
 * taken from the rebuilt body, a header built from the properties when there are none (an Exchange-only
 * sender kept by name), attachments and attached items as MIME parts, and the same bytes on every run.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { simpleParser } from 'mailparser';
import { buildOutlookMessage, isAnswered, RECIPIENT_TYPE, type OutlookItem } from '../../../../../electron/jobs/import/outlook/outlook-mime';

function item(overrides: Partial<OutlookItem> = {}): OutlookItem {
  return {
    transportHeaders: '',
    from: { name: 'Zoë Outlook', address: 'zoe@example.com' },
    recipients: [
      { name: 'Ann', address: 'ann@example.com', type: RECIPIENT_TYPE.to },
      { name: 'שרה כהן', address: 'sara@example.co.il', type: RECIPIENT_TYPE.cc },
      { name: 'Hidden', address: 'hidden@example.com', type: RECIPIENT_TYPE.bcc },
    ],
    subject: 'Quarterly — résumé עברית',
    date: new Date(Date.UTC(2021, 7, 12, 20, 16, 7)),
    messageId: '',
    inReplyTo: '',
    text: Array.from({ length: 300 }, (_, index) => `line ${index} — שלום`).join('\n'),
    html: '',
    rtf: '',
    attachments: [],
    read: true,
    lastVerb: 0,
    ...overrides,
  };
}

describe('Outlook item to RFC 5322', () => {
  test('a header built from the properties: sender, To and Cc (never Bcc), subject, date, a stable Message-ID', async () => {
    const bytes = await buildOutlookMessage(item());
    const again = await buildOutlookMessage(item());
    assert.deepEqual(bytes, again, 'the same item gives the same bytes');
    assert.ok(!bytes.includes('hidden@example.com'), 'Bcc recipients are not written');
    const parsed = await simpleParser(bytes);
    assert.equal(parsed.from?.value[0]?.address, 'zoe@example.com');
    assert.equal(parsed.from?.value[0]?.name, 'Zoë Outlook');
    assert.equal(parsed.subject, 'Quarterly — résumé עברית');
    assert.equal(parsed.date?.toISOString(), '2021-08-12T20:16:07.000Z');
    assert.match(parsed.messageId ?? '', /@outlook-import\.invalid>$/);
    const cc = Array.isArray(parsed.cc) ? parsed.cc[0] : parsed.cc;
    assert.equal(cc?.value[0]?.name, 'שרה כהן');
    assert.equal(parsed.text?.split('\n').length, 300);
    assert.ok(bytes.subarray(-2).equals(Buffer.from('\r\n')));
    assert.ok(!/[^\r]\n/.test(bytes.toString('latin1')), 'CRLF line ends only');
  });

  test('transport headers are kept exactly, and the body fields come from the rebuilt body', async () => {
    const transportHeaders = [
      'Received: from mx.example.com by mail.example.net;',
      '\tThu, 12 Aug 2021 20:16:07 +0000',
      'From: Sender <sender@example.com>',
      'Subject: =?utf-8?q?Caf=C3=A9?=',
      'Message-ID: <original@example.com>',
      'MIME-Version: 1.0',
      'Content-Type: multipart/alternative; boundary="gone"',
      'X-Custom: kept',
      '',
    ].join('\r\n');
    const bytes = await buildOutlookMessage(item({ transportHeaders, html: '<p>Hello <b>world</b></p>' }));
    const text = bytes.toString('utf8');
    const head = text.slice(0, text.indexOf('\r\n\r\n'));
    assert.ok(
      head.startsWith('Received: from mx.example.com by mail.example.net;\r\n\tThu, 12 Aug 2021 20:16:07 +0000\r\nFrom: Sender <sender@example.com>\r\n'),
    );
    assert.match(head, /^X-Custom: kept$/m);
    assert.ok(!head.includes('boundary="gone"'));
    assert.equal(head.match(/^MIME-Version:/gim)?.length, 1);
    const parsed = await simpleParser(bytes);
    assert.equal(parsed.messageId, '<original@example.com>');
    assert.equal(parsed.subject, 'Café');
    assert.equal(parsed.html, '<p>Hello <b>world</b></p>');
    assert.match(parsed.text ?? '', /line 299/);
  });

  test('an Exchange-only sender is kept by name; attachments and attached items become parts', async () => {
    const inner = item({ subject: 'Inner message', attachments: [] });
    const bytes = await buildOutlookMessage(
      item({
        from: { name: 'Lee, Dennis', address: '/O=ENRON/OU=NA/CN=RECIPIENTS/CN=DLEE' },
        attachments: [
          { kind: 'file', fileName: 'report ü.pdf', contentType: 'application/pdf', contentId: '', content: Buffer.from('%PDF-1.4 bytes\x00\xff') },
          { kind: 'message', fileName: 'Inner message.eml', message: inner },
        ],
      }),
    );
    const text = bytes.toString('latin1');
    assert.match(text, /^From: "Lee, Dennis" :;$/m);
    assert.ok(!text.includes('/O=ENRON'));
    const parsed = await simpleParser(bytes);
    const pdf = parsed.attachments.find((attachment) => attachment.contentType === 'application/pdf');
    assert.equal(pdf?.filename, 'report ü.pdf');
    assert.deepEqual(pdf?.content, Buffer.from('%PDF-1.4 bytes\x00\xff'));
    const attached = parsed.attachments.find((attachment) => attachment.contentType === 'message/rfc822');
    assert.ok(attached !== undefined, 'the attached item is a message/rfc822 part');
    assert.equal((await simpleParser(attached.content)).subject, 'Inner message');
  });

  test('an item with only an RTF body keeps it as an attachment; replies count as answered', async () => {
    const rtf = '{\\rtf1\\ansi Hello}';
    const parsed = await simpleParser(await buildOutlookMessage(item({ text: '', rtf })));
    assert.equal(parsed.attachments[0]?.contentType, 'text/rtf');
    assert.equal(parsed.attachments[0]?.content.toString(), rtf);
    assert.equal(isAnswered(item({ lastVerb: 102 })), true);
    assert.equal(isAnswered(item({ lastVerb: 103 })), true);
    assert.equal(isAnswered(item({ lastVerb: 104 })), false);
  });
});
