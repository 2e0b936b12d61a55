/**
 * The doctor in the user's language: titles, summaries and advice come from the catalogs (German and
 * Arabic here, with a closed port, an expired certificate and a name that does not resolve), and without
 * a translator the words stay English, as `--json` shows them.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createTranslator } from '../../../../shared/i18n/catalogs';
import { findFreePort } from '../../../servers/free-port';
import { expiredCertificate } from '../../../fakes/expired-certificate';
import { FakePop3Server } from '../../../fakes/pop3-server';
import { accountSettingsSchema } from '../../../../shared/accounts';
import { runDoctor } from '../../../../electron/services/doctor';
import { sampleSettings } from '../../../fakes/account-settings';
import { tlsFixture } from '../../../fakes/pop3/tls-fixture';
import { startFakeSmtpServer } from '../../../fakes/smtp-server';
import { doctor, DOCTOR_TIMEOUT_MS, incoming } from './doctor-harness';

const TEST_TIMEOUT_MS = 60_000;
const de = createTranslator('de');
const ar = createTranslator('ar');

test('a closed port and an unknown name are explained in German, and in English without a translator', { timeout: TEST_TIMEOUT_MS }, async () => {
  const port = await findFreePort();
  const closed = await doctor({ settings: incoming('127.0.0.1', port, 'tls', 'ann'), pop3Password: 'pw', t: de.t });
  const tcp = closed.steps.get('pop3-tcp');
  assert.equal(tcp?.title, de.t('doctor.title.pop3Tcp'));
  assert.ok(tcp?.summary.startsWith(de.t('doctor.tcp.failed', { port: String(port), host: '127.0.0.1', reason: 'ECONNREFUSED' })), tcp?.summary);
  assert.equal(tcp?.advice, de.t('doctor.advice.refused', { port: String(port), host: '127.0.0.1', protocol: 'POP3', tlsPort: '995', starttlsPort: '110' }));
  assert.equal(closed.steps.get('pop3-tls')?.summary, de.t('doctor.skip.noConnection'));
  assert.equal(closed.steps.get('pop3-login')?.summary, de.t('doctor.skip.earlier'));

  const lookup = async (): Promise<string[]> => {
    throw Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' });
  };
  const english = await doctor({ settings: incoming('pop.no-such-host.invalid', 995, 'tls', 'ann'), lookup });
  assert.equal(english.steps.get('pop3-dns')?.title, 'Incoming server name (DNS)');
  assert.match(english.steps.get('pop3-dns')?.advice ?? '', /typing mistakes/);
  const german = await doctor({ settings: incoming('pop.no-such-host.invalid', 995, 'tls', 'ann'), lookup, t: de.t });
  assert.equal(german.steps.get('pop3-dns')?.advice, de.t('doctor.advice.dns', { host: 'pop.no-such-host.invalid' }));
  assert.notEqual(german.steps.get('pop3-dns')?.advice, english.steps.get('pop3-dns')?.advice);
});

test('an expired certificate is explained in Arabic', { timeout: TEST_TIMEOUT_MS }, async () => {
  const certificate = expiredCertificate();
  const server = await FakePop3Server.start({ tls: certificate, implicitTls: true, users: { ann: 'pw' } });
  try {
    const result = await doctor({ settings: incoming(server.host, server.port, 'tls', 'ann', { caPem: certificate.cert }), pop3Password: 'pw', t: ar.t });
    const tls = result.steps.get('pop3-tls');
    assert.equal(tls?.status, 'failed');
    assert.equal(tls?.title, ar.t('doctor.title.pop3Tls'));
    assert.equal(tls?.summary, ar.t('doctor.cert.expired', { day: '2020-02-01' }));
    assert.equal(tls?.advice, ar.t('doctor.cert.expiredAdvice'));
    assert.match(tls?.summary ?? '', /[\u0600-\u06ff]/);
  } finally {
    await server.close();
  }
});

test('a refused SMTP sign-in is summed up in German and Arabic, like the POP3 steps', { timeout: TEST_TIMEOUT_MS }, async () => {
  const fixture = tlsFixture();
  const smtp = await startFakeSmtpServer({
    tls: 'starttls',
    certificate: fixture.server,
    extensions: ['STARTTLS', 'AUTH PLAIN LOGIN'],
    auth: { user: 'ann', password: 'smtp-pw' },
  });
  try {
    const settings = accountSettingsSchema.parse(
      sampleSettings({ outgoing: { host: '127.0.0.1', port: smtp.port, security: 'starttls', username: 'ann', credentials: 'separate', caPem: fixture.ca } }),
    );
    for (const { t } of [de, ar]) {
      const report = await runDoctor({ settings, smtpPassword: 'nope-nope', scope: 'outgoing', timeoutMs: DOCTOR_TIMEOUT_MS, t });
      const session = report.steps.find((step) => step.id === 'smtp-session');
      assert.equal(session?.error?.code, 'AUTH_FAILED');
      assert.equal(session?.summary, t('protocolError.credentialsRefused'));
      assert.notEqual(session?.summary, session?.error?.message);
    }
  } finally {
    await smtp.close();
  }
});
