import assert from 'node:assert/strict';
import { test } from 'node:test';
import { NO_CAPABILITIES, parseCapabilities } from '../../../../electron/protocols/pop3/capabilities';

test('parses every capability Mailbag understands (RFC 2449 §6)', () => {
  const capabilities = parseCapabilities([
    'TOP',
    'USER',
    'SASL PLAIN scram-sha-256 PLAIN',
    'RESP-CODES',
    'AUTH-RESP-CODE',
    'PIPELINING',
    'LOGIN-DELAY 900',
    'EXPIRE 60 USER',
    'UIDL',
    'STLS',
    'UTF8 USER',
    'IMPLEMENTATION Shlemazle-Plotz-v302',
    'X-UNKNOWN thing',
  ]);
  assert.equal(capabilities.announced, true);
  assert.equal(capabilities.top && capabilities.user && capabilities.uidl && capabilities.stls, true);
  assert.deepEqual(capabilities.sasl, ['PLAIN', 'SCRAM-SHA-256']);
  assert.equal(capabilities.respCodes && capabilities.authRespCode && capabilities.pipelining && capabilities.utf8, true);
  assert.equal(capabilities.loginDelaySeconds, 900);
  assert.equal(capabilities.expire, 60);
  assert.equal(capabilities.implementation, 'Shlemazle-Plotz-v302');
  assert.equal(capabilities.lines.length, 13);
});

test('EXPIRE NEVER and malformed numbers', () => {
  assert.equal(parseCapabilities(['EXPIRE NEVER']).expire, 'never');
  assert.equal(parseCapabilities(['EXPIRE soon', 'LOGIN-DELAY -1']).expire, null);
  assert.equal(parseCapabilities(['LOGIN-DELAY x']).loginDelaySeconds, null);
});

test('a server without CAPA has nothing announced', () => {
  assert.equal(NO_CAPABILITIES.announced, false);
  assert.equal(NO_CAPABILITIES.pipelining, false);
  assert.deepEqual(parseCapabilities([]).sasl, []);
});
