/**
 * The account doctor against a real Dovecot on 127.0.0.1 and against faults: a wrong password, a
 * certificate for another name, an expired certificate, an untrusted one (and the user's pin), a
 * server without STLS, a closed port and a name that does not resolve.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { accountSettingsSchema, type AccountSettings } from '../../../../shared/accounts';
import type { DoctorStep, DoctorStepId } from '../../../../shared/doctor';
import { runDoctor, type DoctorRequest } from '../../../../electron/services/doctor';
import { startDovecot, type DovecotServer } from '../../../servers/dovecot';
import { findFreePort } from '../../../servers/free-port';
import { sampleSettings } from '../../../fakes/account-settings';
import { expiredCertificate } from '../../../fakes/expired-certificate';
import { FakePop3Server } from '../../../fakes/pop3-server';
import { tlsFixture } from '../../../fakes/pop3/tls-fixture';
import { startFakeSmtpServer } from '../../../fakes/smtp-server';

const TEST_TIMEOUT_MS = 90_000;
/** Short bounds: every fault here answers at once on 127.0.0.1. */
const DOCTOR_TIMEOUT_MS = 5_000;

function incoming(host: string, port: number, security: 'tls' | 'starttls' | 'none', username: string, extra: { caPem?: string; pin?: string } = {}): AccountSettings {
  return accountSettingsSchema.parse(
    sampleSettings({
      incoming: {
        host,
        port,
        security,
        username,
        auth: 'auto',
        ...(extra.caPem === undefined ? {} : { caPem: extra.caPem }),
        ...(extra.pin === undefined ? {} : { pinnedCertificate: { host, port, fingerprint256: extra.pin } }),
      },
      allowInsecure: security === 'none',
    }),
  );
}

async function doctor(request: Omit<DoctorRequest, 'onStep' | 'timeoutMs'>): Promise<{ steps: Map<DoctorStepId, DoctorStep>; streamed: DoctorStepId[]; ok: boolean; transcript: string }> {
  const streamed: DoctorStepId[] = [];
  const report = await runDoctor({ scope: 'incoming', ...request, timeoutMs: DOCTOR_TIMEOUT_MS, onStep: (step) => streamed.push(step.id) });
  return { steps: new Map(report.steps.map((step) => [step.id, step])), streamed, ok: report.ok, transcript: report.transcript.join('\n') };
}

function status(steps: Map<DoctorStepId, DoctorStep>): Record<string, string> {
  return Object.fromEntries([...steps].map(([id, step]) => [id, step.status]));
}

function assertNoPassword(text: string, password: string): void {
  for (const form of [password, Buffer.from(password).toString('base64'), Buffer.from(password).toString('hex')]) {
    assert.ok(!text.includes(form), `the transcript holds the password (${form.slice(0, 6)}…)`);
  }
}

