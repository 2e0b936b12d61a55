/**
 * The one safe file-name function behind save, open and export: nothing a sender writes may climb out of
 * a folder, name a Windows device or settings file, hide itself, disguise its type or outgrow a file
 * system, and shortening never hides the real extension.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hasBidiControls, MAX_FILE_NAME_BYTES, safeFileName, utf8Length } from '../../../shared/file-name';

const safe = (name: string | null): string => safeFileName(name, 'attachment');

test('Windows device names and folder settings files are never proposed as they are', () => {
  for (const name of [
    'CON',
    'PRN.pdf',
    'nul.txt',
    'COM1.txt',
    'LPT9.log',
    'CONIN$',
    'conout$.txt',
    'aux.tar.gz',
    'Com¹.txt',
    'NUL .txt',
    'desktop.ini',
    'Thumbs.db',
  ]) {
    const proposed = safe(name);
    assert.equal(proposed, `_${name}`, name);
  }
  assert.equal(safe('CONTRACT.pdf'), 'CONTRACT.pdf', 'only the device names themselves');
});

test('no folders, no .., no leading dot, never dots only', () => {
  assert.equal(safe('../../etc/passwd'), '_._etc_passwd');
  assert.equal(safe('..\\..\\boot.ini'), '_._boot.ini');
  assert.equal(safe('a..b....pdf'), 'a.b.pdf');
  assert.equal(safe('.bashrc'), 'bashrc');
  assert.equal(safe('..'), 'attachment');
  assert.equal(safe(' . . '), 'attachment');
  assert.equal(safe('report.pdf. . '), 'report.pdf');
  assert.equal(safe(null), 'attachment');
  assert.doesNotMatch(safe('x/../../y'), /\.\./);
});

test('control and bidi characters go, so a name reads as what it is', () => {
  assert.equal(hasBidiControls('invoice\u202Efdp.exe'), true);
  assert.equal(safe('invoice\u202Efdp.exe'), 'invoicefdp.exe');
  assert.equal(safe('a\u0000b\r\nc\u2066.txt'), 'abc.txt');
  assert.equal(hasBidiControls('plain.pdf'), false);
});

test('long names fit in 255 bytes and keep their real extension', () => {
  for (const name of [`${'é'.repeat(300)}.pdf`, `${'会'.repeat(200)}.tar.gz`, `${'a'.repeat(590)}.js`, `${'😀'.repeat(120)}.docx`]) {
    const proposed = safe(name);
    assert.ok(utf8Length(proposed) <= MAX_FILE_NAME_BYTES, `${utf8Length(proposed)} bytes`);
    assert.equal(utf8Length(proposed), Buffer.byteLength(proposed));
    assert.equal(proposed.slice(proposed.lastIndexOf('.')), name.slice(name.lastIndexOf('.')), name.slice(-12));
  }
  assert.ok(utf8Length(safe('x'.repeat(1000))) <= MAX_FILE_NAME_BYTES);
});
