import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { errorMessageIn } from '../../../../../shared/error-words';
import { createTranslator } from '../../../../../shared/i18n/catalogs';
import { connectAndSignIn, MAX_SIGN_IN_REFUSALS, REDACTED, type Pop3AuthMechanism, type Pop3Error } from '../../../../../electron/protocols/pop3';
import { apopDigestForTests, FakePop3Server, type FakePop3ServerOptions } from '../../../../fakes/pop3-server';
import { answerWith } from '../../../../fakes/pop3/faults';
import { tlsFixture } from '../../../../fakes/pop3/tls-fixture';
import { connectTo, FAST_TIMEOUTS, rejectsWithCode } from '../helpers';

const servers: FakePop3Server[] = [];
async function start(options: FakePop3ServerOptions = {}): Promise<FakePop3Server> {
  const server = await FakePop3Server.start({ users: { alice: 'secret' }, tokens: { alice: 'token-123' }, apop: true, ...options });
  servers.push(server);
  return server;
}
after(async () => {
  await Promise.all(servers.map((server) => server.close()));
});

const PASSWORD_MECHANISMS: Pop3AuthMechanism[] = ['USER', 'APOP', 'PLAIN', 'LOGIN', 'CRAM-MD5', 'SCRAM-SHA-1', 'SCRAM-SHA-256'];

for (const mechanism of PASSWORD_MECHANISMS) {
  test(`signs in with ${mechanism}, and the transcript hides the secret`, async () => {
    const server = await start();
    const { session, transcript } = await connectTo(server);
    assert.deepEqual(await session.authenticate({ username: 'alice', password: 'secret', mechanisms: [mechanism] }), { mechanism });
    assert.equal(session.state, 'transaction');
    await session.quit();
    const text = transcript.map((entry) => entry.text).join('\n');
    assert.ok(!text.includes('secret'), text);
    assert.ok(!text.includes(Buffer.from('secret').toString('base64')));
    if (mechanism === 'APOP') {
      const digest = apopDigestForTests(session.greeting.apopTimestamp ?? '', 'secret');
      assert.ok(!text.includes(digest));
      assert.ok(text.includes(`APOP alice ${REDACTED}`));
    }
    if (mechanism === 'USER') assert.ok(text.includes(`PASS ${REDACTED}`));
  });
}

for (const mechanism of ['XOAUTH2', 'OAUTHBEARER'] as const) {
  test(`signs in with ${mechanism} using the caller's token`, async () => {
    const server = await start();
    const { session, transcript } = await connectTo(server);
    assert.deepEqual(await session.authenticate({ username: 'alice', oauth2Token: 'token-123', mechanisms: [mechanism] }), { mechanism });
    assert.ok(!transcript.some((entry) => entry.text.includes('token-123')));
    session.close();
  });

  test(`${mechanism}: a rejected token ends as AUTH_FAILED after the error challenge`, async () => {
    const server = await start();
    const { session } = await connectTo(server);
    await rejectsWithCode(session.authenticate({ username: 'alice', oauth2Token: 'expired', mechanisms: [mechanism] }), 'AUTH_FAILED');
    const received = server.connections[0]?.received ?? [];
    assert.equal(received.at(-1), mechanism === 'XOAUTH2' ? '' : 'AQ==');
    session.close();
  });
}

test('a long token is sent after the empty challenge, keeping AUTH within 255 octets (RFC 5034 §4)', async () => {
  const token = 'x'.repeat(400);
  const server = await start({ tokens: { alice: token } });
  const { session } = await connectTo(server);
  await session.authenticate({ username: 'alice', oauth2Token: token, mechanisms: ['OAUTHBEARER'] });
  const received = server.connections[0]?.received ?? [];
  assert.ok(received.includes('AUTH OAUTHBEARER'));
  assert.ok(received.every((line) => line.length <= 253 || !line.startsWith('AUTH')));
  session.close();
});

test('the default choice is SCRAM-SHA-256 when offered', async () => {
  const server = await start();
  const { session } = await connectTo(server);
  assert.deepEqual(await session.authenticate({ username: 'alice', password: 'secret' }), { mechanism: 'SCRAM-SHA-256' });
  session.close();
});

test('a server that cannot prove the SCRAM password is refused as a protocol error', async () => {
  const server = await start({ saslFaults: { scramBadServerSignature: true } });
  const { session } = await connectTo(server);
  const error = (await rejectsWithCode(
    session.authenticate({ username: 'alice', password: 'secret', mechanisms: ['SCRAM-SHA-256'] }),
    'PROTOCOL_ERROR',
  )) as Pop3Error;
  assert.equal(session.state, 'closed');
  assert.equal(server.connections[0]?.received.at(-1), '*');
  assert.equal(error.message, 'The server could not prove that it knows the password (SCRAM signature).');
  assert.equal(errorMessageIn(createTranslator('de').t, error.toData()), 'Der Server konnte nicht nachweisen, dass er das Passwort kennt (SCRAM-Signatur).');
});

