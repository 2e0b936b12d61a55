/**
 * The window's words for main's refusal to open a program or script: what it is (by name, declared
 * type or first bytes) in the window's language, the file name and the type kept as they came.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createTranslator } from '../../../../../shared/i18n/catalogs';
import { programRefusalWords } from '../../../../../renderer/views/reader/program-refusal-words';

test('in English the refusal names what the file is and says to save it instead', () => {
  const { t } = createTranslator('en');
  assert.equal(
    programRefusalWords(t, 'invoice.pdf.exe', { by: 'name', extension: 'exe' }),
    'invoice.pdf.exe is a program or script (.exe). Mailbag does not open programs from mail; save it instead if you trust it.',
  );
  assert.match(programRefusalWords(t, 'photo.jpg', { by: 'content', program: 'windows' }), /^photo\.jpg is a Windows program\. /);
});

test('in German each kind of program is said in German', () => {
  const { t } = createTranslator('de');
  assert.equal(
    programRefusalWords(t, 'rechnung.exe', { by: 'name', extension: 'exe' }),
    'rechnung.exe ist ein Programm oder Skript (.exe). Mailbag öffnet keine Programme aus E-Mails; speichern Sie die Datei stattdessen, wenn Sie ihr vertrauen.',
  );
  assert.match(
    programRefusalWords(t, 'liesmich.txt', { by: 'type', contentType: 'text/javascript' }),
    /^liesmich\.txt ist ein Programm oder Skript \(text\/javascript\)\. Mailbag öffnet/,
  );
  assert.match(programRefusalWords(t, 'bild.jpg', { by: 'content', program: 'linux' }), /^bild\.jpg ist ein Linux-Programm\. /);
  assert.match(programRefusalWords(t, 'notiz', { by: 'content', program: 'script' }), /^notiz ist ein Skript\. /);
  assert.match(programRefusalWords(t, 'app', { by: 'content', program: 'macos' }), /^app ist ein macOS-Programm\. /);
});

test('in Arabic the refusal is Arabic, with the file name and extension as they came', () => {
  const { t } = createTranslator('ar');
  assert.equal(
    programRefusalWords(t, 'invoice.pdf.exe', { by: 'name', extension: 'exe' }),
    'invoice.pdf.exe برنامج أو نص برمجي (.exe). لا يفتح Mailbag البرامج الواردة في البريد؛ احفظ الملف بدلًا من ذلك إن كنت تثق به.',
  );
  assert.match(programRefusalWords(t, 'photo.jpg', { by: 'content', program: 'windows' }), /^photo\.jpg برنامج Windows\. لا يفتح Mailbag/);
  assert.match(programRefusalWords(t, 'notes', { by: 'content', program: 'script' }), /^notes نص برمجي\. /);
});
