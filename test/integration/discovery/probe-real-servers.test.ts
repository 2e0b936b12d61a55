/**
 * Discovery's guessing against the real Dovecot (POP3 over implicit TLS and STLS) and the real Postfix
 * (implicit-TLS submission, STARTTLS submission, and a port-25 style port without STARTTLS), with the
 * guessed host names routed to their 127.0.0.1 ports and the test CA trusted.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { discoverSettings } from '../../../electron/services/discovery/discover';
import { probeServer } from '../../../electron/services/discovery/probe';
import { startPostfix, TEST_DOMAIN, type PostfixServer } from '../../servers/postfix';
import { POSTFIX_TEST_TIMEOUT_MS } from '../smtp/support';
import { DISCOVERY_SERVER_NAMES, startLocalDiscovery, type LocalDiscovery } from './support';

/** Bound on one probe here; every server is on 127.0.0.1. */
const PROBE_BOUND_MS = 10_000;

describe('discovery probing the real Dovecot and Postfix', { timeout: POSTFIX_TEST_TIMEOUT_MS }, () => {
  let server: PostfixServer;
  let local: LocalDiscovery | undefined;
  let untrusted: LocalDiscovery | undefined;
  before(async () => {
    server = await startPostfix({ serverNames: DISCOVERY_SERVER_NAMES });
    const routes = {
      [`pop.${TEST_DOMAIN}:995`]: server.dovecot.tlsPort,
      [`pop.${TEST_DOMAIN}:110`]: server.dovecot.port,
      [`smtp.${TEST_DOMAIN}:465`]: server.smtpsPort,
      [`smtp.${TEST_DOMAIN}:587`]: server.submissionPort,
      // A port-25 style port where submission was guessed: no STARTTLS, so plaintext only.
      [`mail.${TEST_DOMAIN}:587`]: server.plainPort,
    };
    local = await startLocalDiscovery({ certificates: server.dovecot.certificates, routes });
    untrusted = await startLocalDiscovery({ certificates: server.dovecot.certificates, routes, probeCa: server.otherCaPem });
  });
  after(async () => {
    await Promise.all([local?.close(), untrusted?.close()]);
    await server?.stop();
  });

  test('CAPA over implicit TLS and after STLS from Dovecot; EHLO over implicit TLS and after STARTTLS from Postfix', async () => {
    assert.ok(local !== undefined);
    const probe = local.network.probe;
    const signal = AbortSignal.timeout(PROBE_BOUND_MS);
    const pop3Tls = await probeServer(probe, 'pop3', `pop.${TEST_DOMAIN}`, 995, 'tls', signal);
    assert.equal(pop3Tls.security, 'tls');
    assert.ok(pop3Tls.capabilities.includes('UIDL') && pop3Tls.capabilities.includes('TOP'), pop3Tls.capabilities.join(' '));
    const pop3Stls = await probeServer(probe, 'pop3', `pop.${TEST_DOMAIN}`, 110, 'starttls', signal);
    assert.equal(pop3Stls.security, 'starttls');
    assert.ok(
      pop3Stls.capabilities.some((capability) => capability.startsWith('SASL')),
      'after STLS Dovecot offers SASL sign-in',
    );
    const smtps = await probeServer(probe, 'smtp', `smtp.${TEST_DOMAIN}`, 465, 'tls', signal);
    assert.equal(smtps.security, 'tls');
    assert.ok(smtps.capabilities.includes(`SIZE ${server.messageSizeLimit}`), smtps.capabilities.join(' '));
    const submission = await probeServer(probe, 'smtp', `smtp.${TEST_DOMAIN}`, 587, 'starttls', signal);
    assert.equal(submission.security, 'starttls');
    assert.ok(
      submission.capabilities.some((capability) => capability.startsWith('AUTH ')),
      'AUTH is offered after STARTTLS',
    );
    const plain = await probeServer(probe, 'smtp', `mail.${TEST_DOMAIN}`, 587, 'starttls', signal);
    assert.equal(plain.security, 'none');
  });

  test('the guess source finds both servers, recommends implicit TLS, and keeps plaintext last', async () => {
    assert.ok(local !== undefined);
    const result = await discoverSettings(local.network, { address: `test@${TEST_DOMAIN}` });
    assert.deepEqual(result.sources.guess, { state: 'answered', incoming: 2, outgoing: 3 });
    assert.deepEqual(result.sources.autoconfig, { state: 'nothing' });
    const describe = (candidate: { host: string; port: number; security: string; source: string } | undefined): string =>
      candidate === undefined ? 'none' : `${candidate.host}:${candidate.port} ${candidate.security} ${candidate.source}`;
    assert.equal(describe(result.recommended.incoming), `pop.${TEST_DOMAIN}:995 tls guess`);
    assert.equal(describe(result.recommended.outgoing), `smtp.${TEST_DOMAIN}:465 tls guess`);
    assert.deepEqual(result.incoming.map(describe), [`pop.${TEST_DOMAIN}:995 tls guess`, `pop.${TEST_DOMAIN}:110 starttls guess`]);
    assert.deepEqual(result.outgoing.map(describe), [
      `smtp.${TEST_DOMAIN}:465 tls guess`,
      `smtp.${TEST_DOMAIN}:587 starttls guess`,
      `mail.${TEST_DOMAIN}:587 none guess`,
    ]);
    assert.equal(result.outgoing.at(-1)?.needsPlaintextConsent, true);
    const answered = result.probes.filter((attempt) => attempt.outcome.state === 'answered').length;
    assert.equal(answered, 5);
    assert.equal(result.probes.length, 12, 'every guessed host and port was tried');
  });

  test('with a CA that did not sign the servers’ certificate, the guess fails with TLS_CERTIFICATE', async () => {
    assert.ok(untrusted !== undefined);
    const result = await discoverSettings(untrusted.network, { address: `test@${TEST_DOMAIN}` });
    const tlsFailures = result.probes.filter((attempt) => attempt.outcome.state === 'failed' && attempt.outcome.code === 'TLS_CERTIFICATE');
    assert.ok(
      tlsFailures.some((attempt) => attempt.host === `pop.${TEST_DOMAIN}` && attempt.port === 995),
      JSON.stringify(result.probes),
    );
    assert.equal(result.recommended.incoming?.security ?? 'none', 'none', 'no encrypted server is recommended without a trusted certificate');
  });
});
