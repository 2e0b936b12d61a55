/** The SMTP sign-in method can be forced per account, as the POP3 one can; absent means automatic. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { accountSettingsSchema } from '../../../shared/accounts';
import { smtpCredentials } from '../../../electron/services/account-login';
import { sampleSettings } from '../../fakes/account-settings';

test('an account saved without an SMTP method lets the engine choose', () => {
  const settings = accountSettingsSchema.parse(sampleSettings());
  assert.equal(settings.outgoing.auth, undefined);
  assert.deepEqual(smtpCredentials(settings, 'pw'), { type: 'password', username: settings.outgoing.username, password: 'pw' });
});

test('a forced SMTP method reaches the engine; auto does not force anything', () => {
  const base = sampleSettings();
  for (const auth of ['SCRAM-SHA-256', 'PLAIN', 'LOGIN', 'CRAM-MD5'] as const) {
    const settings = accountSettingsSchema.parse({ ...base, outgoing: { ...base.outgoing, auth } });
    assert.deepEqual(smtpCredentials(settings, 'pw'), { type: 'password', username: settings.outgoing.username, password: 'pw', mechanism: auth });
  }
  const automatic = accountSettingsSchema.parse({ ...base, outgoing: { ...base.outgoing, auth: 'auto' } });
  assert.equal(smtpCredentials(automatic, 'pw')?.type === 'password' && 'mechanism' in (smtpCredentials(automatic, 'pw') ?? {}), false);
});

test('an unknown SMTP method is refused by validation', () => {
  const base = sampleSettings();
  assert.equal(accountSettingsSchema.safeParse({ ...base, outgoing: { ...base.outgoing, auth: 'APOP' } }).success, false);
});
