/**
 * The doctor's tables and remaining sentences in the user's language, German and Arabic: the POP3
 * capability rows and the leave-on-server warnings, the TLS and SMTP rows, the round trip's summaries
 * and the provider sign-in step. Every expectation comes from the catalogs; the rows' names stay the
 * stable keys that `--json` shows, and the window and the command line word them.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { accountSettingsSchema } from '../../../../shared/accounts';
import { doctorFactName, type DoctorStatus, type DoctorStep, type DoctorStepId } from '../../../../shared/doctor';
import { MailbagError, type ErrorData } from '../../../../shared/errors';
import { createTranslator } from '../../../../shared/i18n/catalogs';
import { runDoctor } from '../../../../electron/services/doctor';
import { capabilityFacts, capabilityWarning } from '../../../../electron/services/doctor/capability-table';
import { checkProviderSignIn } from '../../../../electron/services/doctor/provider-sign-in';
import { ROUND_TRIP_SUBJECT } from '../../../../electron/services/doctor/round-trip';
import { parseCapabilities } from '../../../../electron/protocols/pop3/capabilities';
import { sampleSettings } from '../../../fakes/account-settings';
import { tlsFixture } from '../../../fakes/pop3/tls-fixture';
import { FakePop3Server } from '../../../fakes/pop3-server';
import { startFakeSmtpServer } from '../../../fakes/smtp-server';
import { DOCTOR_TIMEOUT_MS, doctor, incoming } from './doctor-harness';

const TEST_TIMEOUT_MS = 60_000;
const LANGUAGES = [createTranslator('de'), createTranslator('ar')] as const;
/** Arabic letters: an Arabic row is written in Arabic, not left in English. */
const ARABIC = /[\u0600-\u06ff]/;

/** A step's rows as name → value. */
function rows(step: DoctorStep | undefined): Map<string, string> {
  return new Map(step?.facts.map((fact) => [fact.name, fact.value]));
}

