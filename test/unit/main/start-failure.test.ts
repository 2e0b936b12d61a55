/** The message box that says Mailbag could not start speaks the user's language, and keeps the facts as they are. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MailbagError } from '../../../shared/errors';
import { createTranslator } from '../../../shared/i18n/catalogs';
import { startFailureText } from '../../../electron/main/start-failure';

const PROFILE = '/home/anna/.config/Mailbag';

test('a profile that cannot be made is said in German, with its path', () => {
  const { t } = createTranslator('de');
  const text = startFailureText(t, new MailbagError('STORAGE', 'Mailbag cannot create its profile directory.', { detail: PROFILE }));
  assert.equal(text, `${t('settings.error.STORAGE')}\n\n${PROFILE}`);
  assert.doesNotMatch(text, /cannot create/);
  assert.match(text, /Datenträger/);
});

test('an unexpected failure is said in Arabic, with the system’s own words for support', () => {
  const { t } = createTranslator('ar');
  const text = startFailureText(t, new Error('EACCES: permission denied'));
  assert.ok(text.startsWith(t('settings.error.INTERNAL')));
  assert.match(text, /EACCES: permission denied$/);
});

test('a failure without facts is only its sentence', () => {
  const { t } = createTranslator('fr');
  assert.equal(startFailureText(t, new MailbagError('STORAGE')), t('settings.error.STORAGE'));
});
