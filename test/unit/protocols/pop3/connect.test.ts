import assert from 'node:assert/strict';
import { once } from 'node:events';
import net from 'node:net';
import { after, test } from 'node:test';
import { connectPop3, type Pop3Error } from '../../../../electron/protocols/pop3';
import { FakePop3Server, type FakePop3ServerOptions } from '../../../fakes/pop3-server';
import { answerWith, injectAfterStls } from '../../../fakes/pop3/faults';
import { tlsFixture } from '../../../fakes/pop3/tls-fixture';
import { connectTo, FAST_TIMEOUTS, rejectsWithCode } from './helpers';

const servers: FakePop3Server[] = [];
async function start(options: FakePop3ServerOptions): Promise<FakePop3Server> {
  const server = await FakePop3Server.start({ users: { alice: 'secret' }, ...options });
  servers.push(server);
  return server;
}
after(async () => {
  await Promise.all(servers.map((server) => server.close()));
});

test('reads the greeting with its APOP timestamp and the capabilities', async () => {
  const server = await start({ apop: true });
  const { session } = await connectTo(server);
  assert.match(session.greeting.apopTimestamp ?? '', /^<.+@fake\.invalid>$/);
  assert.equal(session.capabilities.announced, true);
  assert.equal(session.capabilities.pipelining, true);
  assert.equal(session.capabilities.implementation, 'Mailbag-Fake');
  assert.equal(session.state, 'authorization');
  session.close();
});

test('a -ERR greeting gets nothing sent back, not even QUIT', async () => {
  const server = await start({ greeting: '-ERR [SYS/TEMP] Too many connections' });
  const error = (await rejectsWithCode(connectTo(server), 'SERVER_TEMPORARY')) as Pop3Error;
  assert.equal(error.responseCode, 'SYS/TEMP');
  await new Promise((resolve) => setTimeout(resolve, 50));
  assert.deepEqual(server.connections[0]?.received, []);
});

test('a greeting that is not POP3 is a protocol error', async () => {
  const server = await start({ greeting: '* OK IMAP4rev1 ready' });
  await rejectsWithCode(connectTo(server), 'PROTOCOL_ERROR');
});

test('a server that never greets times out', async () => {
  const listener = net.createServer(() => undefined);
  listener.listen(0, '127.0.0.1');
  await once(listener, 'listening');
  const port = (listener.address() as net.AddressInfo).port;
  const started = Date.now();
  await rejectsWithCode(connectPop3({ host: '127.0.0.1', port, security: 'none', timeouts: { ...FAST_TIMEOUTS, greeting: 200 } }), 'TIMEOUT');
  assert.ok(Date.now() - started < 2_000);
  listener.close();
});

test('a refused connection is a network error', async () => {
  const listener = net.createServer();
  listener.listen(0, '127.0.0.1');
  await once(listener, 'listening');
  const port = (listener.address() as net.AddressInfo).port;
  listener.close();
  await once(listener, 'close');
  await rejectsWithCode(connectPop3({ host: '127.0.0.1', port, security: 'none', timeouts: FAST_TIMEOUTS }), 'NETWORK');
});

test('an RFC 1939 server without CAPA still works with USER/PASS', async () => {
  const server = await start({ layer: 'rfc1939', messages: [{ uid: 'u1', body: 'Subject: x\r\n\r\nhi\r\n' }] });
  const { session } = await connectTo(server);
  assert.equal(session.capabilities.announced, false);
  assert.deepEqual(await session.authenticate({ username: 'alice', password: 'secret' }), { mechanism: 'USER' });
  assert.deepEqual(await session.stat(), { count: 1, size: 18 });
  await session.quit();
});

test('implicit TLS verifies the certificate against an extra CA', async () => {
  const fixture = tlsFixture();
  const server = await start({ tls: fixture.server, implicitTls: true });
  const { session } = await connectTo(server, { security: 'tls', ca: fixture.ca, allowInsecureAuth: false });
  assert.equal(session.encrypted, true);
  assert.deepEqual(await session.authenticate({ username: 'alice', password: 'secret' }), { mechanism: 'SCRAM-SHA-256' });
  await session.quit();
});