test('an unacceptable SCRAM iteration count is cancelled, and the reason said in the reader’s language', async () => {
  const server = await start({ saslFaults: { scramIterations: 0 } });
  const { session } = await connectTo(server);
  const error = (await rejectsWithCode(
    session.authenticate({ username: 'alice', password: 'secret', mechanisms: ['SCRAM-SHA-256'] }),
    'PROTOCOL_ERROR',
  )) as Pop3Error;
  assert.equal(server.connections[0]?.received.at(-1), '*');
  assert.equal(error.message, 'The server sent an unacceptable SCRAM iteration count.');
  assert.equal(errorMessageIn(createTranslator('de').t, error.toData()), 'Der Server hat eine unzulässige SCRAM-Iterationszahl gesendet.');
  assert.equal(errorMessageIn(createTranslator('fr').t, error.toData()), 'Le serveur a envoyé un nombre d’itérations SCRAM inacceptable.');
});

test('a wrong password is refused once, retried with the next method once, and then stops', async () => {
  const server = await start();
  const { session } = await connectTo(server);
  const error = (await rejectsWithCode(session.authenticate({ username: 'alice', password: 'wrong' }), 'AUTH_FAILED')) as Pop3Error;
  const authCommands = (server.connections[0]?.received ?? []).filter((line) => /^(AUTH|USER|APOP)/.test(line));
  assert.equal(authCommands.length, MAX_SIGN_IN_REFUSALS);
  // Unencrypted (allowed here), so CRAM-MD5 follows SCRAM; SCRAM-SHA-1 would need the same secret.
  assert.deepEqual(error.refusedMechanisms, ['SCRAM-SHA-256', 'CRAM-MD5']);
  assert.match(error.message, /refused: SCRAM-SHA-256, then CRAM-MD5/);
  session.close();
});

/** A server without CAPA whose every greeting carries a timestamp but which refuses APOP (GNU Mailutils, Solid POP3). */
async function startApopRefusing(options: FakePop3ServerOptions = {}): Promise<FakePop3Server> {
  const server = await start({ layer: 'rfc1939', ...options });
  server.handle('APOP', (connection) => connection.send('-ERR [AUTH] Bad login'));
  return server;
}

test('over TLS the automatic choice uses USER/PASS even when the greeting has an APOP timestamp', async () => {
  const fixture = tlsFixture();
  const server = await startApopRefusing({ tls: fixture.server, implicitTls: true });
  const { session } = await connectTo(server, { security: 'tls', ca: fixture.ca, allowInsecureAuth: false });
  assert.ok(session.greeting.apopTimestamp !== undefined);
  assert.deepEqual(await session.authenticate({ username: 'alice', password: 'secret' }), { mechanism: 'USER' });
  assert.ok(!(server.connections[0]?.received ?? []).some((line) => line.startsWith('APOP')));
  session.close();
});

test('a refused APOP falls back to USER/PASS once and signs in', async () => {
  const server = await startApopRefusing();
  const { session } = await connectTo(server);
  assert.deepEqual(await session.authenticate({ username: 'alice', password: 'secret' }), { mechanism: 'USER' });
  const verbs = (server.connections[0]?.received ?? []).map((line) => line.split(' ')[0]);
  assert.deepEqual(verbs, ['CAPA', 'APOP', 'USER', 'PASS']);
  session.close();
});

test('a refused APOP and a wrong password make exactly two attempts, naming both methods', async () => {
  const server = await startApopRefusing();
  const { session } = await connectTo(server);
  const error = (await rejectsWithCode(session.authenticate({ username: 'alice', password: 'wrong' }), 'AUTH_FAILED')) as Pop3Error;
  const verbs = (server.connections[0]?.received ?? []).map((line) => line.split(' ')[0]);
  assert.deepEqual(verbs, ['CAPA', 'APOP', 'USER', 'PASS']);
  assert.deepEqual(error.refusedMechanisms, ['APOP', 'USER']);
  session.close();
});

