import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createTranslator } from '../../../../../shared/i18n/catalogs';
import { removalWarning } from '../../../../../renderer/views/settings/account-words';

const en = createTranslator('en').t;

test('removing an account says how many messages stored here go with it', () => {
  assert.match(removalWarning(en, { messageCount: 1 }), /^1 message of this account is stored on this computer and will be deleted from it\./);
  assert.match(removalWarning(en, { messageCount: 12 }), /^12 messages of this account are stored on this computer/);
  assert.match(removalWarning(en, { messageCount: 0 }), /^No mail of this account is stored on this computer\./);
});

test('the removal warning counts by each language’s plural rules', () => {
  assert.match(removalWarning(createTranslator('de').t, { messageCount: 1 }), /^1 Nachricht dieses Kontos/);
  assert.match(removalWarning(createTranslator('de').t, { messageCount: 12 }), /^12 Nachrichten dieses Kontos/);
  assert.match(removalWarning(createTranslator('ar').t, { messageCount: 2 }), /[\u0600-\u06ff]/);
});
