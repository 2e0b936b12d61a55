import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createTranslator } from '../../../shared/i18n/catalogs';
import { stateWords } from '../../../shared/server-mailbox';

const day = (): string => '3 March';

test('a server message’s state reads in English by default, as the command line prints it', () => {
  assert.equal(stateWords({ state: 'downloaded', removalAt: null, keptForever: false }, day), 'Downloaded');
  assert.equal(stateWords({ state: 'headers-only', removalAt: 1, keptForever: false }, day), 'Headers only; will be removed from the server on 3 March');
  assert.equal(
    stateWords({ state: 'not-downloaded', removalAt: null, keptForever: false, serverRule: { name: 'Big ones', mode: 'leave' } }, day),
    'Not yet downloaded; the rule “Big ones” leaves it on the server, never downloaded',
  );
});

test('the window says the state in its language, with the rule’s name and the day as data', () => {
  const german = createTranslator('de').t;
  assert.equal(stateWords({ state: 'downloaded', removalAt: null, keptForever: true }, day, german), 'Heruntergeladen; bleibt für immer auf dem Server');
  assert.equal(
    stateWords({ state: 'not-downloaded', removalAt: null, keptForever: false, serverRule: { name: 'Groß', mode: 'delete' } }, day, german),
    'Noch nicht heruntergeladen; die Regel „Groß“ löscht sie vom Server, ohne sie herunterzuladen',
  );
  const arabic = createTranslator('ar').t;
  assert.equal(stateWords({ state: 'skipped', removalAt: null, keptForever: false }, day, arabic), 'متخطّاة (لم تُنزَّل)');
});