test('a certificate for another host name is refused, with its fingerprint for a possible exception', async () => {
  const fixture = tlsFixture();
  const server = await start({ tls: fixture.wrongHost, implicitTls: true });
  const error = (await rejectsWithCode(connectTo(server, { security: 'tls', ca: fixture.ca }), 'TLS_CERTIFICATE')) as Pop3Error;
  assert.equal(error.certificateFingerprint256, fixture.wrongHost.fingerprint256);
});

test('an untrusted self-signed certificate is refused unless its fingerprint is pinned', async () => {
  const fixture = tlsFixture();
  const server = await start({ tls: fixture.selfSigned, implicitTls: true });
  await rejectsWithCode(connectTo(server, { security: 'tls' }), 'TLS_CERTIFICATE');
  const pinned = fixture.selfSigned.fingerprint256.toLowerCase().replace(/:/g, '');
  const { session } = await connectTo(server, { security: 'tls', pinnedFingerprint256: pinned });
  assert.equal(session.encrypted, true);
  session.close();
  await rejectsWithCode(connectTo(server, { security: 'tls', pinnedFingerprint256: fixture.server.fingerprint256 }), 'TLS_CERTIFICATE');
});

test('STLS: injected bytes before the handshake are discarded and only the CAPA after TLS counts', async () => {
  const fixture = tlsFixture();
  const server = await start({
    tls: fixture.server,
    // Before TLS, an attacker could strip SCRAM; the client must not trust that listing.
    capabilities: (lines, connection) => (connection.secure ? lines : lines.map((line) => (line.startsWith('SASL') ? 'SASL PLAIN' : line))),
  });
  injectAfterStls(server);
  const { session, transcript } = await connectTo(server, { security: 'starttls', ca: fixture.ca, allowInsecureAuth: false });
  assert.equal(session.encrypted, true);
  assert.ok(session.capabilities.sasl.includes('SCRAM-SHA-256'));
  assert.ok(transcript.some((entry) => entry.text.startsWith('<discarded')));
  assert.deepEqual(await session.authenticate({ username: 'alice', password: 'secret' }), { mechanism: 'SCRAM-SHA-256' });
  assert.equal(await session.stat().then((status) => status.count), 0);
  await session.quit();
  const received = server.connections.at(-1)?.received ?? [];
  assert.deepEqual(received.slice(0, 3), ['CAPA', 'STLS', 'CAPA']);
});

test('STLS required but not offered: TLS_REQUIRED and no credentials sent', async () => {
  const server = await start({});
  await rejectsWithCode(connectTo(server, { security: 'starttls' }), 'TLS_REQUIRED');
  assert.deepEqual(server.connections[0]?.received, ['CAPA']);
});

test('STLS refused by the server is TLS_REQUIRED', async () => {
  const fixture = tlsFixture();
  const server = await start({ tls: fixture.server });
  answerWith(server, 'STLS', '-ERR Not now');
  await rejectsWithCode(connectTo(server, { security: 'starttls', ca: fixture.ca }), 'TLS_REQUIRED');
});

test('cancelling while connecting ends promptly with CANCELLED', async () => {
  const listener = net.createServer(() => undefined);
  listener.listen(0, '127.0.0.1');
  await once(listener, 'listening');
  const port = (listener.address() as net.AddressInfo).port;
  const controller = new AbortController();
  const started = Date.now();
  setTimeout(() => controller.abort(), 50);
  await rejectsWithCode(
    connectPop3({ host: '127.0.0.1', port, security: 'none', signal: controller.signal, timeouts: { ...FAST_TIMEOUTS, greeting: 10_000 } }),
    'CANCELLED',
  );
  assert.ok(Date.now() - started < 3_000);
  listener.close();
});
