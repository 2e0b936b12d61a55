/**
 * A read receipt (RFC 8098) sent through a real Postfix arrives as built: multipart/report with
 * report-type=disposition-notification, the human-readable part and the machine-readable
 * message/disposition-notification part naming the original message and the recipient — sent with
 * the null reverse-path (`MAIL FROM:<>`, RFC 5321 §4.5.5), which Postfix takes from a signed-in user
 * and Dovecot records as `Return-Path: <>`.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { simpleParser } from 'mailparser';
import { buildReadReceipt, sendMessage } from '../../../electron/protocols/smtp';
import { NULL_REVERSE_PATH } from '../../../shared/mail/outgoing';
import { startPostfix, TEST_DOMAIN, type PostfixServer } from '../../servers/postfix';
import { accountCredentials, POSTFIX_TEST_TIMEOUT_MS, postfixConnection } from './support';

let server: PostfixServer;

before(async () => {
  server = await startPostfix();
});
after(() => server?.stop());

test('a read receipt arrives as multipart/report with its disposition notification', { timeout: POSTFIX_TEST_TIMEOUT_MS }, async () => {
  const alice = { name: 'Alice Ørsted', address: `alice@${TEST_DOMAIN}`, envelope: `alice@${TEST_DOMAIN}`, needsSmtpUtf8: false };
  const bob = { name: undefined, address: `bob@${TEST_DOMAIN}`, envelope: `bob@${TEST_DOMAIN}`, needsSmtpUtf8: false };
  const raw = buildReadReceipt({
    from: alice,
    to: bob,
    originalMessageId: `<plans-1@${TEST_DOMAIN}>`,
    originalSubject: 'Plans — Übersicht',
    date: Date.now(),
    boundary: 'mdn-integration',
  });
  const before = (await server.listDelivered()).length;
  const outcome = await sendMessage({
    connection: postfixConnection(server, 'starttls'),
    credentials: accountCredentials(server),
    message: {
      raw: new Uint8Array(Buffer.from(raw, 'latin1')),
      envelope: { from: NULL_REVERSE_PATH, to: [bob.envelope], needsSmtpUtf8: false },
      eightBit: false,
    },
  });
  assert.equal(outcome.kind, 'sent', JSON.stringify(outcome));
  const [delivered] = (await server.waitForDeliveries(before + 1)).slice(before);
  assert.ok(delivered !== undefined);
  const text = delivered.toString('latin1').replace(/\r\n/g, '\n');
  assert.match(text, /^Return-Path: <>$/m, 'the envelope sender was empty');
  assert.match(text, /^Content-Type: multipart\/report; report-type=disposition-notification; boundary="mdn-integration"$/m);
  assert.match(text, /^Content-Type: message\/disposition-notification$/m);
  assert.match(text, /^Original-Message-ID: <plans-1@example\.test>$/m);
  assert.match(text, /^Final-Recipient: rfc822;alice@example\.test$/m);
  assert.match(text, /^Disposition: manual-action\/MDN-sent-manually; displayed$/m);
  const parsed = await simpleParser(delivered);
  assert.equal(parsed.subject, 'Read: Plans — Übersicht');
  assert.equal(parsed.from?.value[0]?.name, 'Alice Ørsted');
  assert.equal(parsed.inReplyTo, `<plans-1@${TEST_DOMAIN}>`);
});