test('a refused USER/PASS is never followed by APOP', async () => {
  const fixture = tlsFixture();
  const server = await start({ layer: 'rfc1939', tls: fixture.server, implicitTls: true });
  const { session } = await connectTo(server, { security: 'tls', ca: fixture.ca, allowInsecureAuth: false });
  const error = (await rejectsWithCode(session.authenticate({ username: 'alice', password: 'wrong' }), 'AUTH_FAILED')) as Pop3Error;
  const verbs = (server.connections[0]?.received ?? []).map((line) => line.split(' ')[0]);
  assert.deepEqual(verbs, ['CAPA', 'USER', 'PASS']);
  assert.deepEqual(error.refusedMechanisms, ['USER']);
  session.close();
});

test('a refused SASL mechanism falls back once, to a method that needs another secret', async () => {
  const server = await start();
  const original = server.handlerFor('AUTH');
  server.handle('AUTH', async (connection, args, line) => {
    if (args[0] === 'SCRAM-SHA-256') connection.send('-ERR [AUTH] Authentication failed.');
    else await original?.(connection, args, line);
  });
  const { session } = await connectTo(server);
  assert.deepEqual(await session.authenticate({ username: 'alice', password: 'secret' }), { mechanism: 'CRAM-MD5' });
  assert.ok(!(server.connections[0]?.received ?? []).includes('AUTH SCRAM-SHA-1'));
  session.close();
});

test('a chosen method that is refused is named in the error, with no other method tried', async () => {
  const server = await startApopRefusing();
  const { session } = await connectTo(server);
  const error = (await rejectsWithCode(session.authenticate({ username: 'alice', password: 'secret', mechanisms: ['APOP'] }), 'AUTH_FAILED')) as Pop3Error;
  assert.deepEqual(error.refusedMechanisms, ['APOP']);
  assert.deepEqual(
    (server.connections[0]?.received ?? []).map((line) => line.split(' ')[0]),
    ['CAPA', 'APOP'],
  );
  session.close();
});

test('[IN-USE] means busy: retry later, never a password problem', async () => {
  const server = await start();
  answerWith(server, 'PASS', '-ERR [IN-USE] Mailbox locked by another session');
  const { session } = await connectTo(server);
  const error = await rejectsWithCode(session.authenticate({ username: 'alice', password: 'secret', mechanisms: ['USER'] }), 'MAILBOX_BUSY');
  assert.equal((error as { retryable: boolean }).retryable, true);
  session.close();
});

test('a real lock held by another session is reported as MAILBOX_BUSY', async () => {
  const server = await start();
  const first = await connectTo(server);
  await first.session.authenticate({ username: 'alice', password: 'secret' });
  const second = await connectTo(server);
  await rejectsWithCode(second.session.authenticate({ username: 'alice', password: 'secret' }), 'MAILBOX_BUSY');
  first.session.close();
  second.session.close();
});

test('[LOGIN-DELAY] and [SYS/TEMP] are busy and temporary', async () => {
  const server = await start();
  server.handle('PASS', (connection) => connection.send('-ERR [LOGIN-DELAY] Wait 15 minutes'));
  server.handle('APOP', (connection) => connection.send('-ERR [SYS/TEMP] Storage offline'));
  const first = await connectTo(server);
  await rejectsWithCode(first.session.authenticate({ username: 'alice', password: 'secret', mechanisms: ['USER'] }), 'MAILBOX_BUSY');
  await rejectsWithCode(first.session.authenticate({ username: 'alice', password: 'secret', mechanisms: ['APOP'] }), 'SERVER_TEMPORARY');
  first.session.close();
});

test('without response codes an unexplained -ERR is not called a wrong password', async () => {
  const server = await start({ layer: 'rfc1939' });
  server.handle('PASS', (connection) => connection.send('-ERR'));
  const { session } = await connectTo(server);
  await rejectsWithCode(session.authenticate({ username: 'alice', password: 'secret', mechanisms: ['USER'] }), 'SERVER_PERMANENT');
  session.close();
});

test('after an unexplained refusal the next mechanism is tried, but only once', async () => {
  const server = await start({ respCodes: false });
  const original = server.handlerFor('AUTH');
  server.handle('AUTH', async (connection, args, line) => {
    if ((args[0] ?? '').startsWith('SCRAM') || args[0] === 'CRAM-MD5') connection.send('-ERR Not available here');
    else await original?.(connection, args, line);
  });
  const { session } = await connectTo(server);
  // Unencrypted (allowed here): SCRAM, then CRAM-MD5 (SCRAM-SHA-1 shares SCRAM-SHA-256's secret), then stop.
  const error = (await rejectsWithCode(session.authenticate({ username: 'alice', password: 'secret' }), 'SERVER_PERMANENT')) as Pop3Error;
  assert.deepEqual(error.refusedMechanisms, ['SCRAM-SHA-256', 'CRAM-MD5']);
  // Choosing the method explicitly reaches the one that works.
  assert.deepEqual(await session.authenticate({ username: 'alice', password: 'secret', mechanisms: ['PLAIN'] }), { mechanism: 'PLAIN' });
  session.close();
});