describe('the capability table and its warnings', () => {
  const listed = parseCapabilities(['TOP', 'UIDL', 'USER', 'PIPELINING', 'LOGIN-DELAY 900', 'EXPIRE 5', 'SASL PLAIN', 'RESP-CODES']);
  const unlisted = { ...parseCapabilities([]), announced: false };

  for (const { locale, t } of LANGUAGES) {
    test(`${locale}: values and meanings from the catalogs, names the protocol's keywords`, () => {
      const facts = capabilityFacts(t, listed, { security: 'tls' });
      const byName = new Map(facts.map((fact) => [fact.name, fact]));
      assert.deepEqual(
        facts.map((fact) => fact.name),
        ['UIDL', 'TOP', 'PIPELINING', 'LOGIN-DELAY', 'EXPIRE', 'SASL', 'USER', 'STLS', 'RESP-CODES', 'IMPLEMENTATION'],
      );
      assert.equal(byName.get('UIDL')?.value, t('doctor.fact.yes'));
      assert.equal(byName.get('UIDL')?.meaning, t('doctor.cap.uidlMeaning'));
      assert.equal(byName.get('TOP')?.meaning, t('doctor.cap.topMeaning'));
      assert.equal(byName.get('LOGIN-DELAY')?.value, t('doctor.cap.loginDelay', { seconds: 900 }));
      assert.equal(byName.get('EXPIRE')?.value, t('doctor.cap.expireDays', { days: 5 }));
      assert.equal(byName.get('EXPIRE')?.meaning, t('doctor.cap.expireMeaning'));
      assert.equal(byName.get('STLS')?.value, t('doctor.cap.stlsNotNeeded'));
      assert.equal(byName.get('IMPLEMENTATION')?.value, t('doctor.fact.notAnnounced'));
      assert.equal(doctorFactName(t, 'UIDL'), 'UIDL', 'a keyword is not translated');

      const tried = new Map(
        capabilityFacts(t, unlisted, { security: 'none', commands: { probed: true, uidl: 'no', top: 'unknown' } }).map((fact) => [fact.name, fact.value]),
      );
      assert.equal(tried.get('UIDL'), t('doctor.cap.triedNo'));
      assert.equal(tried.get('TOP'), t('doctor.cap.untried'));
      assert.equal(tried.get('USER'), t('doctor.cap.assumed'));
      assert.equal(tried.get('STLS'), t('doctor.cap.unlisted'));
      assert.equal(tried.get('SASL'), t('doctor.fact.none'));
      if (locale === 'ar') for (const fact of facts) if (fact.meaning !== undefined) assert.match(fact.meaning, ARABIC, fact.name);
    });

    test(`${locale}: a server that cannot keep mail as the account asks is explained`, () => {
      const noUidl = capabilityWarning(t, parseCapabilities(['TOP', 'USER']), { mode: 'forever' });
      assert.deepEqual(noUidl, { summary: t('doctor.cap.noUidl'), advice: t('doctor.cap.noUidlAdvice', { choice: t('setup.leaveNo') }) });
      const expireNow = capabilityWarning(t, parseCapabilities(['UIDL', 'EXPIRE 0']), { mode: 'forever' });
      assert.deepEqual(expireNow, { summary: t('doctor.cap.expireZero'), advice: t('doctor.cap.expireZeroAdvice') });
      const sooner = capabilityWarning(t, listed, { mode: 'days', days: 14 });
      assert.deepEqual(sooner, { summary: t('doctor.cap.expireShort', { expire: 5, days: 14 }), advice: t('doctor.cap.expireShortAdvice') });
      assert.equal(capabilityWarning(t, listed, { mode: 'never' }), undefined);
    });
  }

  test('without a translator the words stay English, as --json has them', () => {
    const english = createTranslator('en').t;
    const warning = capabilityWarning(english, listed, { mode: 'days', days: 14 });
    assert.equal(warning?.summary, 'The server keeps downloaded mail only 5 days, fewer than the 14 this account asks for.');
    assert.equal(capabilityFacts(english, listed).find((fact) => fact.name === 'EXPIRE')?.value, '5 days');
  });
});

