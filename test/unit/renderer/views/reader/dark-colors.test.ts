import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MANY_IMAGES, darkReadingSkip, luminance, parseColor, withDarkReading } from '../../../../../renderer/views/reader/dark-colors';

test('colours are read from hex, rgb() and dark names, and judged by luminance', () => {
  assert.deepEqual(parseColor('#111'), [17, 17, 17]);
  assert.deepEqual(parseColor('#FAFAFA'), [250, 250, 250]);
  assert.deepEqual(parseColor('rgb(10, 20, 30)'), [10, 20, 30]);
  assert.deepEqual(parseColor('Navy'), [0, 0, 128]);
  assert.equal(parseColor('url(x.png)'), null);
  assert.ok(luminance([0, 0, 0]) < 0.01);
  assert.ok(luminance([255, 255, 255]) > 0.99);
});

test('a plain light message gets dark reading', () => {
  assert.equal(darkReadingSkip('<p>Hello</p>'), null);
  assert.equal(darkReadingSkip('<body bgcolor="#ffffff"><table style="background-color: #f4f4f4"><tr><td>x</td></tr></table></body>'), null);
  assert.equal(darkReadingSkip('<p style="color:#000">Black text is not a background</p>'), null);
});

test('messages that look broken inverted keep their own colours', () => {
  assert.equal(darkReadingSkip('<body style="background-color:#111111;color:#eee">x</body>'), 'own-dark-design');
  assert.equal(darkReadingSkip('<table bgcolor=black><tr><td>x</td></tr></table>'), 'own-dark-design');
  assert.equal(darkReadingSkip('<div style="background: rgb(20,20,40) url(a.png)">x</div>'), 'own-dark-design');
  assert.equal(darkReadingSkip('<style>@media (prefers-color-scheme: dark) { body { color: white } }</style>'), 'supports-dark-mode');
  assert.equal(darkReadingSkip('<meta name="color-scheme" content="light dark">'), 'supports-dark-mode');
  assert.equal(darkReadingSkip('<img src="a">'.repeat(MANY_IMAGES)), 'many-images');
  assert.equal(darkReadingSkip('<img src="a">'.repeat(MANY_IMAGES - 1)), null);
});

test('the dark styles go last in the frame head, after the message’s own styles', () => {
  const document = '<!doctype html><html><head><meta charset="utf-8"><style>body{color:red}</style></head><body>x</body></html>';
  const dark = withDarkReading(document);
  assert.ok(dark.indexOf('data-dark-reading') > dark.indexOf('body{color:red}'));
  assert.ok(dark.indexOf('data-dark-reading') < dark.indexOf('</head>'));
  assert.match(dark, /<body>x<\/body><\/html>$/);
  assert.equal(withDarkReading('<body>no head</body>'), '<body>no head</body>');
});
