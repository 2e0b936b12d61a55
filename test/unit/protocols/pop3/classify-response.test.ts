import assert from 'node:assert/strict';
import { test } from 'node:test';
import { errorFromResponse, type Pop3ErrorPhase } from '../../../../electron/protocols/pop3/classify-response';
import { parseStatusLine } from '../../../../electron/protocols/pop3/status-line';

function classify(line: string, phase: Pop3ErrorPhase = 'authentication'): { code: string; retryable: boolean } {
  const status = parseStatusLine(line);
  assert.ok(status);
  const error = errorFromResponse(status, line, phase, 'PASS');
  assert.equal(error.command, 'PASS');
  assert.equal(error.response, line);
  return { code: error.code, retryable: error.retryable };
}

test('response codes decide (RFC 2449 §8, RFC 3206)', () => {
  assert.deepEqual(classify('-ERR [IN-USE] Mailbox locked'), { code: 'MAILBOX_BUSY', retryable: true });
  assert.deepEqual(classify('-ERR [LOGIN-DELAY] Wait 15 minutes'), { code: 'MAILBOX_BUSY', retryable: true });
  assert.deepEqual(classify('-ERR [SYS/TEMP] Disk full'), { code: 'SERVER_TEMPORARY', retryable: true });
  assert.deepEqual(classify('-ERR [SYS/PERM] Account disabled'), { code: 'SERVER_PERMANENT', retryable: false });
  assert.deepEqual(classify('-ERR [AUTH] Authentication failed'), { code: 'AUTH_FAILED', retryable: false });
  assert.equal(classify('-ERR [SYS/TEMP/QUOTA] later').code, 'SERVER_TEMPORARY');
});

test('a code beats misleading words', () => {
  assert.equal(classify('-ERR [IN-USE] invalid password or mailbox locked').code, 'MAILBOX_BUSY');
});

test('without codes, only clear words about credentials mean a wrong password', () => {
  assert.equal(classify('-ERR Invalid password').code, 'AUTH_FAILED');
  assert.equal(classify('-ERR Authentication failed.').code, 'AUTH_FAILED');
  assert.equal(classify('-ERR').code, 'SERVER_PERMANENT');
  assert.equal(classify('-ERR Unable to log in').code, 'SERVER_PERMANENT');
  assert.equal(classify('-ERR Maildrop already locked').code, 'MAILBOX_BUSY');
  assert.equal(classify('-ERR Mailbox in use, password ok').code, 'MAILBOX_BUSY');
  assert.equal(classify('-ERR Temporary failure, try again later').code, 'SERVER_TEMPORARY');
  assert.equal(classify('-ERR Logged in too soon').code, 'MAILBOX_BUSY');
});

test('the phase gives unexplained refusals their meaning', () => {
  assert.equal(classify('-ERR go away', 'greeting').code, 'SERVER_TEMPORARY');
  assert.equal(classify('-ERR not now', 'tls').code, 'TLS_REQUIRED');
  assert.equal(classify('-ERR no such message', 'transaction').code, 'SERVER_PERMANENT');
  assert.equal(classify('-ERR password', 'transaction').code, 'SERVER_PERMANENT');
  assert.equal(classify('-ERR some deleted messages not removed', 'update').code, 'SERVER_TEMPORARY');
});
