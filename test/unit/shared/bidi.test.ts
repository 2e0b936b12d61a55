/** Bidi controls in sender-written text are found and made visible. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hasBidiControls, visibleBidiControls } from '../../../shared/bidi';

test('every kind of bidi control is found and shown as its code point', () => {
  for (const control of ['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069', '\u200E', '\u200F', '\u061C']) {
    assert.ok(hasBidiControls(`a${control}b`), control.codePointAt(0)?.toString(16));
    assert.doesNotMatch(visibleBidiControls(`a${control}b`), /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u);
  }
  assert.equal(visibleBidiControls('invoice\u202Efdp.exe'), 'invoice[U+202E]fdp.exe');
  assert.equal(hasBidiControls('שלום world'), false, 'right-to-left letters alone are no control');
});
