import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  accountSettingsSchema,
  ACCOUNT_ID_PATTERN,
  defaultPolicy,
  DEFAULT_LEAVE_DAYS,
  describeLeaveOnServer,
  leaveOnServerForAnswer,
  normaliseHost,
  parseLeaveOnServer,
  receivePolicyOf,
} from '../../../shared/accounts';
import { sampleSettings } from '../../fakes/account-settings';

test('a complete account parses, host names in lower case and international names in punycode', () => {
  const parsed = accountSettingsSchema.parse(
    sampleSettings({ incoming: { host: 'POP.Bücher.example.', port: 995, security: 'tls', username: 'ann', auth: 'PLAIN' } }),
  );
  assert.equal(parsed.incoming.host, 'pop.xn--bcher-kva.example');
  assert.equal(parsed.outgoing.host, 'smtp.example.com');
});

test('host names with spaces, control characters, URL syntax or over 253 characters are refused', () => {
  for (const host of [
    'pop example.com',
    'pop\u0001.example.com',
    'pop.example.com\r\nQUIT',
    'http://pop.example.com',
    'a@b',
    `${'a'.repeat(60)}.`.repeat(5) + 'com',
    '',
  ]) {
    assert.equal(normaliseHost(host), undefined, JSON.stringify(host));
  }
  assert.equal(normaliseHost('[::1]'), '::1');
  assert.equal(normaliseHost('127.0.0.1'), '127.0.0.1');
});

test('ports outside 1–65535 are refused', () => {
  for (const port of [0, 65536, 1.5, -1]) {
    const input = sampleSettings({ incoming: { host: 'pop.example.com', port, security: 'tls', username: 'ann', auth: 'auto' } });
    assert.equal(accountSettingsSchema.safeParse(input).success, false, String(port));
  }
});

test('CR or LF in a one-line field is refused; a signature may span lines', () => {
  assert.equal(accountSettingsSchema.safeParse(sampleSettings({ displayName: 'Ann\r\nBcc: evil@example.com' })).success, false);
  assert.equal(accountSettingsSchema.safeParse(sampleSettings({ name: 'Home\n' })).success, false);
  const user = sampleSettings({ incoming: { host: 'pop.example.com', port: 995, security: 'tls', username: 'ann\r\nDELE 1', auth: 'auto' } });
  assert.equal(accountSettingsSchema.safeParse(user).success, false);
  assert.equal(accountSettingsSchema.safeParse(sampleSettings({ address: 'ann@example.com\n' })).success, false);
  assert.equal(accountSettingsSchema.safeParse(sampleSettings()).success, true);
});

test('plaintext needs the explicit "password is sent unencrypted" acknowledgment', () => {
  const plain = sampleSettings({ incoming: { host: 'pop.example.com', port: 110, security: 'none', username: 'ann', auth: 'auto' } });
  const refused = accountSettingsSchema.safeParse(plain);
  assert.equal(refused.success, false);
  assert.match(JSON.stringify(refused.error?.issues), /unencrypted/);
  assert.equal(accountSettingsSchema.safeParse({ ...plain, allowInsecure: true }).success, true);
  const plainSmtp = sampleSettings({ outgoing: { host: 'smtp.example.com', port: 25, security: 'none', username: 'ann', credentials: 'same' } });
  assert.equal(accountSettingsSchema.safeParse(plainSmtp).success, false);
});

test('an accepted certificate is pinned to its host and port, with a normalised SHA-256 fingerprint', () => {
  const fingerprint = 'ab:'.repeat(31) + 'ab';
  const pinnedTo = (port: number, fingerprint256: string) =>
    sampleSettings({
      incoming: {
        host: 'pop.example.com',
        port: 995,
        security: 'tls',
        username: 'ann',
        auth: 'auto',
        pinnedCertificate: { host: 'pop.example.com', port, fingerprint256 },
      },
    });
  assert.equal(accountSettingsSchema.parse(pinnedTo(995, fingerprint)).incoming.pinnedCertificate?.fingerprint256, 'AB'.repeat(32));
  assert.equal(accountSettingsSchema.safeParse(pinnedTo(110, fingerprint)).success, false, 'pinned to another port');
  assert.equal(accountSettingsSchema.safeParse(pinnedTo(995, 'ABCD')).success, false, 'not a SHA-256 fingerprint');
});

