/**
 * POP3 and SMTP errors share one base: the code from the shared table, the server's answer quoted for
 * people in the detail (the raw answer kept), the command verb, and the table's retry hint unless the
 * engine knows better.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Pop3Error } from '../../../electron/protocols/pop3/errors';
import { SessionError } from '../../../electron/protocols/session-error';
import { SmtpError } from '../../../electron/protocols/smtp/errors';
import { MailbagError } from '../../../shared/errors';

test('both engines quote the server the same way and keep its raw words', () => {
  const hostile = '-ERR [IN-USE] locked \u001b[2J by another session';
  const pop3 = new Pop3Error('MAILBOX_BUSY', 'Busy.', { response: hostile, command: 'PASS', responseCode: 'IN-USE' });
  const smtp = new SmtpError('SERVER_PERMANENT', 'Refused.', { response: '550 5.1.1 \u001b[2J no such user', command: 'RCPT TO' });
  for (const error of [pop3, smtp]) {
    assert.ok(error instanceof SessionError && error instanceof MailbagError);
    assert.match(error.detail ?? '', /^Server said: /);
    assert.equal(error.detail?.includes('\u001b'), false, 'control characters are shown, never sent to a terminal');
  }
  assert.equal(pop3.response, hostile);
  assert.equal(pop3.command, 'PASS');
  assert.equal(smtp.command, 'RCPT TO');
  assert.equal(smtp.responseCode, 550);
  assert.equal(smtp.enhancedStatus, '5.1.1');
});

test('the retry hint comes from the table unless the engine says otherwise', () => {
  assert.equal(new Pop3Error('MAILBOX_BUSY', 'Busy.').retryable, true);
  assert.equal(new Pop3Error('AUTH_FAILED', 'No.').retryable, false);
  assert.equal(new Pop3Error('AUTH_FAILED', 'Wait.', { retryable: true }).retryable, true);
  assert.equal(new SmtpError('NETWORK', 'Down.').retryable, true);
  assert.equal(new SmtpError('NETWORK', 'Down.', { retryable: false }).retryable, false);
});

test('without a server answer the detail is the system’s words; the certificate fingerprint is kept', () => {
  const pop3 = new Pop3Error('NETWORK', 'Refused.', { technical: 'connect ECONNREFUSED 127.0.0.1:995' });
  const smtp = new SmtpError('TLS_CERTIFICATE', 'Untrusted.', { technical: 'SELF_SIGNED_CERT_IN_CHAIN', certificateFingerprint256: 'AB'.repeat(32) });
  assert.equal(pop3.detail, 'connect ECONNREFUSED 127.0.0.1:995');
  assert.equal(smtp.detail, 'SELF_SIGNED_CERT_IN_CHAIN');
  assert.equal(smtp.certificateFingerprint256, 'AB'.repeat(32));
  assert.equal(new Pop3Error('CANCELLED', 'Stopped.').detail, undefined);
});
