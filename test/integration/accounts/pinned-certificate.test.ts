/**
 * An untrusted (self-signed) certificate accepted for one host and port, pinned by its fingerprint,
 * against a real Dovecot: through the contract (the doctor reports the fingerprint, saveAccount stores
 * the pin after a sign-in through it) and through `mailbag account add`, whose first attempt prints the
 * certificate's details and the flag that accepts it.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { createCore, type Core } from '../../../electron/main/core';
import { createStreamLogger } from '../../../electron/services/logger';
import { accountSettingsSchema, type AccountSettingsInput } from '../../../shared/accounts';
import type { DoctorReport } from '../../../shared/doctor';
import type { SaveAccountResult } from '../../../shared/ipc/contract';
import { sampleSettings } from '../../fakes/account-settings';
import { startDovecot, type DovecotServer } from '../../servers/dovecot';
import { LOOPBACK } from '../../servers/free-port';
import { captureOutput, NO_KEYCHAIN_ENV, runMailbag } from '../../support/cli';
import { runCli } from '../../../electron/cli/run';
import { certificateReasonWords } from '../../../shared/certificate-reasons';
import { createTranslator } from '../../../shared/i18n/catalogs';
import { NEW_EC_KEY } from '../../fakes/pop3/tls-fixture';

const TEST_TIMEOUT_MS = 90_000;
const OPENSSL_TIMEOUT_MS = 20_000;
const run = promisify(execFile);

/** A self-signed certificate for 127.0.0.1 (its own issuer: no authority vouches for it). */
async function selfSigned(directory: string): Promise<{ certificate: string; key: string }> {
  const certificate = path.join(directory, 'self-signed.pem');
  const key = path.join(directory, 'self-signed.key');
  await run(
    'openssl',
    ['req', '-x509', ...NEW_EC_KEY, '-keyout', key, '-out', certificate, '-days', '2', '-subj', `/CN=${LOOPBACK}`, '-addext', `subjectAltName=IP:${LOOPBACK}`],
    { timeout: OPENSSL_TIMEOUT_MS },
  );
  return { certificate, key };
}

