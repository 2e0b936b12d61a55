/**
 * Why part of an import was not read, said from its code and facts in the reader's language: the
 * command line and the window word the same data, and the system's own word for a failure stays as it came.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createTranslator } from '../../../shared/i18n/catalogs';
import { importProblemWords, type ImportProblemReason } from '../../../shared/import-problems';

const EVERY_REASON: readonly ImportProblemReason[] = [
  { code: 'too-large', limit: 268_435_456 },
  { code: 'empty' },
  { code: 'no-header' },
  { code: 'not-header' },
  { code: 'outside-message' },
  { code: 'file-unreadable', detail: 'EACCES' },
  { code: 'folder-rest-unreadable', detail: 'bad block' },
  { code: 'sub-folders-unreadable', detail: 'bad block' },
  { code: 'item-unreadable', item: 2_097_220, detail: 'bad block' },
];

test('in English the reasons read as before, the system’s word kept', () => {
  const { t } = createTranslator('en');
  assert.equal(importProblemWords(t, { code: 'outside-message' }), 'not in a message (no From_ line before it)');
  assert.equal(importProblemWords(t, { code: 'too-large', limit: 268_435_456 }), 'larger than 268,435,456 bytes');
  assert.equal(importProblemWords(t, { code: 'file-unreadable', detail: 'EACCES' }), 'the file cannot be read (EACCES)');
  assert.equal(importProblemWords(t, { code: 'item-unreadable', item: 2_097_220, detail: 'bad block' }), 'Outlook item 2097220 cannot be read (bad block)');
});

test('in German every reason is German, numbers written the German way', () => {
  const { t } = createTranslator('de');
  const english = createTranslator('en').t;
  assert.equal(importProblemWords(t, { code: 'empty' }), 'die Datei ist leer');
  assert.equal(importProblemWords(t, { code: 'too-large', limit: 268_435_456 }), 'größer als 268.435.456 Bytes');
  assert.equal(importProblemWords(t, { code: 'outside-message' }), 'gehört zu keiner Nachricht (keine From_-Zeile davor)');
  for (const reason of EVERY_REASON) assert.notEqual(importProblemWords(t, reason), importProblemWords(english, reason), reason.code);
});

test('in Arabic every reason is Arabic, with the file system’s word and the item number as they came', () => {
  const { t } = createTranslator('ar');
  for (const reason of EVERY_REASON) assert.match(importProblemWords(t, reason), /[\u0600-\u06ff]/, reason.code);
  assert.equal(importProblemWords(t, { code: 'file-unreadable', detail: 'EACCES' }), 'تتعذّر قراءة الملف (EACCES)');
  assert.match(importProblemWords(t, { code: 'item-unreadable', item: 2_097_220, detail: 'bad block' }), /2097220/);
});
