/**
 * Before sign-in no credential has crossed, so a server's `-ERR [AUTH] …` in its greeting or in answer
 * to STLS (possibly injected before TLS) is never reported as a wrong password, and the links in it
 * are never shown: the server refused the connection.
 */
import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import type { Pop3Error } from '../../../../electron/protocols/pop3';
import { FakePop3Server } from '../../../fakes/pop3-server';
import { answerWith } from '../../../fakes/pop3/faults';
import { tlsFixture } from '../../../fakes/pop3/tls-fixture';
import { connectTo } from './helpers';

const PHISHING = '-ERR [AUTH] Your password expired, re-enter it at http://evil.example/login or www.evil.example';

const servers: FakePop3Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

async function refusal(promise: Promise<unknown>): Promise<Pop3Error> {
  try {
    await promise;
  } catch (error) {
    return error as Pop3Error;
  }
  return assert.fail('the connection was expected to fail');
}

test('an [AUTH] greeting is a refused connection, without its links', async () => {
  const server = await FakePop3Server.start({ greeting: PHISHING });
  servers.push(server);
  const error = await refusal(connectTo(server));
  assert.notEqual(error.code, 'AUTH_FAILED');
  assert.equal(error.message, 'The server refused the connection.');
  assert.doesNotMatch(error.message, /password/i);
  assert.equal(error.responseCode, undefined);
  assert.doesNotMatch(error.detail ?? '', /evil\.example|http/);
  assert.match(error.detail ?? '', /\[link removed\]/);
});

test('an [AUTH] answer to STLS is a refused connection, without its links, and nothing else is sent', async () => {
  const server = await FakePop3Server.start({ tls: tlsFixture().server, users: { ann: 'secret' } });
  servers.push(server);
  answerWith(server, 'STLS', PHISHING);
  const error = await refusal(connectTo(server, { security: 'starttls' }));
  assert.notEqual(error.code, 'AUTH_FAILED');
  assert.match(error.message, /^The server refused the connection/);
  assert.doesNotMatch(error.detail ?? '', /evil\.example|http/);
  assert.deepEqual(
    server.connections.flatMap((connection) => connection.received),
    ['CAPA', 'STLS'],
  );
});

test('after sign-in started, [AUTH] still means the password was refused', async () => {
  const server = await FakePop3Server.start({ users: { ann: 'secret' } });
  servers.push(server);
  const { session } = await connectTo(server);
  const error = await refusal(session.authenticate({ username: 'ann', password: 'wrong' }));
  assert.equal(error.code, 'AUTH_FAILED');
  session.close();
});

test('a long greeting full of escape sequences is quoted plainly and cut short', async () => {
  const server = await FakePop3Server.start({ greeting: `-ERR \x1b]0;pwned\x07${'B'.repeat(8_000)}` });
  servers.push(server);
  const error = await refusal(connectTo(server));
  assert.ok((error.detail ?? '').startsWith('Server said: -ERR \\x1b]0;pwned\\x07BBB'), error.detail);
  assert.ok((error.detail ?? '').length < 400, `the detail is cut (${(error.detail ?? '').length} characters)`);
  assert.equal(error.response?.length, 8_000 + '-ERR \x1b]0;pwned\x07'.length, 'the raw line is kept for programs');
});
