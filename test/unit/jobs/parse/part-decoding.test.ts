import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeCharset } from '../../../../electron/jobs/parse/part-decoding';

test('a decoded text part has CR LF line ends made LF, and a bare CR or LF kept, in every charset handled', () => {
  const cases: ReadonlyArray<[string, string]> = [
    ['one\r\ntwo\r\n', 'one\ntwo\n'],
    ['bare\rCR stays\r\n', 'bare\rCR stays\n'],
    ['CR before CR LF\r\r\n', 'CR before CR LF\r\n'],
    ['LF alone\nstays', 'LF alone\nstays'],
    ['\r\n\r\n\r\n', '\n\n\n'],
    ['LF CR\n\rnext', 'LF CR\n\rnext'],
    ['no line end', 'no line end'],
    ['', ''],
  ];
  for (const charset of [undefined, 'utf-8', 'US-ASCII', 'iso-8859-1', 'windows-1252']) {
    for (const [input, expected] of cases)
      assert.equal(decodeCharset(Buffer.from(input, 'latin1'), charset), expected, `${JSON.stringify(input)} in ${charset ?? 'no charset'}`);
  }
  assert.equal(decodeCharset(Buffer.from('Gr\xfc\xdfe\r\n', 'latin1'), 'iso-8859-1'), 'Grüße\n');
  assert.equal(decodeCharset(Buffer.from('€ sign\r\n', 'utf8'), 'utf-8'), '€ sign\n');
  assert.equal(decodeCharset(Buffer.from('text'), 'x-unknown'), undefined);
});
