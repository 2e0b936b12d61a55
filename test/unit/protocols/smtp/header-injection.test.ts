/**
 * Hostile but valid input — names full of quotes, commas, angle brackets, encoded-word look-alikes and
 * header-like text — goes through compose and send: re-parsed with mailparser the message has exactly
 * the intended headers, and the server saw exactly the intended RCPTs.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { simpleParser } from 'mailparser';
import { composeMessage, sendMessage } from '../../../../electron/protocols/smtp';
import { startFakeSmtpServer } from '../../../fakes/smtp-server';
import { fakeConnection, UNIT_TEST_TIMEOUT_MS } from './helpers';

const HOSTILE_NAMES = [
  'Bcc: victim@example.test',
  '"Quoted" <evil@example.test>, other@example.test',
  'Semi; colon: group, "x"',
  '\\"backslash\\',
  'Ünïcödé — 名前',
];

describe('header injection', { timeout: UNIT_TEST_TIMEOUT_MS }, () => {
  test('a display name that readers would decode as an encoded word is refused', async () => {
    await assert.rejects(
      composeMessage({
        from: { address: 'alice@example.test' },
        to: [{ name: '=?UTF-8?Q?Bcc=3A_victim=40example.test?=', address: 'b@example.test' }],
        subject: 's',
        text: 't',
      }),
      (error: Error & { code?: string }) => error.code === 'VALIDATION' && /encoded text/.test(error.message),
    );
  });

  test('hostile names and subjects stay inside their own fields, and only the intended RCPTs are sent', async () => {
    const to = HOSTILE_NAMES.map((name, index) => ({ name, address: `to${index}@example.test` }));
    const composed = await composeMessage({
      from: { name: 'Reply-To: evil@example.test', address: 'alice@example.test' },
      to,
      bcc: [{ name: 'Hidden', address: 'hidden@example.test' }],
      subject: 'Subject with Bcc: victim@example.test and =?UTF-8?B?QmNjOg==?= inside',
      text: 'Body\r\nBcc: not-a-header@example.test\r\n.\r\n',
    });
    const parsed = await simpleParser(Buffer.from(composed.raw));
    assert.deepEqual([...parsed.headers.keys()].sort(), [
      'content-transfer-encoding',
      'content-type',
      'date',
      'from',
      'message-id',
      'mime-version',
      'subject',
      'to',
    ]);
    assert.equal(parsed.subject, 'Subject with Bcc: victim@example.test and =?UTF-8?B?QmNjOg==?= inside');
    assert.equal(parsed.from?.value[0]?.name, 'Reply-To: evil@example.test');
    const toValue = Array.isArray(parsed.to) ? parsed.to.flatMap((item) => item.value) : (parsed.to?.value ?? []);
    assert.deepEqual(
      toValue.map((entry) => [entry.name, entry.address]),
      to.map((entry) => [entry.name, entry.address]),
    );

    const server = await startFakeSmtpServer({ extensions: ['8BITMIME'] });
    try {
      const outcome = await sendMessage({ connection: fakeConnection(server), message: composed });
      assert.equal(outcome.kind, 'sent');
      assert.deepEqual(server.transactions[0]?.recipients, [...to.map((entry) => entry.address), 'hidden@example.test']);
      assert.equal(server.transactions[0]?.from, 'alice@example.test');
      assert.deepEqual(server.lines.filter((line) => /^(MAIL|RCPT)/.test(line)).length, to.length + 2);
      assert.ok(server.transactions[0]?.data?.equals(Buffer.from(composed.raw)), 'the body line starting with "." was stuffed and unstuffed');
    } finally {
      await server.close();
    }
  });
});
