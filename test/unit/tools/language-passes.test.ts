import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { LANGUAGE_CHECKED_FILES, LANGUAGE_PASS_LOCALES } from '../../language-passes';
import { pickLocale, isRightToLeft } from '../../../shared/i18n/locales';

const root = path.resolve(__dirname, '..', '..', '..');

test('every language-checked file is an end-to-end test file that exists, listed once', () => {
  assert.ok(LANGUAGE_CHECKED_FILES.length > 0, 'at least one file is checked in other languages');
  for (const file of LANGUAGE_CHECKED_FILES) {
    assert.match(file, /^test\/e2e\/[a-z0-9-]+\.test\.ts$/, file);
    assert.ok(existsSync(path.join(root, file)), `${file} exists`);
  }
  assert.equal(new Set(LANGUAGE_CHECKED_FILES).size, LANGUAGE_CHECKED_FILES.length, 'no file is listed twice');
});

test('the language passes are German and a right-to-left language, each one Mailbag has a catalog for', () => {
  const locales = LANGUAGE_PASS_LOCALES.map((tag) => pickLocale([tag]));
  assert.deepEqual(locales, ['de', 'ar']);
  assert.ok(locales.some((locale) => isRightToLeft(locale)));
});