describe('the doctor against Dovecot', { timeout: TEST_TIMEOUT_MS }, () => {
  let server: DovecotServer;
  before(async () => {
    server = await startDovecot();
  });
  after(() => server.stop());

  for (const security of ['tls', 'starttls'] as const) {
    test(`${security}: every step passes, streamed in order, with the TLS facts, the capability table and a redacted transcript`, async () => {
      const settings = incoming(server.host, security === 'tls' ? server.tlsPort : server.port, security, server.user, { caPem: server.certificates.caPem });
      const result = await doctor({ settings, pop3Password: server.password });
      assert.deepEqual(status(result.steps), { 'pop3-dns': 'ok', 'pop3-tcp': 'ok', 'pop3-tls': 'ok', 'pop3-capabilities': 'ok', 'pop3-login': 'ok' }, result.transcript);
      assert.deepEqual(result.streamed, ['pop3-dns', 'pop3-tcp', 'pop3-tls', 'pop3-capabilities', 'pop3-login']);
      assert.equal(result.ok, true);
      const tls = result.steps.get('pop3-tls');
      assert.match(tls?.facts.find((fact) => fact.name === 'Protocol')?.value ?? '', /^TLSv1\.[23]$/);
      assert.equal(tls?.facts.find((fact) => fact.name === 'Chain trusted')?.value, 'yes');
      const capabilities = new Map(result.steps.get('pop3-capabilities')?.facts.map((fact) => [fact.name, fact.value]));
      for (const name of ['UIDL', 'TOP', 'PIPELINING', 'LOGIN-DELAY', 'EXPIRE', 'SASL']) assert.ok(capabilities.has(name), name);
      assert.equal(capabilities.get('UIDL'), 'yes');
      assert.match(capabilities.get('SASL') ?? '', /SCRAM-SHA-256/);
      assert.match(result.steps.get('pop3-login')?.summary ?? '', /Signed in as test with /);
      assert.match(result.transcript, /^S: \+OK/m);
      assertNoPassword(result.transcript, server.password);
      assertNoPassword(JSON.stringify([...result.steps.values()]), server.password);
    });
  }

  test('plaintext: a warning for the unencrypted connection, and a password sent as USER/PASS never reaches the transcript', async () => {
    const settings = accountSettingsSchema.parse({
      ...incoming(server.host, server.port, 'none', server.user),
      incoming: { host: server.host, port: server.port, security: 'none', username: server.user, auth: 'USER' },
    });
    const result = await doctor({ settings, pop3Password: server.password });
    assert.equal(result.steps.get('pop3-tls')?.status, 'warning');
    assert.equal(result.steps.get('pop3-login')?.status, 'ok', result.transcript);
    assert.match(result.transcript, /PASS <redacted>/);
    assertNoPassword(result.transcript, server.password);
    assert.equal(result.ok, true);
  });

  test('a wrong password fails the sign-in step with advice, and the tried password is not in the report', async () => {
    const wrong = 'Tr0ub4dor&3-wrong';
    // One chosen method, so one refusal: Dovecot delays every later sign-in from this address after each.
    const base = incoming(server.host, server.tlsPort, 'tls', server.user, { caPem: server.certificates.caPem });
    const settings = accountSettingsSchema.parse({ ...base, incoming: { ...base.incoming, auth: 'PLAIN' } });
    const result = await doctor({ settings, pop3Password: wrong });
    const login = result.steps.get('pop3-login');
    assert.equal(login?.status, 'failed');
    assert.equal(login?.error?.code, 'AUTH_FAILED');
    assert.match(login?.advice ?? '', /user name or password/);
    assert.equal(result.ok, false);
    assertNoPassword(result.transcript, wrong);
  });

  test('without a password the sign-in is skipped, not failed', async () => {
    const settings = incoming(server.host, server.tlsPort, 'tls', server.user, { caPem: server.certificates.caPem });
    const result = await doctor({ settings });
    assert.equal(result.steps.get('pop3-login')?.status, 'skipped');
    assert.equal(result.ok, true);
  });

  test('a certificate from an unknown authority fails with its fingerprint; pinning that fingerprint makes it pass', async () => {
    const settings = incoming(server.host, server.tlsPort, 'tls', server.user);
    const refused = await doctor({ settings, pop3Password: server.password });
    const tls = refused.steps.get('pop3-tls');
    assert.equal(tls?.status, 'failed');
    assert.match(tls?.advice ?? '', /CA certificate|accept this certificate/);
    assert.ok(tls?.certificateFingerprint256 !== undefined);
    assert.deepEqual([refused.steps.get('pop3-capabilities')?.status, refused.steps.get('pop3-login')?.status], ['skipped', 'skipped']);
    const pinned = incoming(server.host, server.tlsPort, 'tls', server.user, { pin: tls?.certificateFingerprint256 ?? '' });
    const accepted = await doctor({ settings: pinned, pop3Password: server.password });
    assert.equal(accepted.steps.get('pop3-tls')?.status, 'ok', accepted.transcript);
    assert.equal(accepted.steps.get('pop3-login')?.status, 'ok', accepted.transcript);
  });
});

describe('the doctor against a Dovecot whose certificate names another host', { timeout: TEST_TIMEOUT_MS }, () => {
  let server: DovecotServer;
  before(async () => {
    server = await startDovecot({ serverNames: ['mail.example.org'] });
  });
  after(() => server.stop());

  test('the TLS step fails with the names the certificate is for', async () => {
    const settings = incoming(server.host, server.tlsPort, 'tls', server.user, { caPem: server.certificates.caPem });
    const result = await doctor({ settings, pop3Password: server.password });
    const tls = result.steps.get('pop3-tls');
    assert.equal(tls?.status, 'failed');
    assert.match(tls?.summary ?? '', /mail\.example\.org.*not for 127\.0\.0\.1/);
    assert.equal(tls?.facts.find((fact) => fact.name === 'Name matches')?.value, 'no');
    assert.equal(result.steps.get('pop3-login')?.status, 'skipped');
  });
});

