import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MailbagError } from '../../../../../shared/errors';
import { createTranslator } from '../../../../../shared/i18n/catalogs';
import { groupSaveProblem } from '../../../../../renderer/views/contacts/group-words';

/** How main refuses a group name another group has: English words, the name as the detail. */
const TAKEN = new MailbagError('VALIDATION', 'There is already a group named “Chor”.', { detail: 'Chor' }).toData();

test('a group name already taken is said in the window’s language with the name, from the error’s detail', () => {
  assert.equal(groupSaveProblem(createTranslator('en').t, TAKEN, 'Chor'), 'There is already a group named “Chor”.');
  assert.equal(groupSaveProblem(createTranslator('de').t, TAKEN, ' Chor '), 'Es gibt bereits eine Gruppe namens „Chor“.');
  assert.equal(groupSaveProblem(createTranslator('ar').t, TAKEN, 'Chor'), 'توجد مجموعة باسم «Chor» بالفعل.');
  assert.equal(groupSaveProblem(createTranslator('fr').t, TAKEN, 'Chor'), 'Il existe déjà un groupe nommé « Chor ».');
});

test('another refusal, or one about another name, is shown as main gave it', () => {
  const german = createTranslator('de').t;
  assert.equal(groupSaveProblem(german, TAKEN, 'Band'), 'There is already a group named “Chor”.');
  const gone = new MailbagError('NOT_FOUND', 'That group no longer exists.', { detail: 'Chor' }).toData();
  assert.equal(groupSaveProblem(german, gone, 'Chor'), 'That group no longer exists.');
});