test('an extra CA must be a PEM certificate', () => {
  const incoming = { host: 'pop.example.com', port: 995, security: 'tls', username: 'ann', auth: 'auto' } as const;
  assert.equal(accountSettingsSchema.safeParse(sampleSettings({ incoming: { ...incoming, caPem: 'not a certificate' } })).success, false);
  const pem = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
  assert.equal(accountSettingsSchema.safeParse(sampleSettings({ incoming: { ...incoming, caPem: pem } })).success, true);
});

test('unknown fields are refused, so nothing (such as a password) can ride along in the settings', () => {
  assert.equal(accountSettingsSchema.safeParse({ ...sampleSettings(), password: 'secret' }).success, false);
  const incoming = { host: 'pop.example.com', port: 995, security: 'tls', username: 'ann', auth: 'auto', password: 'secret' };
  assert.equal(accountSettingsSchema.safeParse({ ...sampleSettings(), incoming }).success, false);
});

test('"Do you also read this mail on a phone or in webmail?": yes keeps it 14 days, no deletes after download, no answer keeps it', () => {
  assert.deepEqual(leaveOnServerForAnswer(true), { mode: 'days', days: DEFAULT_LEAVE_DAYS });
  assert.equal(DEFAULT_LEAVE_DAYS, 14);
  assert.deepEqual(leaveOnServerForAnswer(false), { mode: 'never' });
  assert.deepEqual(leaveOnServerForAnswer(undefined), { mode: 'days', days: 14 });
  assert.deepEqual(defaultPolicy(false), {
    leaveOnServer: { mode: 'never' },
    headersOnly: false,
    sizeLimitKb: null,
    checkEveryMinutes: null,
    checkAtStartup: true,
    includeInSendReceive: true,
  });
});

test('--leave-on-server words and days, and the policy in Send/Receive’s form', () => {
  assert.deepEqual(parseLeaveOnServer('forever'), { mode: 'forever' });
  assert.deepEqual(parseLeaveOnServer('never'), { mode: 'never' });
  assert.deepEqual(parseLeaveOnServer('until-deleted'), { mode: 'until-deleted' });
  assert.deepEqual(parseLeaveOnServer('30'), { mode: 'days', days: 30 });
  for (const bad of ['0', '-3', 'sometimes', '99999', '']) assert.equal(parseLeaveOnServer(bad), undefined, bad);
  assert.equal(describeLeaveOnServer({ mode: 'days', days: 7 }), 'kept on the server for 7 days');
  assert.deepEqual(receivePolicyOf({ ...defaultPolicy(true), sizeLimitKb: 500 }), {
    leaveOnServer: { mode: 'days', days: 14 },
    headersOnly: false,
    sizeLimitBytes: 512_000,
  });
});

test('account ids follow the credential store’s key pattern', () => {
  assert.ok(ACCOUNT_ID_PATTERN.test('aZ09._-'));
  assert.ok(!ACCOUNT_ID_PATTERN.test('a/b'));
});

test('the outgoing sign-in is same, separate or none, and nothing else', () => {
  const outgoing = sampleSettings().outgoing;
  for (const credentials of ['same', 'separate', 'none'] as const) {
    assert.equal(accountSettingsSchema.parse(sampleSettings({ outgoing: { ...outgoing, credentials } })).outgoing.credentials, credentials);
  }
  const refused = accountSettingsSchema.safeParse({ ...sampleSettings(), outgoing: { ...outgoing, credentials: 'anonymous' } });
  assert.equal(refused.success, false);
});