describe('the doctor against faults', { timeout: TEST_TIMEOUT_MS }, () => {
  test('an expired certificate fails the TLS step with its end date', async () => {
    const certificate = expiredCertificate();
    const server = await FakePop3Server.start({ tls: certificate, implicitTls: true, users: { ann: 'pw' } });
    try {
      const result = await doctor({ settings: incoming(server.host, server.port, 'tls', 'ann', { caPem: certificate.cert }), pop3Password: 'pw' });
      const tls = result.steps.get('pop3-tls');
      assert.equal(tls?.status, 'failed');
      assert.match(tls?.summary ?? '', /expired on 2020-02-01/);
      assert.match(tls?.advice ?? '', /expired/);
      assert.equal(result.ok, false);
    } finally {
      await server.close();
    }
  });

  test('STARTTLS chosen but not offered: the TLS step fails and suggests port 995', async () => {
    const server = await FakePop3Server.start({ users: { ann: 'pw' } });
    try {
      const result = await doctor({ settings: incoming(server.host, server.port, 'starttls', 'ann'), pop3Password: 'pw' });
      const tls = result.steps.get('pop3-tls');
      assert.equal(tls?.status, 'failed');
      assert.equal(tls?.error?.code, 'TLS_REQUIRED');
      assert.match(tls?.advice ?? '', /port 995/);
      assert.match(result.transcript, /^C: CAPA$/m);
      assert.ok(!/^C: (USER|PASS)/m.test(result.transcript), 'nothing secret is sent without encryption');
    } finally {
      await server.close();
    }
  });

  test('a closed port fails the TCP step and the rest is skipped', async () => {
    const port = await findFreePort();
    const result = await doctor({ settings: incoming('127.0.0.1', port, 'tls', 'ann'), pop3Password: 'pw' });
    assert.deepEqual(status(result.steps), { 'pop3-dns': 'ok', 'pop3-tcp': 'failed', 'pop3-tls': 'skipped', 'pop3-capabilities': 'skipped', 'pop3-login': 'skipped' });
    assert.match(result.steps.get('pop3-tcp')?.advice ?? '', new RegExp(`Nothing accepts connections on port ${port}`));
  });

  test('a name that does not resolve fails the DNS step with advice', async () => {
    const lookup = async (): Promise<string[]> => {
      throw Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' });
    };
    const result = await doctor({ settings: incoming('pop.no-such-host.invalid', 995, 'tls', 'ann'), lookup });
    assert.equal(result.steps.get('pop3-dns')?.status, 'failed');
    assert.match(result.steps.get('pop3-dns')?.advice ?? '', /typing mistakes/);
    assert.equal(result.steps.get('pop3-tcp')?.status, 'skipped');
  });

  test('SMTP: EHLO, STARTTLS, AUTH and the SIZE limit of the outgoing server', async () => {
    const fixture = tlsFixture();
    const smtp = await startFakeSmtpServer({ tls: 'starttls', certificate: fixture.server, extensions: ['SIZE 10240000', 'STARTTLS', 'AUTH PLAIN LOGIN'], auth: { user: 'ann', password: 'smtp-pw' } });
    try {
      const settings = accountSettingsSchema.parse(
        sampleSettings({ outgoing: { host: '127.0.0.1', port: smtp.port, security: 'starttls', username: 'ann', credentials: 'separate', caPem: fixture.ca } }),
      );
      const report = await runDoctor({ settings, smtpPassword: 'smtp-pw', scope: 'outgoing', timeoutMs: DOCTOR_TIMEOUT_MS });
      const steps = new Map(report.steps.map((step) => [step.id, step]));
      assert.equal(steps.get('smtp-tls')?.status, 'ok', report.transcript.join('\n'));
      const session = steps.get('smtp-session');
      assert.equal(session?.status, 'ok', report.transcript.join('\n'));
      assert.equal(session?.facts.find((fact) => fact.name === 'SIZE limit')?.value, '10000 KB');
      assertNoPassword(report.transcript.join('\n'), 'smtp-pw');
      const wrong = await runDoctor({ settings, smtpPassword: 'nope-nope', scope: 'outgoing', timeoutMs: DOCTOR_TIMEOUT_MS });
      assert.equal(wrong.steps.find((step) => step.id === 'smtp-session')?.error?.code, 'AUTH_FAILED');
    } finally {
      await smtp.close();
    }
  });
});

