/** Raw header values and addresses, for headers whose decoding lost the address. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { rawAddresses, rawHeaderValue, usableAddresses } from '../../../../electron/jobs/display/raw-addresses';

test('a raw header line gives its value unfolded, without its name, cut to a bound', () => {
  assert.equal(rawHeaderValue('From: =?utf-8?q?a=00b?=@example.com\r\n'), '=?utf-8?q?a=00b?=@example.com');
  assert.equal(rawHeaderValue('From:\r\n "Name"\r\n <a@example.com>  '), '"Name" <a@example.com>');
  assert.equal(rawHeaderValue('From : obsolete@example.com'), 'obsolete@example.com');
  assert.equal(rawHeaderValue(`From: ${'x'.repeat(3_000_000)}`).length, 2_000);
});

test('a From that decodes to no usable address shows the raw one', () => {
  const raw = rawHeaderValue('From: Boss <=?utf-8?q?ceo=00?=@bank.example>');
  assert.deepEqual(rawAddresses(raw), ['=?utf-8?q?ceo=00?=@bank.example']);
  assert.deepEqual(usableAddresses([{ name: 'Boss', address: 'ceo\0@bank.example' }], raw, null), [
    { name: 'Boss', address: '=?utf-8?q?ceo=00?=@bank.example' },
  ]);
});
