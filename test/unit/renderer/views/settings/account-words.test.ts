import { test } from 'node:test';
import assert from 'node:assert/strict';
import { messagesWord, removalWarning } from '../../../../../renderer/views/settings/account-words';

test('removing an account says how many messages stored here go with it', () => {
  assert.equal(messagesWord(1), '1 message');
  assert.match(removalWarning({ messageCount: 1 }), /^1 message of this account is stored on this computer and will be deleted from it\./);
  assert.match(removalWarning({ messageCount: 12 }), /^12 messages of this account are stored on this computer/);
  assert.match(removalWarning({ messageCount: 0 }), /^No mail of this account is stored on this computer\./);
});
