import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import https from 'node:https';
import net, { type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { discoverSettings, domainOf, type DiscoveryNetwork } from '../../../../electron/services/discovery/discover';
import { createHttpsGet } from '../../../../electron/services/discovery/https-get';
import { probeServer, type ProbeNetwork, type TcpConnector } from '../../../../electron/services/discovery/probe';
import type { DiscoverySource, SourceStatus } from '../../../../electron/services/discovery/types';
import { fakeResolver } from '../../../fakes/dns-resolver';
import { startGreetingServer, type GreetingServer } from '../../../fakes/mail-greeting-server';
import { LOOPBACK } from '../../../servers/free-port';
import { createTestCertificates, type TestCertificates } from '../../../servers/test-certificates';

const directory = mkdtempSync(path.join(os.tmpdir(), 'mailbag-discovery-'));
const DOMAIN = 'example.test';
let certificates: TestCertificates;
let tlsFiles: { key: string; cert: string };
const servers: GreetingServer[] = [];
/** `host:port` as discovery asks for it → the local port of the fake standing in for it. */
const routes = new Map<string, number>();
const dialed: string[] = [];

/** Connects only to 127.0.0.1: a name without a route is refused like a closed port. */
const loopbackConnector: TcpConnector = (host, port, signal) =>
  new Promise((resolve, reject) => {
    dialed.push(`${host}:${port}`);
    const local = routes.get(`${host}:${port}`);
    if (local === undefined) {
      reject(Object.assign(new Error(`connect ECONNREFUSED ${host}:${port}`), { code: 'ECONNREFUSED' }));
      return;
    }
    const socket = net.connect({ host: LOOPBACK, port: local, signal });
    socket.once('connect', () => resolve(socket));
    socket.once('error', reject);
  });

async function serve(route: string, options: Parameters<typeof startGreetingServer>[0]): Promise<GreetingServer> {
  const server = await startGreetingServer(options);
  servers.push(server);
  routes.set(route, server.port);
  return server;
}

before(async () => {
  certificates = await createTestCertificates(directory, [
    'pop.example.test',
    'mail.example.test',
    'smtp.example.test',
    'autoconfig.example.test',
    'example.test',
  ]);
  tlsFiles = { key: readFileSync(certificates.serverKeyPath, 'utf8'), cert: readFileSync(certificates.serverCertificatePath, 'utf8') };
});
after(async () => {
  await Promise.all(servers.map((server) => server.close()));
  rmSync(directory, { recursive: true, force: true });
});

const probeNetwork = (): ProbeNetwork => ({ connect: loopbackConnector, ca: certificates.caPem });

test('POP3 probes: implicit TLS, STLS upgrade, and a server without STLS reported as plaintext', async () => {
  await serve('pop.example.test:995', { protocol: 'pop3', tls: tlsFiles, implicitTls: true });
  const upgrading = await serve('pop.example.test:110', { protocol: 'pop3', tls: tlsFiles, starttls: true });
  await serve('pop3.example.test:110', { protocol: 'pop3' });
  const signal = AbortSignal.timeout(10_000);
  assert.equal((await probeServer(probeNetwork(), 'pop3', 'pop.example.test', 995, 'tls', signal)).security, 'tls');
  const upgraded = await probeServer(probeNetwork(), 'pop3', 'pop.example.test', 110, 'starttls', signal);
  assert.equal(upgraded.security, 'starttls');
  assert.ok(upgraded.capabilities.includes('UIDL'));
  assert.deepEqual(upgrading.commands, ['CAPA', 'STLS', 'CAPA', 'QUIT']);
  assert.equal((await probeServer(probeNetwork(), 'pop3', 'pop3.example.test', 110, 'starttls', signal)).security, 'none');
});

test('SMTP probes: implicit TLS and STARTTLS (EHLO again after the upgrade)', async () => {
  await serve('smtp.example.test:465', { protocol: 'smtp', tls: tlsFiles, implicitTls: true });
  const submission = await serve('smtp.example.test:587', { protocol: 'smtp', tls: tlsFiles, starttls: true });
  const signal = AbortSignal.timeout(10_000);
  assert.equal((await probeServer(probeNetwork(), 'smtp', 'smtp.example.test', 465, 'tls', signal)).security, 'tls');
  const result = await probeServer(probeNetwork(), 'smtp', 'smtp.example.test', 587, 'starttls', signal);
  assert.equal(result.security, 'starttls');
  assert.ok(result.capabilities.includes('SIZE 1000000'));
  assert.deepEqual(submission.commands, ['EHLO [127.0.0.1]', 'STARTTLS', 'EHLO [127.0.0.1]', 'QUIT']);
});

test('a probe fails on an untrusted certificate, a closed port, and is cut short by its signal', async () => {
  const untrusted: ProbeNetwork = { connect: loopbackConnector, ca: certificates.otherCaPem };
  await assert.rejects(probeServer(untrusted, 'pop3', 'pop.example.test', 995, 'tls', AbortSignal.timeout(10_000)), /certificate/);
  await assert.rejects(probeServer(probeNetwork(), 'pop3', 'closed.example.test', 995, 'tls', AbortSignal.timeout(10_000)), /ECONNREFUSED/);
  await serve('silent.example.test:995', { protocol: 'pop3', silent: true });
  const started = Date.now();
  await assert.rejects(probeServer(probeNetwork(), 'pop3', 'silent.example.test', 995, 'starttls', AbortSignal.timeout(200)), /cancelled/);
  assert.ok(Date.now() - started < 2_000);
});

test('discovery asks every source, says which answered, and recommends implicit TLS from the most trusted source', async () => {
  // autoconfig: a document offering STARTTLS on 110 and submission on 587.
  const document = `<clientConfig version="1.1"><emailProvider id="example.test">
    <incomingServer type="pop3"><hostname>pop.example.test</hostname><port>110</port><socketType>STARTTLS</socketType><username>%EMAILADDRESS%</username></incomingServer>
    <outgoingServer type="smtp"><hostname>smtp.example.test</hostname><port>587</port><socketType>STARTTLS</socketType><username>%EMAILADDRESS%</username></outgoingServer>
  </emailProvider></clientConfig>`;
  const web = https.createServer({ key: tlsFiles.key, cert: tlsFiles.cert }, (request, response) => {
    if (request.headers.host === `autoconfig.${DOMAIN}`) response.writeHead(200).end(document);
    else response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => web.listen(0, LOOPBACK, resolve));
  try {
    const network: DiscoveryNetwork = {
      resolver: fakeResolver(
        { [`_submissions._tcp.${DOMAIN}`]: [{ name: 'smtp.example.test', port: 465, priority: 0, weight: 0 }] },
        { [DOMAIN]: [{ exchange: 'mx.example.test', priority: 10 }] },
      ),
      httpsGet: createHttpsGet({ ca: certificates.caPem, connectTo: { host: LOOPBACK, port: (web.address() as AddressInfo).port } }),
      probe: probeNetwork(),
    };
    const seen: [DiscoverySource, SourceStatus][] = [];
    dialed.length = 0;
    const result = await discoverSettings(network, { address: 'Jo@Example.test', name: 'Jo', onSource: (source, status) => seen.push([source, status]) });
    assert.equal(result.domain, DOMAIN);
    assert.deepEqual(result.sources, {
      'provider-table': { state: 'nothing' },
      autoconfig: { state: 'answered', incoming: 1, outgoing: 1 },
      srv: { state: 'answered', incoming: 0, outgoing: 1 },
      mx: { state: 'nothing' },
      guess: { state: 'answered', incoming: 3, outgoing: 2 },
    });
    assert.equal(seen.length, 5);
    const incoming = result.recommended.incoming;
    assert.deepEqual([incoming?.host, incoming?.port, incoming?.security, incoming?.source], ['pop.example.test', 995, 'tls', 'guess']);
    const outgoing = result.recommended.outgoing;
    assert.deepEqual([outgoing?.host, outgoing?.port, outgoing?.security, outgoing?.source], ['smtp.example.test', 465, 'tls', 'srv']);
    const plaintext = result.incoming.find((candidate) => candidate.security === 'none');
    assert.equal(plaintext?.needsPlaintextConsent, true);
    assert.equal(result.incoming.at(-1), plaintext, 'plaintext comes last');
    assert.equal(result.incoming.filter((c) => c.host === 'pop.example.test' && c.port === 110).length, 1, 'duplicates merged');
    assert.equal(result.probes.length, 12);
    assert.deepEqual(
      result.probes
        .filter((probe) => probe.outcome.state === 'answered')
        .map((probe) => `${probe.host}:${probe.port}`)
        .sort(),
      ['pop.example.test:110', 'pop.example.test:995', 'pop3.example.test:110', 'smtp.example.test:465', 'smtp.example.test:587'],
    );
    assert.deepEqual([...new Set(dialed)].sort(), [
      'example.test:110',
      'example.test:995',
      'mail.example.test:110',
      'mail.example.test:465',
      'mail.example.test:587',
      'mail.example.test:995',
      'pop.example.test:110',
      'pop.example.test:995',
      'pop3.example.test:110',
      'pop3.example.test:995',
      'smtp.example.test:465',
      'smtp.example.test:587',
    ]);
  } finally {
    web.close();
  }
});

test('a known provider answers from the table, the MX host finds hosted domains, and failures are reported', async () => {
  const failingGet = async (): Promise<never> => {
    throw new Error('network is unreachable');
  };
  const network: DiscoveryNetwork = {
    resolver: fakeResolver({}, { 'hosted.test': [{ exchange: 'aspmx.l.google.com', priority: 1 }] }),
    httpsGet: failingGet,
    probe: { connect: loopbackConnector },
  };
  const gmail = await discoverSettings(network, { address: 'someone@gmail.com' });
  assert.deepEqual(gmail.sources['provider-table'], { state: 'answered', incoming: 1, outgoing: 1 });
  assert.equal(gmail.recommended.incoming?.host, 'pop.gmail.com');
  assert.ok(gmail.recommended.incoming?.notes.includes('app-password'));
  assert.equal(gmail.sources.autoconfig.state, 'failed');
  assert.equal(gmail.sources.guess.state, 'nothing');
  const hosted = await discoverSettings(network, { address: 'me@hosted.test' });
  assert.deepEqual(hosted.sources.mx, { state: 'answered', incoming: 1, outgoing: 1 });
  assert.equal(hosted.recommended.outgoing?.host, 'smtp.gmail.com');
  assert.equal(hosted.recommended.outgoing?.source, 'mx');
  // Both name the provider's sign-in, so setup can offer "Sign in with Google".
  assert.equal(gmail.recommended.incoming?.signInWith, 'google');
  assert.equal(hosted.recommended.outgoing?.signInWith, 'google');
});

test('a guessed server with an untrusted certificate makes the guess fail with TLS_CERTIFICATE, not “nothing”', async () => {
  const other = 'other.test';
  await serve(`pop.${other}:995`, { protocol: 'pop3', tls: tlsFiles, implicitTls: true });
  const network: DiscoveryNetwork = {
    resolver: fakeResolver({}, {}),
    httpsGet: async () => ({ status: 404, body: '' }),
    probe: probeNetwork(),
  };
  const result = await discoverSettings(network, { address: `a@${other}` });
  const status = result.sources.guess;
  assert.equal(status.state, 'failed');
  assert.match(status.state === 'failed' ? status.reason : '', /certificate could not be verified.*pop\.other\.test:995/);
  assert.deepEqual(result.sources.autoconfig, { state: 'nothing' });
  const attempt = result.probes.find((probe) => probe.host === `pop.${other}` && probe.port === 995);
  assert.equal(attempt?.outcome.state === 'failed' ? attempt.outcome.code : undefined, 'TLS_CERTIFICATE');
});

test('discovery is cancellable and bounded by its deadline', async () => {
  const hanging = (): Promise<never> => new Promise(() => {});
  const network: DiscoveryNetwork = {
    resolver: { resolveSrv: hanging, resolveMx: hanging },
    httpsGet: hanging,
    probe: { connect: loopbackConnector },
  };
  const controller = new AbortController();
  const cancelled = discoverSettings(network, { address: 'a@slow.test', signal: controller.signal });
  controller.abort();
  await assert.rejects(cancelled, { code: 'CANCELLED' });
  const late = await discoverSettings(network, { address: 'a@slow.test', deadlineMs: 100 });
  assert.deepEqual(late.sources.srv, {
    state: 'failed',
    reason: 'no answer within 100 ms',
    reasonWords: { id: 'serviceError.discovery.noAnswerWithin', values: { milliseconds: '100' } },
  });
  assert.equal(late.recommended.incoming, undefined);
  assert.throws(() => domainOf('no-at-sign'), { code: 'VALIDATION' });
});
