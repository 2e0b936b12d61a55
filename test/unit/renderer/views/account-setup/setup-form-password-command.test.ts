/** The password command in the account form: kept, checked like the schema checks it, and it stands in for a typed password. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkForm, emptyForm, formFromAccount, settingsFromForm } from '../../../../../renderer/views/account-setup/setup-form';
import { accountSettingsSchema } from '../../../../../shared/accounts';
import { sampleSettings } from '../../../../fakes/account-settings';
import { createTranslator } from '../../../../../shared/i18n/catalogs';

const en = createTranslator('en').t;

test('a password command round-trips through the form and replaces the typed password of a new account', () => {
  const settings = accountSettingsSchema.parse(sampleSettings({ passwordCommand: 'pass show mail/ann' }));
  const form = formFromAccount({ id: 'a', name: settings.name, address: settings.address, settings, messageCount: 0, createdAt: 1, updatedAt: 1 });
  assert.equal(form.passwordCommand, 'pass show mail/ann');
  assert.equal(settingsFromForm(form).passwordCommand, 'pass show mail/ann');
  assert.equal(settingsFromForm({ ...form, passwordCommand: '  ' }).passwordCommand, undefined, 'empty: no command');
  const check = checkForm(en, form, { passwordRequired: true });
  assert.ok(check.ok, JSON.stringify(check));
  const withoutCommand = checkForm(en, { ...form, passwordCommand: '' }, { passwordRequired: true });
  assert.ok(!withoutCommand.ok && withoutCommand.errors.password !== undefined);
  const piped = checkForm(en, { ...form, passwordCommand: 'pass show x | head -1' }, { passwordRequired: true });
  assert.ok(!piped.ok);
  assert.match(piped.errors.passwordCommand ?? '', /runs without a shell/);
  assert.equal(emptyForm().passwordCommand, '');
});

test('a password command the schema refuses is explained whole in the window’s language', () => {
  const settings = accountSettingsSchema.parse(sampleSettings({ passwordCommand: 'pass show mail/ann' }));
  const form = formFromAccount({ id: 'a', name: settings.name, address: settings.address, settings, messageCount: 0, createdAt: 1, updatedAt: 1 });
  const german = checkForm(createTranslator('de').t, { ...form, passwordCommand: "echo 'open" }, { passwordRequired: true });
  assert.ok(!german.ok);
  assert.equal(german.errors.passwordCommand, 'Der Passwortbefehl kann nicht verwendet werden: ein einfaches Anführungszeichen wird nicht geschlossen.');
  const arabic = checkForm(createTranslator('ar').t, { ...form, passwordCommand: 'pass show x | head -1' }, { passwordRequired: true });
  assert.ok(!arabic.ok);
  assert.doesNotMatch(arabic.errors.passwordCommand ?? '', /\b(?:is not supported|runs without|quote it)\b/);
});
