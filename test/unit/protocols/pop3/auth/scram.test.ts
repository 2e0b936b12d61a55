import assert from 'node:assert/strict';
import { test } from 'node:test';
import { scramClient } from '../../../../../electron/protocols/pop3/auth/scram';
import { SaslProtocolError } from '../../../../../electron/protocols/pop3/auth/sasl-client';

test('SCRAM-SHA-1 matches the RFC 5802 §5 example and verifies the server', async () => {
  const client = scramClient('sha1', 'user', 'pencil', 'fyko+d2lbbFgONRv9qkxdawL');
  assert.equal(client.initialResponse()?.toString(), 'n,,n=user,r=fyko+d2lbbFgONRv9qkxdawL');
  const final = await client.respond(Buffer.from('r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096'));
  assert.equal(final.toString(), 'c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,p=v0X8v3Bz2T0CJGbJQyF0X+HI4Ts=');
  assert.equal((await client.respond(Buffer.from('v=rmF9pqV8S7suAoZWja4dJRkFsKQ='))).length, 0);
  client.verifySuccess();
});

test('SCRAM-SHA-256 matches the RFC 7677 §3 example', async () => {
  const client = scramClient('sha256', 'user', 'pencil', 'rOprNGfwEbeRWgbNEkqO');
  const final = await client.respond(Buffer.from('r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096'));
  assert.equal(final.toString(), 'c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=');
  await client.respond(Buffer.from('v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4='));
  client.verifySuccess();
});

test('refuses a wrong server signature, and success without one', async () => {
  const client = scramClient('sha256', 'user', 'pencil', 'rOprNGfwEbeRWgbNEkqO');
  await client.respond(Buffer.from('r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096'));
  await assert.rejects(client.respond(Buffer.from('v=AAAATRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=')), SaslProtocolError);
  assert.throws(() => client.verifySuccess(), SaslProtocolError);
});

test('refuses a nonce the server did not extend and absurd iteration counts', async () => {
  await assert.rejects(scramClient('sha1', 'u', 'p', 'abc').respond(Buffer.from('r=xyz123,s=QSXCR+Q6sek8bf92,i=4096')), SaslProtocolError);
  await assert.rejects(scramClient('sha1', 'u', 'p', 'abc').respond(Buffer.from('r=abc,s=QSXCR+Q6sek8bf92,i=4096')), SaslProtocolError);
  await assert.rejects(scramClient('sha1', 'u', 'p', 'abc').respond(Buffer.from('r=abcd,s=QSXCR+Q6sek8bf92,i=999999999')), SaslProtocolError);
  await assert.rejects(scramClient('sha1', 'u', 'p', 'abc').respond(Buffer.from('r=abcd,s=,i=4096')), SaslProtocolError);
});

test('escapes = and , in the user name (RFC 5802 §5.1)', () => {
  assert.equal(scramClient('sha1', 'a=b,c', 'p', 'n').initialResponse()?.toString(), 'n,,n=a=3Db=2Cc,r=n');
});
