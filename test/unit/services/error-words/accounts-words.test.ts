/**
 * The refusals of the account, credential and settings services are catalog messages: said in the
 * reader's language by the window and the command line, while `message` keeps the English words
 * (what `--json` and the log show).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { accountSettingsSchema } from '../../../../shared/accounts';
import { MailbagError } from '../../../../shared/errors';
import { createAccountService } from '../../../../electron/services/accounts';
import { createCredentialStore } from '../../../../electron/services/credentials/credential-store';
import { runPasswordCommand } from '../../../../electron/services/credentials/password-command';
import { openSettings } from '../../../../electron/services/settings';
import { openDatabase } from '../../../../electron/storage/database';
import { sampleSettings } from '../../../fakes/account-settings';
import { memoryKeychain } from '../../../fakes/memory-keychain';
import { refusal, saidIn } from './refusal';

const PASSWORD = 'the-right-password';

const settingsNamed = (overrides: Parameters<typeof sampleSettings>[0]) => accountSettingsSchema.parse(sampleSettings(overrides));

function accountService() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mailbag-account-words-'));
  const credentials = createCredentialStore({ profileDir: dir, keychain: memoryKeychain() });
  const accounts = createAccountService({
    database: openDatabase(path.join(dir, 'mailbag.sqlite')),
    credentials,
    verifyPop3: async (_settings, password) => {
      if (password !== PASSWORD) throw new MailbagError('AUTH_FAILED');
    },
  });
  return { accounts, credentials };
}

test('a taken account name and an unknown account are refused in German, the English message unchanged', async () => {
  const { accounts } = accountService();
  await accounts.save({ settings: settingsNamed({ name: 'Arbeit' }), pop3Password: PASSWORD });
  const taken = await refusal(accounts.save({ settings: settingsNamed({ name: 'arbeit' }), pop3Password: PASSWORD }));
  assert.equal(taken.code, 'VALIDATION');
  assert.equal(taken.message, 'An account called "arbeit" already exists; choose another name.');
  assert.equal(saidIn('de', taken), 'Ein Konto namens „arbeit“ gibt es bereits; wählen Sie einen anderen Namen.');

  const unknown = await refusal(() => accounts.find('Urlaub'));
  assert.equal(unknown.message, 'There is no account called "Urlaub".');
  assert.equal(saidIn('de', unknown), 'Es gibt kein Konto namens „Urlaub“.');
});

test('an address shared by two accounts is refused in Arabic, naming the address as data', async () => {
  const { accounts } = accountService();
  await accounts.save({ settings: settingsNamed({ name: 'One' }), pop3Password: PASSWORD });
  await accounts.save({ settings: settingsNamed({ name: 'Two' }), pop3Password: PASSWORD });
  const ambiguous = await refusal(() => accounts.find('ANN@example.com'));
  assert.equal(ambiguous.message, 'More than one account has the address "ANN@example.com"; use the account id.');
  assert.equal(saidIn('ar', ambiguous), 'يحمل أكثر من حساب العنوان «ANN@example.com»؛ استخدم معرّف الحساب.');
  const missingPassword = await refusal(accounts.save({ settings: settingsNamed({ name: 'Three' }) }));
  assert.equal(saidIn('de', missingPassword), 'Geben Sie das Passwort des Kontos oder einen Passwortbefehl an.');
});

test('an empty password is refused by the credential store in German', async () => {
  const { credentials } = accountService();
  const empty = await refusal(credentials.saveAfterSuccessfulLogin('abcdefghijklmnopqrstuv', 'pop3', '', async () => undefined));
  assert.equal(empty.message, 'The password must not be empty.');
  assert.equal(saidIn('de', empty), 'Das Passwort darf nicht leer sein.');
});

test('a password command that runs too long is refused in Arabic with its plural, and in German', async () => {
  const slow = await refusal(runPasswordCommand(`'${process.execPath}' -e 'setTimeout(() => {}, 60000)'`, { timeoutMs: 300 }));
  assert.equal(slow.message, 'The password command did not finish within 1 second, so it was stopped.');
  assert.equal(saidIn('ar', slow), 'لم ينتهِ أمر كلمة المرور خلال ثانية واحدة، لذلك أُوقف.');
  const missing = await refusal(runPasswordCommand('mailbag-no-such-password-program'));
  assert.equal(
    saidIn('de', missing),
    'Der Passwortbefehl „mailbag-no-such-password-program“ wurde nicht gefunden. Prüfen Sie den Namen, oder geben Sie den vollständigen Pfad an.',
  );
});

test('settings that are not valid are refused in German', async () => {
  const settings = await openSettings(mkdtempSync(path.join(os.tmpdir(), 'mailbag-settings-words-')));
  const invalid = await refusal(settings.update({ checkIntervalMinutes: -5 }));
  assert.equal(invalid.message, 'These settings are not valid.');
  assert.equal(saidIn('de', invalid), 'Diese Einstellungen sind ungültig.');
});
