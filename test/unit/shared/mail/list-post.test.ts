/** The posting address of List-Post (RFC 2369 §3.4): only a checked mailto: address, never "NO" or another URL. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { listPostAddress } from '../../../../shared/mail/list-post';

test('the first mailto: address, without its query, is the list’s posting address', () => {
  assert.equal(listPostAddress('<mailto:dev@lists.example.org>'), 'dev@lists.example.org');
  assert.equal(listPostAddress(' <mailto:dev%2Bpost@lists.example.org?subject=help> (Posting), <https://x.example/post>'), 'dev+post@lists.example.org');
  assert.equal(listPostAddress('<https://lists.example.org/post>, <mailto:dev@lists.example.org>'), 'dev@lists.example.org');
});

test('“NO”, other URLs, hostile or malformed values give no address', () => {
  for (const value of [
    null,
    'NO',
    '<https://lists.example.org/post>',
    '<mailto:>',
    '<mailto:not an address>',
    '<mailto:a@b.example%0D%0ABcc:x@y.example>',
    `<mailto:${'a'.repeat(3000)}@x.example>`,
  ]) {
    assert.equal(listPostAddress(value), null, String(value));
  }
});
