import assert from 'node:assert/strict';
import { test } from 'node:test';
import { headerValues } from '../../../electron/storage/rule-functions';

const FIRST = 'X-Spam-Status: No,\r\n score=1.2\r\nX-Spam-Flag: NO\r\nReceived: from a\r\nreceived: from b\r\n\tby c\r\n';
const SECOND = 'X-Spam-Flag: YES\r\nAuthentication-Results: mx;\r\n dmarc=fail\r\n';

test('the values of each header asked for in turn, unfolded, whatever the case of its name; another section gives its own', () => {
  assert.deepEqual(headerValues(FIRST, 'x-spam-status'), ['No, score=1.2']);
  assert.deepEqual(headerValues(FIRST, 'x-spam-flag'), ['NO']);
  assert.deepEqual(headerValues(FIRST, 'received'), ['from a', 'from b by c']);
  assert.deepEqual(headerValues(FIRST, 'authentication-results'), []);
  assert.deepEqual(headerValues(SECOND, 'x-spam-flag'), ['YES']);
  assert.deepEqual(headerValues(SECOND, 'authentication-results'), ['mx; dmarc=fail']);
  assert.deepEqual(headerValues(FIRST, 'x-spam-flag'), ['NO'], 'the first section again, after another');
  assert.deepEqual(headerValues('', 'x-spam-flag'), []);
});
