import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createTranslator } from '../../../shared/i18n/catalogs';
import { LOCALES } from '../../../shared/i18n/locales';
import { findMessageTag, MESSAGE_TAGS, messageTagLabel, messageTagMenuLabel } from '../../../shared/tags';

test('tag names and menu entries stay the English ones in English', () => {
  const { t } = createTranslator('en');
  assert.deepEqual(
    MESSAGE_TAGS.map((tag) => messageTagLabel(t, tag.key)),
    ['Important', 'Work', 'Personal', 'To Do', 'Later'],
  );
  assert.equal(messageTagMenuLabel(t, 'todo', false), 'Tag To Do');
  assert.equal(messageTagMenuLabel(t, 'work', true), 'Remove tag Work');
});

test('tag names and menu entries follow the chosen language while the stored key stays the same', () => {
  const de = createTranslator('de').t;
  assert.equal(messageTagLabel(de, 'work'), 'Arbeit');
  assert.equal(messageTagMenuLabel(de, 'work', false), 'Schlagwort „Arbeit“ setzen');
  assert.equal(messageTagMenuLabel(de, 'work', true), 'Schlagwort „Arbeit“ entfernen');
  assert.equal(messageTagMenuLabel(createTranslator('fr').t, 'todo', false), 'Étiqueter « À faire »');
  assert.equal(messageTagLabel(createTranslator('ar').t, 'important'), 'مهم');
  // What is stored and searched is the key, whatever the window's language.
  assert.equal(findMessageTag('To Do'), 'todo');
});

test('every language names every tag with its own words', () => {
  for (const locale of LOCALES) {
    const { t } = createTranslator(locale);
    const names = MESSAGE_TAGS.map((tag) => messageTagLabel(t, tag.key));
    assert.equal(new Set(names).size, MESSAGE_TAGS.length, `${locale}: two tags share a name`);
    for (const tag of MESSAGE_TAGS) assert.notEqual(messageTagMenuLabel(t, tag.key, false), messageTagMenuLabel(t, tag.key, true));
  }
});