describe('the TLS and SMTP rows of a run', { timeout: TEST_TIMEOUT_MS }, () => {
  for (const { locale, t } of LANGUAGES) {
    test(`${locale}: the certificate's and the outgoing server's rows`, async () => {
      const fixture = tlsFixture();
      const pop3 = await FakePop3Server.start({ tls: fixture.server, implicitTls: true, users: { ann: 'pw' } });
      const smtp = await startFakeSmtpServer({
        tls: 'starttls',
        certificate: fixture.server,
        extensions: ['SIZE 2048000'],
        auth: { user: 'ann', password: 'pw' },
      });
      try {
        const base = incoming(pop3.host, pop3.port, 'tls', 'ann', { caPem: fixture.ca });
        const settings = accountSettingsSchema.parse({
          ...base,
          outgoing: { host: '127.0.0.1', port: smtp.port, security: 'starttls', username: 'ann', credentials: 'same', caPem: fixture.ca },
        });
        const result = await doctor({ settings, pop3Password: 'pw', scope: 'all', t });
        const tls = rows(result.steps.get('pop3-tls'));
        assert.equal(result.steps.get('pop3-tls')?.status, 'ok', result.transcript);
        assert.equal(tls.get('Chain trusted'), t('doctor.fact.yes'));
        assert.equal(tls.get('Name matches'), t('doctor.fact.yes'));
        assert.equal(doctorFactName(t, 'Chain trusted'), t('setup.fact.chainTrusted'));

        const session = result.steps.get('smtp-session');
        assert.equal(session?.status, 'ok', result.transcript);
        const outgoing = rows(session);
        assert.equal(outgoing.get('SIZE limit'), t('doctor.smtp.sizeKb', { kilobytes: 2000 }));
        assert.equal(session?.facts.find((fact) => fact.name === 'SIZE limit')?.meaning, t('doctor.smtp.sizeMeaning'));
        assert.equal(outgoing.get('Signed in with'), 'PLAIN');
        assert.match(outgoing.get('Encryption') ?? '', /^TLSv1\.[23]$/);
        assert.equal(doctorFactName(t, 'SIZE limit'), t('doctor.fact.sizeLimit'));
        assert.equal(doctorFactName(t, 'Encryption'), t('doctor.fact.encryption'));
        assert.ok(rows(result.steps.get('pop3-login')).has('Mechanism'));
        assert.equal(doctorFactName(t, 'Mechanism'), t('doctor.fact.mechanism'));
      } finally {
        await smtp.close();
        await pop3.close();
      }
    });
  }

  test('ar: a server without AUTH, and one that knows only HELO, in Arabic', async () => {
    const { t } = createTranslator('ar');
    const smtp = await startFakeSmtpServer({ tls: 'none', extensions: null });
    try {
      const settings = accountSettingsSchema.parse(
        sampleSettings({ outgoing: { host: '127.0.0.1', port: smtp.port, security: 'none', username: 'ann', credentials: 'none' }, allowInsecure: true }),
      );
      const report = await runDoctor({ settings, scope: 'outgoing', timeoutMs: DOCTOR_TIMEOUT_MS, t });
      const session = report.steps.find((step) => step.id === 'smtp-session');
      assert.equal(session?.status, 'ok', report.transcript.join('\n'));
      const outgoing = rows(session);
      assert.equal(outgoing.get('EHLO'), t('doctor.smtp.heloUsed'));
      assert.equal(outgoing.get('Encryption'), t('doctor.fact.none'));
      assert.equal(outgoing.get('AUTH'), t('doctor.smtp.authNotOffered'));
      assert.equal(outgoing.get('Signed in with'), t('doctor.smtp.notSignedIn'));
      assert.equal(outgoing.get('SIZE limit'), t('doctor.smtp.noSizeLimit'));
      for (const value of outgoing.values()) assert.match(value, ARABIC);
    } finally {
      await smtp.close();
    }
  });
});

