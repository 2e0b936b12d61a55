import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chooseMechanisms } from '../../../../../electron/protocols/pop3/auth/mechanisms';
import { NO_CAPABILITIES, parseCapabilities } from '../../../../../electron/protocols/pop3/capabilities';

const everything = parseCapabilities(['USER', 'SASL PLAIN LOGIN CRAM-MD5 SCRAM-SHA-1 SCRAM-SHA-256 XOAUTH2 OAUTHBEARER']);

test('over TLS: SCRAM first, PLAIN before the challenge-response methods, APOP after USER', () => {
  assert.deepEqual(chooseMechanisms({ username: 'u', password: 'p' }, { capabilities: everything, apopTimestamp: '<1@x>', encrypted: true }), [
    'SCRAM-SHA-256',
    'SCRAM-SHA-1',
    'PLAIN',
    'CRAM-MD5',
    'LOGIN',
    'USER',
    'APOP',
  ]);
});

test('over TLS a greeting timestamp does not put APOP before USER/PASS (servers without CAPA)', () => {
  const context = { capabilities: NO_CAPABILITIES, apopTimestamp: '<1@x>', encrypted: true };
  assert.deepEqual(chooseMechanisms({ username: 'u', password: 'p' }, context), ['USER', 'APOP']);
});

test('unencrypted (when allowed): methods that hide the password come first', () => {
  assert.deepEqual(chooseMechanisms({ username: 'u', password: 'p' }, { capabilities: everything, apopTimestamp: undefined, encrypted: false }), [
    'SCRAM-SHA-256',
    'SCRAM-SHA-1',
    'CRAM-MD5',
    'PLAIN',
    'LOGIN',
    'USER',
  ]);
});

test('tokens use the OAuth mechanisms only, and only if offered', () => {
  assert.deepEqual(chooseMechanisms({ username: 'u', oauth2Token: 't' }, { capabilities: everything, apopTimestamp: undefined, encrypted: true }), [
    'OAUTHBEARER',
    'XOAUTH2',
  ]);
  assert.deepEqual(
    chooseMechanisms({ username: 'u', oauth2Token: 't' }, { capabilities: parseCapabilities(['SASL PLAIN']), apopTimestamp: undefined, encrypted: true }),
    [],
  );
});

test('a server without CAPA gets USER and APOP, and explicit SASL choices', () => {
  const context = { capabilities: NO_CAPABILITIES, apopTimestamp: '<1@x>', encrypted: false };
  assert.deepEqual(chooseMechanisms({ username: 'u', password: 'p' }, context), ['APOP', 'USER']);
  assert.deepEqual(chooseMechanisms({ username: 'u', password: 'p', mechanisms: ['PLAIN', 'USER'] }, context), ['PLAIN', 'USER']);
});

test('an explicit list restricts and orders, skipping what the server does not offer', () => {
  assert.deepEqual(
    chooseMechanisms(
      { username: 'u', password: 'p', mechanisms: ['USER', 'PLAIN', 'APOP'] },
      { capabilities: everything, apopTimestamp: undefined, encrypted: true },
    ),
    ['USER', 'PLAIN'],
  );
});
