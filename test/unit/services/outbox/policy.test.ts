import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeSmtpError } from '../../../../electron/services/outbox/policy';

test("an SMTP failure quotes the server's reply once: appended when the words lack it, not repeated when they hold it", () => {
  const reply = '550 5.7.1 <reject@example.test>: Recipient address rejected';
  assert.equal(
    describeSmtpError({ code: 'SERVER_PERMANENT', message: 'The message was refused.', retryable: false, response: reply }),
    `The message was refused. The server said: ${reply}`,
  );
  assert.equal(
    describeSmtpError({ code: 'SERVER_PERMANENT', message: `The server refused RCPT TO: ${reply}`, retryable: false, response: reply }),
    `The server refused RCPT TO: ${reply}`,
  );
  assert.equal(describeSmtpError({ code: 'NETWORK', message: 'The connection was lost.', retryable: true }), 'The connection was lost.');
});