describe('the round trip in the user’s language', { timeout: TEST_TIMEOUT_MS }, () => {
  /** A fake POP3 server and a fake SMTP server that delivers into it when `deliver` is on, both without TLS. */
  async function servers(deliver: boolean) {
    const pop3 = await FakePop3Server.start({ users: { ann: 'pw' } });
    let delivered = 0;
    const smtp = await startFakeSmtpServer({
      tls: 'none',
      auth: { user: 'ann', password: 'pw' },
      onData: (connection, data) => {
        if (deliver) {
          delivered += 1;
          pop3.messages.push({
            uid: `round-trip-${delivered}`,
            size: data.length,
            chunks: async function* () {
              yield data;
            },
          });
        }
        connection.reply('250 2.0.0 queued');
      },
    });
    const settings = accountSettingsSchema.parse(
      sampleSettings({
        address: 'ann@example.test',
        identities: [],
        incoming: { host: '127.0.0.1', port: pop3.port, security: 'none', username: 'ann', auth: 'auto' },
        outgoing: { host: '127.0.0.1', port: smtp.port, security: 'none', username: 'ann', credentials: 'same' },
        allowInsecure: true,
      }),
    );
    return { settings, close: async () => Promise.all([pop3.close(), smtp.close()]) };
  }

  for (const { locale, t } of LANGUAGES) {
    test(`${locale}: sent and arrived, with the time it took`, async () => {
      const { settings, close } = await servers(true);
      let clock = 1_000_000;
      try {
        // The clock moves 1.5 s at each reading after the send: the arrival time is known exactly.
        const now = () => (clock += 1500);
        const result = await doctor({ settings, pop3Password: 'pw', scope: 'all', roundTrip: true, roundTripPollMs: 10, now, t });
        const sent = result.steps.get('round-trip-send');
        assert.equal(sent?.status, 'ok', result.transcript);
        assert.equal(sent?.summary, t('doctor.roundTrip.sent', { address: 'ann@example.test' }));
        const received = result.steps.get('round-trip-receive');
        assert.equal(received?.status, 'ok', result.transcript);
        const seconds = rows(received).get('Time to arrive') ?? '';
        assert.match(received?.summary ?? '', new RegExp(seconds.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
        assert.ok(
          [1.5, 3, 4.5, 6].some((value) => received?.summary === t('doctor.roundTrip.arrived', { seconds: value })),
          `${received?.summary ?? ''} is the catalog's sentence`,
        );
        assert.equal(doctorFactName(t, 'Time to arrive'), t('doctor.fact.timeToArrive'));
      } finally {
        await close();
      }
    });

    test(`${locale}: a test message that never arrives`, async () => {
      const { settings, close } = await servers(false);
      try {
        const result = await doctor({ settings, pop3Password: 'pw', scope: 'all', roundTrip: true, roundTripWaitMs: 0, roundTripPollMs: 10, t });
        const received = result.steps.get('round-trip-receive');
        assert.equal(received?.status, 'failed', result.transcript);
        assert.equal(received?.summary, t('doctor.roundTrip.late', { seconds: 0 }));
        assert.equal(received?.advice, t('doctor.roundTrip.lateAdvice', { subject: ROUND_TRIP_SUBJECT }));
        if (locale === 'ar') assert.match(received?.advice ?? '', ARABIC);
      } finally {
        await close();
      }
    });
  }
});

describe('the provider sign-in step in the user’s language', () => {
  /** Runs the step and collects what it reported. */
  async function providerStep(
    check: () => Promise<{ accessToken: string; missingScopes: readonly string[] }>,
    t: ReturnType<typeof createTranslator>['t'],
  ): Promise<{ status: DoctorStatus; summary: string; advice?: string; error?: ErrorData }> {
    const reported: { id: DoctorStepId; status: DoctorStatus; summary: string; advice?: string; error?: ErrorData }[] = [];
    await checkProviderSignIn(check, (id, status, summary, extra) => reported.push({ id, status, summary, ...extra }), t);
    assert.equal(reported.length, 1);
    assert.equal(reported[0]?.id, 'provider-sign-in');
    const { id: _id, ...step } = reported[0] ?? { id: 'provider-sign-in', status: 'failed', summary: '' };
    return step;
  }

  for (const { locale, t } of LANGUAGES) {
    test(`${locale}: renewed, missing permissions, and a sign-in the provider no longer honours`, async () => {
      const ok = await providerStep(async () => ({ accessToken: 'token', missingScopes: [] }), t);
      assert.deepEqual(ok, { status: 'ok', summary: t('doctor.provider.ok') });

      const missing = await providerStep(async () => ({ accessToken: 'token', missingScopes: ['https://mail.google.com/', 'contacts'] }), t);
      const names = t('serviceError.oauth.scopeThen', {
        first: t('serviceError.oauth.googleMailScope', { scope: 'https://mail.google.com/' }),
        next: 'contacts',
      });
      assert.deepEqual(missing, { status: 'failed', summary: t('doctor.provider.missing', { names }), advice: t('doctor.provider.missingAdvice', { names }) });

      const revoked = await providerStep(async () => {
        throw new MailbagError('AUTH_FAILED', 'The sign-in with the provider is no longer valid. Sign in again to continue.');
      }, t);
      assert.equal(revoked.summary, t('doctor.provider.revoked'));
      assert.equal(revoked.advice, t('doctor.provider.signInAgainAdvice', { button: t('status.signInAgain') }));
      assert.equal(revoked.error?.code, 'AUTH_FAILED', 'the code stays for scripts');
      if (locale === 'ar') for (const text of [missing.summary, revoked.summary, revoked.advice ?? '']) assert.match(text, ARABIC);
    });
  }
});
