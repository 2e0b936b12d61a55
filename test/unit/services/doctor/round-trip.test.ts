/** How the round trip recognises its own test message: by the Message-ID header alone. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { headerMessageId } from '../../../../electron/services/doctor/round-trip';

test('the Message-ID is read in any case, folded or not, and only from a Message-ID field', () => {
  assert.equal(headerMessageId('From: a@b.test\r\nMessage-ID: <x.1@b.test>\r\nSubject: s'), '<x.1@b.test>');
  assert.equal(headerMessageId('message-id:\r\n <folded.2@b.test>\r\nSubject: s'), '<folded.2@b.test>');
  assert.equal(headerMessageId('Subject: Message-ID: <fake@b.test>\r\nX-Message-ID: <other@b.test>'), undefined);
  assert.equal(headerMessageId('Subject: none'), undefined);
});
