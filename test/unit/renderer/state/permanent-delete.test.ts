import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createTranslator } from '../../../../shared/i18n/catalogs';
import { deleteFolderQuestion, emptyTrashQuestion, permanentDeleteQuestion } from '../../../../renderer/state/permanent-delete';

const t = createTranslator('en').t;
const de = createTranslator('de').t;

test('emptying Trash names the account and the count, in the title, the text and the button', () => {
  const question = emptyTrashQuestion(t, 3, 'Alice');
  assert.equal(question.title, 'Empty Trash of Alice?');
  assert.match(question.text, /All 3 messages in Trash will be deleted for good\. This cannot be undone\./);
  assert.equal(question.confirm, 'Delete 3 messages');
  assert.equal(emptyTrashQuestion(t, 1, 'Bob').confirm, 'Delete 1 message');
  assert.match(emptyTrashQuestion(t, 1, 'Bob').text, /^The message in Trash/);
});

test('deleting in Trash asks with the count, and says what only moves to Trash', () => {
  assert.equal(permanentDeleteQuestion(t, 2, 0).title, 'Delete 2 messages for good?');
  assert.doesNotMatch(permanentDeleteQuestion(t, 2, 0).text, /move to Trash/);
  assert.match(permanentDeleteQuestion(t, 1, 4).text, /This message is in Trash already.*The other 4 messages move to Trash\./);
});

test('deleting a folder names it and the number of messages that go to Trash, sub-folders included', () => {
  const question = deleteFolderQuestion(t, 'Projects', 5, 2);
  assert.equal(question.title, 'Delete the folder “Projects”?');
  assert.equal(question.text, 'The folder and its 2 sub-folders will be deleted, and the 5 messages in them will move to Trash.');
  assert.equal(question.confirm, 'Delete folder, move 5 messages to Trash');
  assert.equal(deleteFolderQuestion(t, 'Old', 1, 0).text, 'The folder will be deleted, and the 1 message in it will move to Trash.');
  assert.equal(deleteFolderQuestion(t, 'Empty', 0, 0).confirm, 'Delete folder');
  assert.match(deleteFolderQuestion(t, 'Empty', 0, 1).text, /and its sub-folder will be deleted\. They hold no messages\./);
});

test('the questions speak the window’s language, with its plurals', () => {
  assert.equal(permanentDeleteQuestion(de, 2, 0).title, '2 Nachrichten endgültig löschen?');
  assert.equal(emptyTrashQuestion(de, 1, 'Alice').confirm, '1 Nachricht löschen');
  assert.equal(deleteFolderQuestion(de, 'Projekte', 0, 0).title, 'Ordner „Projekte“ löschen?');
  assert.equal(permanentDeleteQuestion(createTranslator('ar').t, 2, 0).confirm, 'حذف رسالتين');
});
