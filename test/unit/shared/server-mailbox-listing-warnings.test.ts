import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createTranslator } from '../../../shared/i18n/catalogs';
import { listingWarningWords } from '../../../shared/server-mailbox';

test('a skipped message is explained in the window’s language, the server’s line quoted as it came', () => {
  const english = createTranslator('en').t;
  assert.equal(
    listingWarningWords(english, { number: 2, kind: 'bad-size', line: '2 -1' }),
    'Message 2 was skipped: the server gave it a size that could not be understood (“2 -1”).',
  );
  assert.equal(
    listingWarningWords(english, { number: null, kind: 'bad-unique-id', line: 'x\\x1b' }),
    'A message was skipped: the server gave it a unique-id that could not be understood (“x\\x1b”).',
  );
  const german = createTranslator('de').t;
  assert.equal(
    listingWarningWords(german, { number: 4, kind: 'not-in-list' }),
    'Nachricht 4 wurde übersprungen: Die UIDL-Liste des Servers nennt sie, seine LIST-Liste aber nicht.',
  );
  assert.match(listingWarningWords(createTranslator('ar').t, { number: 7, kind: 'no-unique-id' }), /^تُخطّيت الرسالة 7: .*\(UIDL\)\.$/);
  assert.match(listingWarningWords(createTranslator('fr').t, { number: 3, kind: 'bad-unique-id', line: '3' }), /identifiant unique incompréhensible \(« 3 »\)/);
});