describe('the doctor against servers without CAPA and with refused methods', { timeout: TEST_TIMEOUT_MS }, () => {
  const message = 'From: a@example.org\r\nSubject: probe\r\nMessage-ID: <probe@example.org>\r\n\r\nbody\r\n';
  function plaintext(port: number, auth: AccountSettings['incoming']['auth'], leaveOnServer: AccountSettings['policy']['leaveOnServer'] = { mode: 'forever' }): AccountSettings {
    const base = incoming('127.0.0.1', port, 'none', 'ann');
    return accountSettingsSchema.parse({ ...base, incoming: { ...base.incoming, auth }, policy: { ...base.policy, leaveOnServer } });
  }

  test('a refused APOP is named in the advice instead of the user-name advice', async () => {
    const server = await FakePop3Server.start({ layer: 'rfc1939', users: { ann: 'pw' }, apop: true });
    server.handle('APOP', (connection) => connection.send('-ERR [AUTH] Bad login'));
    try {
      const result = await doctor({ settings: plaintext(server.port, 'APOP'), pop3Password: 'pw' });
      const login = result.steps.get('pop3-login');
      assert.equal(login?.status, 'failed', result.transcript);
      assert.match(login?.advice ?? '', /refused the sign-in method APOP/);
      assert.match(login?.advice ?? '', /automatic or USER\/PASS/);
      assert.doesNotMatch(login?.advice ?? '', /whole e-mail address/);
      assert.match(login?.summary ?? '', /refused: APOP/);
      const automatic = await doctor({ settings: plaintext(server.port, 'auto'), pop3Password: 'pw' });
      assert.equal(automatic.steps.get('pop3-login')?.status, 'ok', automatic.transcript);
      assert.match(automatic.steps.get('pop3-login')?.summary ?? '', /with USER\/PASS/);
    } finally {
      await server.close();
    }
  });

  test('without CAPA, UIDL and TOP are tried after signing in and shown as working', async () => {
    const server = await FakePop3Server.start({ layer: 'rfc1939', users: { ann: 'pw' }, messages: [{ uid: 'u1', body: message }] });
    try {
      const result = await doctor({ settings: plaintext(server.port, 'auto'), pop3Password: 'pw' });
      const step = result.steps.get('pop3-capabilities');
      assert.equal(step?.status, 'ok', result.transcript);
      const facts = new Map(step?.facts.map((fact) => [fact.name, fact.value]));
      assert.match(facts.get('UIDL') ?? '', /^yes \(tried/);
      assert.match(facts.get('TOP') ?? '', /^yes \(tried/);
      assert.equal(facts.get('USER'), 'yes');
      assert.match(result.transcript, /^C: UIDL 1$/m);
      assert.match(result.transcript, /^C: TOP 1 0$/m);
    } finally {
      await server.close();
    }
  });

  test('without CAPA, refused UIDL and TOP are shown as missing, with the leave-on-server warning', async () => {
    const server = await FakePop3Server.start({ layer: 'rfc1939', users: { ann: 'pw' }, messages: [{ uid: 'u1', body: message }] });
    server.handle('UIDL', (connection) => connection.send('-ERR Unknown command'));
    server.handle('TOP', (connection) => connection.send('-ERR Unknown command'));
    try {
      const result = await doctor({ settings: plaintext(server.port, 'auto'), pop3Password: 'pw' });
      const step = result.steps.get('pop3-capabilities');
      assert.equal(step?.status, 'warning', result.transcript);
      const facts = new Map(step?.facts.map((fact) => [fact.name, fact.value]));
      assert.match(facts.get('UIDL') ?? '', /^no \(tried/);
      assert.match(facts.get('TOP') ?? '', /^no \(tried/);
      assert.match(step?.summary ?? '', /no UIDL/);
    } finally {
      await server.close();
    }
  });

  test('IMPLEMENTATION announced only after sign-in is shown', async () => {
    const server = await FakePop3Server.start({
      users: { ann: 'pw' },
      capabilities: (lines, connection) => [...lines.filter((line) => !line.startsWith('IMPLEMENTATION')), ...(connection.state === 'transaction' ? ['IMPLEMENTATION Example-POP 2.1'] : [])],
    });
    try {
      const result = await doctor({ settings: plaintext(server.port, 'auto'), pop3Password: 'pw' });
      const facts = new Map(result.steps.get('pop3-capabilities')?.facts.map((fact) => [fact.name, fact.value]));
      assert.equal(facts.get('IMPLEMENTATION'), 'Example-POP 2.1', result.transcript);
      assert.equal(facts.get('STLS'), 'no');
    } finally {
      await server.close();
    }
  });
});