test('no credentials leave over plaintext unless the account allows it', async () => {
  const server = await start();
  const { session } = await connectTo(server, { allowInsecureAuth: false });
  await rejectsWithCode(session.authenticate({ username: 'alice', password: 'secret' }), 'TLS_REQUIRED');
  await rejectsWithCode(session.authenticate({ username: 'alice', oauth2Token: 'token-123' }), 'TLS_REQUIRED');
  assert.deepEqual(server.connections[0]?.received, ['CAPA']);
  session.close();
});

test('no usable mechanism is AUTH_UNSUPPORTED', async () => {
  const server = await start({ saslMechanisms: ['GSSAPI'], apop: false, capabilities: (lines) => lines.filter((line) => line !== 'USER') });
  const { session } = await connectTo(server);
  await rejectsWithCode(session.authenticate({ username: 'alice', password: 'secret' }), 'AUTH_UNSUPPORTED');
  session.close();
});

test('line breaks in a user name are refused before anything is sent', async () => {
  const server = await start();
  const { session } = await connectTo(server);
  await rejectsWithCode(session.authenticate({ username: 'alice\r\nDELE 1', password: 'secret', mechanisms: ['USER'] }), 'VALIDATION');
  assert.deepEqual(server.connections[0]?.received, ['CAPA']);
  session.close();
});

test('UTF8 is sent before signing in when announced (RFC 6856)', async () => {
  const server = await start({ utf8: true });
  const { session } = await connectTo(server);
  await session.utf8();
  await session.authenticate({ username: 'alice', password: 'secret' });
  assert.ok(server.connections[0]?.received.includes('UTF8'));
  session.close();
});

test('UTF8 is sent right after signing in when announced, and not when it is not', async () => {
  const announced = await start({ utf8: true });
  const { session } = await connectTo(announced);
  await session.authenticate({ username: 'alice', password: 'secret', mechanisms: ['USER'] });
  assert.equal(session.utf8Enabled, true);
  const verbs = (announced.connections[0]?.received ?? []).map((line) => line.split(' ')[0]);
  assert.deepEqual(verbs, ['CAPA', 'USER', 'PASS', 'CAPA', 'UTF8']);
  session.close();

  const silent = await start();
  const plain = await connectTo(silent);
  await plain.session.authenticate({ username: 'alice', password: 'secret', mechanisms: ['USER'] });
  assert.equal(plain.session.utf8Enabled, false);
  assert.ok(!(silent.connections[0]?.received ?? []).includes('UTF8'));
  plain.session.close();
});

test('UTF8 announced only after sign-in is sent too; a refusal leaves the session usable', async () => {
  const server = await start({
    utf8: true,
    capabilities: (lines, connection) => lines.filter((line) => line !== 'UTF8' || connection.state === 'transaction'),
  });
  server.handle('UTF8', (connection) => connection.send('-ERR Not now'));
  const { session } = await connectTo(server);
  await session.authenticate({ username: 'alice', password: 'secret', mechanisms: ['USER'] });
  assert.equal(session.utf8Enabled, false);
  assert.ok((server.connections[0]?.received ?? []).includes('UTF8'));
  assert.equal(session.state, 'transaction');
  await session.stat();
  session.close();
});

test('a server that hangs up after refusing APOP gets the USER/PASS fallback on a new connection, once', async () => {
  const server = await startApopRefusing();
  server.handle('APOP', (connection) => {
    connection.send('-ERR authentication failed');
    connection.destroy();
  });
  const options = { host: server.host, port: server.port, security: 'none' as const, allowInsecureAuth: true, timeouts: FAST_TIMEOUTS };
  const { session, result } = await connectAndSignIn(options, { username: 'alice', password: 'secret' });
  assert.deepEqual(result, { mechanism: 'USER' });
  assert.equal(server.connections.length, 2);
  assert.deepEqual(
    server.connections.map((connection) => connection.received.map((line) => line.split(' ')[0])),
    [
      ['CAPA', 'APOP'],
      ['CAPA', 'USER', 'PASS'],
    ],
  );
  await session.quit();

  const error = (await rejectsWithCode(connectAndSignIn(options, { username: 'alice', password: 'wrong' }), 'AUTH_FAILED')) as Pop3Error;
  assert.deepEqual(error.refusedMechanisms, ['APOP', 'USER']);
  assert.equal(server.connections.length, 4, 'one new connection for the fallback, no more');
  assert.match(error.message, /refused: APOP, then USER\/PASS\)$/);
});
