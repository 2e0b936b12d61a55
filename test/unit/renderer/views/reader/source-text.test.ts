import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_SOURCE_CHARACTERS, emlFileName, sourceText } from '../../../../../renderer/views/reader/source-text';
import { standaloneMessageId } from '../../../../../renderer/state/message-route';

test('View source shows UTF-8 as UTF-8, and other 8-bit bytes one character per byte, never replacement marks', () => {
  assert.equal(
    sourceText(Buffer.from('Subject: Café\r\n\r\n<b>bold</b><script>x()</script>', 'utf8')).text,
    'Subject: Café\r\n\r\n<b>bold</b><script>x()</script>',
  );
  const latin1 = Buffer.from([0x53, 0x3a, 0x20, 0x43, 0x61, 0x66, 0xe9, 0x0d, 0x0a]);
  const shown = sourceText(latin1).text;
  assert.equal(shown, 'S: Café\r\n');
  assert.doesNotMatch(shown, /\uFFFD/);
});

test('a huge source is cut for showing, and says so', () => {
  const huge = sourceText(Buffer.alloc(MAX_SOURCE_CHARACTERS + 10, 0x61));
  assert.equal(huge.cut, true);
  assert.equal(huge.text.length, MAX_SOURCE_CHARACTERS);
  assert.equal(sourceText(Buffer.from('short')).cut, false);
});

test('the .eml file name is the subject made safe, never a path, hidden file or disguised extension', () => {
  assert.equal(emlFileName('Lunch on Friday', 3), 'Lunch on Friday.eml');
  assert.equal(emlFileName('../../etc/passwd', 3), '_._etc_passwd.eml', 'no folder separators, no ..');
  assert.equal(emlFileName('a\\b:c*d?"e<f>g|h', 3), 'a_b_c_d__e_f_g_h.eml');
  assert.equal(emlFileName('invoice\u202Egpj.exe', 3), 'invoicegpj.exe.eml', 'a right-to-left override cannot flip the extension');
  assert.equal(emlFileName('line\r\nbreak\ttab', 3), 'linebreaktab.eml');
  assert.equal(emlFileName('CON', 3), '_CON.eml', 'a Windows device name is never offered');
  assert.equal(emlFileName('   ', 7), 'message-7.eml');
  assert.equal(emlFileName(null, 8), 'message-8.eml');
  assert.equal(emlFileName('...', 9), 'message-9.eml');
  const long = emlFileName('x'.repeat(500), 1);
  assert.ok(Buffer.byteLength(long) <= 255 && long.endsWith('.eml'), 'at most 255 bytes, the extension kept');
});

test('only a plain positive id opens the message-alone page', () => {
  assert.equal(standaloneMessageId('?token=abc&message=42'), 42);
  assert.equal(standaloneMessageId('?token=abc'), null);
  assert.equal(standaloneMessageId('?message=0'), null);
  assert.equal(standaloneMessageId('?message=-1'), null);
  assert.equal(standaloneMessageId('?message=4.2'), null);
  assert.equal(standaloneMessageId('?message=1e3'), null);
  assert.equal(standaloneMessageId('?message=99999999999999999'), null);
});
