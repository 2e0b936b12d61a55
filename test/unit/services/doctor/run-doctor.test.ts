/**
 * The account doctor against faults: an expired certificate, a server without STLS, a closed port, a
 * name that does not resolve, the SMTP step, and servers without CAPA or with refused methods. (Against
 * a real Dovecot: test/integration/services/doctor/run-doctor.test.ts.)
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { accountSettingsSchema, type AccountSettings } from '../../../../shared/accounts';
import { runDoctor } from '../../../../electron/services/doctor';
import { findFreePort } from '../../../servers/free-port';
import { sampleSettings } from '../../../fakes/account-settings';
import { expiredCertificate } from '../../../fakes/expired-certificate';
import { FakePop3Server } from '../../../fakes/pop3-server';
import { tlsFixture } from '../../../fakes/pop3/tls-fixture';
import { startFakeSmtpServer } from '../../../fakes/smtp-server';
import { assertNoPassword, doctor, DOCTOR_TIMEOUT_MS, incoming, status } from './doctor-harness';

const TEST_TIMEOUT_MS = 90_000;

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
    assert.deepEqual(status(result.steps), {
      'pop3-dns': 'ok',
      'pop3-tcp': 'failed',
      'pop3-tls': 'skipped',
      'pop3-capabilities': 'skipped',
      'pop3-login': 'skipped',
    });
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
    const smtp = await startFakeSmtpServer({
      tls: 'starttls',
      certificate: fixture.server,
      extensions: ['SIZE 10240000', 'STARTTLS', 'AUTH PLAIN LOGIN'],
      auth: { user: 'ann', password: 'smtp-pw' },
    });
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
  function plaintext(
    port: number,
    auth: AccountSettings['incoming']['auth'],
    leaveOnServer: AccountSettings['policy']['leaveOnServer'] = { mode: 'forever' },
  ): AccountSettings {
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
      capabilities: (lines, connection) => [
        ...lines.filter((line) => !line.startsWith('IMPLEMENTATION')),
        ...(connection.state === 'transaction' ? ['IMPLEMENTATION Example-POP 2.1'] : []),
      ],
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