describe('an untrusted certificate pinned for one server', { timeout: TEST_TIMEOUT_MS }, () => {
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'mailbag-pinned-'));
  let dovecot: DovecotServer;
  let core: Core | undefined;

  before(async () => {
    const files = await selfSigned(scratch);
    // Later settings win in dovecot.conf: the server presents the self-signed certificate.
    dovecot = await startDovecot({ extraConfig: `ssl_cert = <${files.certificate}\nssl_key = <${files.key}\n` });
    core = await createCore({ profileDir: path.join(scratch, 'contract-profile'), logger: createStreamLogger(() => {}, false), env: NO_KEYCHAIN_ENV });
  });
  after(async () => {
    await core?.close();
    await dovecot?.stop();
    rmSync(scratch, { recursive: true, force: true });
  });

  function settings(pin?: { port: number; fingerprint256: string }): AccountSettingsInput {
    return sampleSettings({
      address: `${dovecot.user}@example.test`,
      identities: [],
      incoming: {
        host: LOOPBACK,
        port: dovecot.tlsPort,
        security: 'tls',
        username: dovecot.user,
        auth: 'auto',
        ...(pin === undefined ? {} : { pinnedCertificate: { host: LOOPBACK, ...pin } }),
      },
      // Nothing listens on port 1: the outgoing check fails, which saving reports but does not refuse.
      outgoing: { host: LOOPBACK, port: 1, security: 'tls', username: dovecot.user, credentials: 'same' },
    });
  }

  test('contract: the doctor reports the fingerprint; saveAccount with that pin signs in and saves; another pin is refused', async () => {
    assert.ok(core !== undefined);
    const call = (operation: 'testAccount' | 'saveAccount', input: unknown) => core!.registry.dispatch(operation, input, { transport: 'cli' });
    const first = await call('testAccount', { settings: settings(), scope: 'incoming', pop3Password: dovecot.password });
    assert.ok(first.ok);
    const tls = (first.value as DoctorReport).steps.find((step) => step.id === 'pop3-tls');
    assert.equal(tls?.status, 'failed');
    assert.equal(tls?.error?.code, 'TLS_CERTIFICATE');
    assert.match(tls?.summary ?? '', /not signed by an authority/);
    const fingerprint = tls?.certificateFingerprint256 ?? '';
    assert.match(fingerprint, /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    assert.ok(
      tls?.facts.some((fact) => fact.name === 'Issued by' && fact.value.includes(LOOPBACK)),
      'self-signed: issued by itself',
    );

    const unpinned = await call('saveAccount', { settings: settings(), pop3Password: dovecot.password });
    assert.equal(unpinned.ok ? 'saved' : unpinned.error.code, 'TLS_CERTIFICATE', 'nothing is saved without the user’s acceptance');

    const wrongPin = await call('saveAccount', {
      settings: settings({ port: dovecot.tlsPort, fingerprint256: 'AB'.repeat(32) }),
      pop3Password: dovecot.password,
    });
    assert.equal(wrongPin.ok ? 'saved' : wrongPin.error.code, 'TLS_CERTIFICATE', 'a pin of another certificate does not open the door');
    const otherPort = await call('saveAccount', { settings: settings({ port: dovecot.port, fingerprint256: fingerprint }), pop3Password: dovecot.password });
    assert.equal(otherPort.ok ? 'saved' : otherPort.error.code, 'VALIDATION', 'a pin must name the server’s own host and port');

    const saved = await call('saveAccount', { settings: settings({ port: dovecot.tlsPort, fingerprint256: fingerprint }), pop3Password: dovecot.password });
    assert.ok(saved.ok, saved.ok ? '' : saved.error.message);
    const account = (saved.value as SaveAccountResult).account;
    assert.equal(account.settings?.incoming.pinnedCertificate?.fingerprint256, fingerprint.replace(/:/g, ''));
    const again = await call('testAccount', { accountId: account.id, scope: 'incoming' });
    assert.ok(again.ok);
    const steps = new Map((again.value as DoctorReport).steps.map((step) => [step.id, step]));
    assert.match(steps.get('pop3-tls')?.summary ?? '', /You accepted this certificate for this server/);
    assert.equal(steps.get('pop3-login')?.status, 'ok');
    assert.ok(accountSettingsSchema.safeParse(account.settings).success);
  });

  test('command line: the first add prints the certificate and the flag; --accept-certificate adds the account', async () => {
    const profile = path.join(scratch, 'cli-profile');
    const mailbag = (args: readonly string[], input = '') => runMailbag(['--profile', profile, ...args], { input });
    const flags = [
      'account',
      'add',
      '--name',
      'Home',
      '--email',
      `${dovecot.user}@example.test`,
      '--pop3',
      `${LOOPBACK}:${dovecot.tlsPort}`,
      '--pop3-security',
      'tls',
      '--pop3-user',
      dovecot.user,
      '--smtp',
      `${LOOPBACK}:1`,
      '--smtp-security',
      'tls',
      '--leave-on-server',
      'forever',
      '--password-stdin',
    ];
    const first = await mailbag(flags, `${dovecot.password}\n`);
    assert.equal(first.code, 1, first.err);
    assert.match(first.err, /TLS_CERTIFICATE/);
    assert.match(first.err, new RegExp(`The certificate of ${LOOPBACK.replace(/\./g, '\\.')} port ${dovecot.tlsPort} is not trusted`));
    assert.match(first.err, /Issued by: .*127\.0\.0\.1/);
    const printed = /--accept-certificate ((?:[0-9A-F]{2}:){31}[0-9A-F]{2})/.exec(first.err);
    assert.ok(printed !== null, first.err);
    assert.deepEqual(JSON.parse((await mailbag(['--json', 'account', 'list'])).out), []);

    const bad = await mailbag([...flags, '--accept-certificate', 'not-a-fingerprint'], `${dovecot.password}\n`);
    assert.equal(bad.code, 2);

    const accepted = await mailbag([...flags, '--accept-certificate', printed[1] ?? ''], `${dovecot.password}\n`);
    // Saved; exit 3 because no SMTP server listens on port 1, so the outgoing side is not verified.
    assert.equal(accepted.code, 3, accepted.err);
    assert.match(accepted.out, /Account "Home" added/);
    const doctor = await mailbag(['account', 'doctor', 'Home', '--incoming-only']);
    assert.equal(doctor.code, 0, doctor.out + doctor.err);
    assert.match(doctor.out, /\[ok {2}\] Incoming server encryption \(TLS\): You accepted this certificate/);
  });

  test('command line in German and Arabic: the certificate, its facts and the refusal in the user’s language; --json the same in every language', async () => {
    const profile = path.join(scratch, 'cli-languages-profile');
    const flags = [
      ...['account', 'add', '--name', 'Heim', '--email', `${dovecot.user}@example.test`, '--pop3', `${LOOPBACK}:${dovecot.tlsPort}`],
      ...['--pop3-security', 'tls', '--pop3-user', dovecot.user, '--smtp', `${LOOPBACK}:1`, '--smtp-security', 'tls'],
      ...['--leave-on-server', 'forever', '--password-stdin'],
    ];
    const mailbag = async (args: readonly string[], lang: string) => {
      const io = captureOutput({ stdin: { text: `${dovecot.password}\n` } });
      const code = await runCli(['--profile', profile, ...args], io.streams, { ...NO_KEYCHAIN_ENV, LANG: lang });
      return { code, out: io.out(), err: io.err() };
    };
    const selfSignedReason = { reason: 'selfSigned', code: 'DEPTH_ZERO_SELF_SIGNED_CERT' } as const;
    for (const [lang, locale] of [
      ['de_DE.UTF-8', 'de'],
      ['ar_EG.UTF-8', 'ar'],
    ] as const) {
      const { t } = createTranslator(locale);
      const first = await mailbag(flags, lang);
      assert.equal(first.code, 1, first.err);
      const summary = t('doctor.cert.untrustedWhy', { reason: certificateReasonWords(t, selfSignedReason) });
      assert.ok(first.err.includes(t('cli.accountAdd.untrusted', { host: LOOPBACK, port: String(dovecot.tlsPort), summary })), first.err);
      const chain = t('doctor.fact.noBecause', { reason: certificateReasonWords(t, selfSignedReason) });
      assert.ok(first.err.includes(t('cli.accountAdd.certificateFact', { name: t('setup.fact.chainTrusted'), value: chain })), first.err);
      assert.ok(first.err.includes(t('cli.accountAdd.certificateFact', { name: t('setup.fact.nameMatches'), value: t('doctor.fact.yes') })), first.err);
      assert.ok(first.err.includes(`${t('setup.fact.issuedBy')}`), first.err);
      const refusal = t('tls.unverified', selfSignedReason);
      assert.ok(first.err.includes(`mailbag: TLS_CERTIFICATE: ${refusal}`), first.err);
      assert.doesNotMatch(first.err, /could not be verified|Chain trusted|self-signed|Issued by/, 'no English words');
    }
    const english = await mailbag(['--json', ...flags], 'C');
    const german = await mailbag(['--json', ...flags], 'de_DE.UTF-8');
    const arabic = await mailbag(['--json', ...flags], 'ar_EG.UTF-8');
    assert.equal(english.code, 1);
    assert.match(english.out, /"message":"The server's certificate could not be verified: it is self-signed\."/);
    assert.equal(german.out, english.out, '--json does not change with the language');
    assert.equal(arabic.out, english.out, '--json does not change with the language');
  });
});
