/**
 * Sending through a real Postfix (SASL by Dovecot, delivery by LMTP into Dovecot) and reading back what
 * arrived: over POP3 with Mailbag's own engine for the round trip, and from the maildir for the rest.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { simpleParser } from 'mailparser';
import { composeMessage, probeSmtp, sendMessage, type TranscriptEntry } from '../../../electron/protocols/smtp';
import { REJECTED_RECIPIENT, startPostfix, type PostfixServer } from '../../servers/postfix';
import { MemorySink, openMailbox } from '../pop3/support';
import { accountCredentials, POSTFIX_TEST_TIMEOUT_MS, postfixConnection } from './support';

/** Small enough that a test can exceed it cheaply, large enough for every other message here. */
const SIZE_LIMIT = 200_000;

function headerBlock(message: Buffer): string {
  const text = message.toString('latin1');
  return text.slice(0, text.indexOf('\r\n\r\n'));
}

describe('sending through Postfix', { timeout: POSTFIX_TEST_TIMEOUT_MS }, () => {
  let server: PostfixServer;
  let delivered = 0;
  before(async () => {
    server = await startPostfix({ messageSizeLimit: SIZE_LIMIT });
  });
  after(() => server?.stop());

  /** Waits for `count` more deliveries and returns them. */
  async function nextDeliveries(count: number): Promise<Buffer[]> {
    const all = await server.waitForDeliveries(delivered + count);
    const fresh = all.slice(delivered);
    delivered = all.length;
    return fresh;
  }

  test('alice sends to bob with Bcc carol; bob receives it over POP3 exactly as composed, Bcc absent', async () => {
    const attachment = new Uint8Array(50_000).map((_, index) => (index * 31 + 7) % 256);
    const composed = await composeMessage({
      from: { name: 'Alice Ørsted', address: 'alice@example.test' },
      to: [{ name: 'Bob “the builder”', address: 'bob@example.test' }],
      bcc: [{ name: 'Carol', address: 'carol@example.test' }],
      subject: 'Quarterly numbers — Übersicht ✓',
      text: 'Hi Bob,\n.\n..leading dots survive\nGrüße\n',
      html: '<p>Hi Bob, <b>Grüße</b></p>',
      attachments: [{ fileName: 'Zahlen für Q3 – final.bin', contentType: 'application/octet-stream', content: attachment }],
    });
    const transcript: TranscriptEntry[] = [];
    const outcome = await sendMessage({
      connection: postfixConnection(server, 'starttls', {}, transcript),
      credentials: accountCredentials(server),
      message: composed,
    });
    assert.equal(outcome.kind, 'sent', JSON.stringify(outcome));
    assert.deepEqual(
      outcome.recipients.map((recipient) => [recipient.address, recipient.status]),
      [
        ['bob@example.test', 'accepted'],
        ['carol@example.test', 'accepted'],
      ],
    );
    assert.doesNotMatch(transcript.map((entry) => entry.text).join('\n'), new RegExp(Buffer.from(`\0${server.user}\0${server.password}`).toString('base64')));
    await nextDeliveries(2);

    // The round trip: receive with the POP3 engine from the Dovecot the message was delivered into.
    const session = await openMailbox(server.dovecot, 'starttls');
    const received: Buffer[] = [];
    try {
      const { count } = await session.stat();
      for (let number = count - 1; number <= count; number += 1) {
        const sink = new MemorySink();
        await session.retr(number, sink);
        received.push(sink.bytes());
      }
    } finally {
      await session.quit();
    }
    for (const message of received) {
      const body = message.subarray(message.indexOf('\r\n\r\n') + 4);
      const composedBody = Buffer.from(composed.raw).subarray(Buffer.from(composed.raw).indexOf('\r\n\r\n') + 4);
      assert.ok(body.equals(composedBody), 'the body arrived byte for byte');
      assert.doesNotMatch(headerBlock(message), /^bcc:/im);
      assert.doesNotMatch(headerBlock(message), /carol/i);
      const parsed = await simpleParser(message);
      assert.equal(parsed.subject, 'Quarterly numbers — Übersicht ✓');
      assert.equal(parsed.messageId, composed.messageId);
      assert.equal(parsed.from?.value[0]?.name, 'Alice Ørsted');
      assert.equal(parsed.text, 'Hi Bob,\n.\n..leading dots survive\nGrüße\n');
      assert.equal(parsed.attachments[0]?.filename, 'Zahlen für Q3 – final.bin');
      assert.deepEqual(new Uint8Array(parsed.attachments[0]?.content ?? []), attachment);
    }
  });

  test('a refused and an unknown recipient are reported while the known one receives the message', async () => {
    const composed = await composeMessage({
      from: { address: 'alice@example.test' },
      to: [{ address: REJECTED_RECIPIENT }, { address: 'dave@example.test' }, { address: 'nobody@example.test' }],
      subject: 'partial',
      text: 'partial\n',
    });
    const outcome = await sendMessage({ connection: postfixConnection(server, 'tls'), credentials: accountCredentials(server), message: composed });
    assert.equal(outcome.kind, 'partial', JSON.stringify(outcome));
    assert.deepEqual(
      outcome.recipients.map((recipient) => [recipient.address, recipient.status, recipient.error?.responseCode]),
      [
        [REJECTED_RECIPIENT, 'refused', 550],
        ['dave@example.test', 'accepted', undefined],
        ['nobody@example.test', 'refused', 550],
      ],
    );
    const [message] = await nextDeliveries(1);
    assert.match(headerBlock(message ?? Buffer.alloc(0)), /^Subject: partial$/m);
    // The retry the Outbox would make sends only to the refused ones, never again to dave.
    const accepted = outcome.recipients.filter((recipient) => recipient.status === 'accepted').map((recipient) => recipient.address);
    const retry = await sendMessage({
      connection: postfixConnection(server, 'tls'),
      credentials: accountCredentials(server),
      message: composed,
      skipRecipients: accepted,
    });
    assert.equal(retry.kind, 'failed');
    assert.deepEqual(
      retry.recipients.map((recipient) => recipient.status),
      ['refused', 'skipped', 'refused'],
    );
  });

  test('the SIZE limit is learned from EHLO, and a larger message is refused before MAIL FROM', async () => {
    const probe = await probeSmtp(postfixConnection(server, 'starttls'), accountCredentials(server));
    assert.ok(probe.ok, JSON.stringify(probe));
    assert.equal(probe.server.maxMessageSize, SIZE_LIMIT);
    assert.ok(probe.server.extensions.includes('SMTPUTF8'));
    const composed = await composeMessage({
      from: { address: 'alice@example.test' },
      to: [{ address: 'bob@example.test' }],
      subject: 'too large',
      text: 'x',
      attachments: [{ fileName: 'big.bin', contentType: 'application/octet-stream', content: new Uint8Array(SIZE_LIMIT) }],
    });
    const transcript: TranscriptEntry[] = [];
    const outcome = await sendMessage({
      connection: postfixConnection(server, 'starttls', {}, transcript),
      credentials: accountCredentials(server),
      message: composed,
    });
    assert.equal(outcome.kind, 'failed');
    if (outcome.kind !== 'failed') return;
    assert.equal(outcome.error.code, 'SERVER_PERMANENT');
    assert.equal(outcome.server?.maxMessageSize, SIZE_LIMIT);
    assert.equal(
      transcript.some((entry) => entry.direction === 'client' && entry.text.startsWith('MAIL FROM')),
      false,
    );
  });

  test('an internationalized recipient is carried with SMTPUTF8', async () => {
    const composed = await composeMessage({
      from: { address: 'alice@example.test' },
      to: [{ name: 'Bob', address: 'bob@EXAMPLE.test' }],
      cc: [{ address: 'jörg@example.test' }],
      subject: 'utf8',
      text: 'utf8\n',
    });
    const transcript: TranscriptEntry[] = [];
    const outcome = await sendMessage({
      connection: postfixConnection(server, 'starttls', {}, transcript),
      credentials: accountCredentials(server),
      message: composed,
    });
    // jörg has no mailbox, so Postfix refuses him at RCPT, after accepting SMTPUTF8 for the transaction.
    assert.equal(outcome.kind, 'partial', JSON.stringify(outcome));
    assert.ok(transcript.some((entry) => entry.direction === 'client' && /^MAIL FROM:.* SMTPUTF8/.test(entry.text)));
    // Not waited for: Dovecot 2.3's LMTP does not offer SMTPUTF8, so Postfix bounces the delivery.
    assert.match(outcome.response ?? '', /^250 /);
  });
});
