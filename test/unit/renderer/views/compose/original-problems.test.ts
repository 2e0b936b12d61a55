import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createTranslator } from '../../../../../shared/i18n/catalogs';
import { describeProblem } from '../../../../../renderer/views/compose/original-problems';

const EN = createTranslator('en').t;
const DE = createTranslator('de').t;
const AR = createTranslator('ar').t;

test('a value of the original that was left out is named with its field and reason in the chosen language', () => {
  assert.equal(
    describeProblem({ field: 'from', problem: 'encoded-word' }, EN),
    'From of the original was left out: The name contains encoded text (=?…?=), which could show another name to the recipient.',
  );
  assert.equal(
    describeProblem({ field: 'cc[2]', problem: 'syntax' }, DE),
    'Kopie des Originals wurde weggelassen: Das ist keine E-Mail-Adresse (name@example.com).',
  );
  assert.equal(describeProblem({ field: 'replyTo', problem: 'control-character' }, AR).startsWith('حُذف '), true);
  assert.match(describeProblem({ field: 'to[0]', problem: 'too-long' }, AR), /إلى/);
  // A reason or a field the window has no words for is shown as it came.
  assert.equal(describeProblem({ field: 'x-custom', problem: 'odd' }, EN), 'x-custom of the original was left out: odd');
  assert.equal(describeProblem({ field: 'text', problem: 'truncated' }, DE), 'Der Entwurf war zu lang, um ihn ganz zu öffnen; sein Ende fehlt.');
});
