/**
 * The account doctor against a real Dovecot on 127.0.0.1: every step over TLS and STARTTLS, plaintext,
 * a wrong password, an untrusted certificate (and the user's pin), a certificate for another name.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { accountSettingsSchema } from '../../../../shared/accounts';
import { startDovecot, type DovecotServer } from '../../../servers/dovecot';
import { assertNoPassword, doctor, incoming, status } from '../../../unit/services/doctor/doctor-harness';

const TEST_TIMEOUT_MS = 90_000;

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
      assert.deepEqual(
        status(result.steps),
        { 'pop3-dns': 'ok', 'pop3-tcp': 'ok', 'pop3-tls': 'ok', 'pop3-capabilities': 'ok', 'pop3-login': 'ok' },
        result.transcript,
      );
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
