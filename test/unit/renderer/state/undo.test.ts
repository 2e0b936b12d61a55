import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_UNDO_ACTIONS, UndoHistory } from '../../../../renderer/state/undo';
import { describeFlags, describeMove, groupStates, undoOutcomeWords } from '../../../../renderer/state/undo-words';
import { createTranslator } from '../../../../shared/i18n/catalogs';

const t = createTranslator('en').t;
const words = undoOutcomeWords(t);

test('undo takes back the most recent action first, then the one before, and says so', async () => {
  const history = new UndoHistory();
  const undone: string[] = [];
  history.record({ description: '1 message flagged', undo: async () => (undone.push('flag'), null) });
  history.record({ description: '3 messages moved to Archive', undo: async () => (undone.push('move'), null) });
  assert.equal(history.snapshot().message, '3 messages moved to Archive');
  assert.equal(history.snapshot().last?.description, '3 messages moved to Archive');
  assert.equal(await history.undoLast(words), null);
  assert.deepEqual(undone, ['move']);
  assert.equal(history.snapshot().message, 'Undone: 3 messages moved to Archive');
  assert.equal(history.snapshot().last?.description, '1 message flagged');
  await history.undoLast(words);
  assert.deepEqual(undone, ['move', 'flag']);
  assert.equal(history.snapshot().last, null);
  // Nothing left: nothing happens.
  assert.equal(await history.undoLast(words), null);
  assert.deepEqual(undone, ['move', 'flag']);
});

test('a failed undo says why, and a thrown error is reported the same way', async () => {
  const history = new UndoHistory();
  history.record({ description: '2 messages moved to Work', undo: async () => 'The folder no longer exists.' });
  assert.equal(await history.undoLast(words), 'The folder no longer exists.');
  assert.equal(history.snapshot().message, 'Could not undo “2 messages moved to Work”: The folder no longer exists.');
  history.record({
    description: '1 message moved to Trash',
    undo: async () => {
      throw new Error('offline');
    },
  });
  assert.equal(await history.undoLast(words), 'offline');
});

test('a second undo while one runs does not undo two things at once', async () => {
  const history = new UndoHistory();
  let finish: (value: string | null) => void = () => undefined;
  const calls: string[] = [];
  history.record({ description: 'first', undo: async () => (calls.push('first'), null) });
  history.record({ description: 'second', undo: () => (calls.push('second'), new Promise((resolve) => (finish = resolve))) });
  const running = history.undoLast(words);
  assert.equal(history.snapshot().busy, true);
  assert.equal(await history.undoLast(words), null);
  finish(null);
  await running;
  assert.deepEqual(calls, ['second']);
  assert.equal(history.snapshot().busy, false);
});

test('the history keeps a bounded number of actions, and listeners hear every change', async () => {
  const history = new UndoHistory();
  let heard = 0;
  const stop = history.subscribe(() => (heard += 1));
  const undone: number[] = [];
  for (let index = 0; index < MAX_UNDO_ACTIONS + 5; index += 1)
    history.record({ description: `action ${index}`, undo: async () => (undone.push(index), null) });
  assert.equal(heard, MAX_UNDO_ACTIONS + 5);
  while (history.snapshot().last !== null) await history.undoLast(words);
  assert.equal(undone.length, MAX_UNDO_ACTIONS);
  assert.equal(undone.at(-1), 5);
  const before = history.snapshot().serial;
  history.dismiss();
  assert.equal(history.snapshot().message, null);
  assert.ok(history.snapshot().serial > before);
  stop();
  history.clear();
  assert.ok(heard > MAX_UNDO_ACTIONS + 5);
});

test('the toast’s words count the messages and name the folder or the flag', () => {
  assert.equal(describeMove(t, 3, 'Archive', false), '3 messages moved to Archive');
  assert.equal(describeMove(t, 1, 'Alpha', true), '1 message copied to Alpha');
  assert.equal(describeFlags(t, 2, { flagged: true }), '2 messages flagged');
  assert.equal(describeFlags(t, 1, { seen: false }), '1 message marked as unread');
  assert.equal(describeFlags(t, 4, { seen: true, flagged: false }), '4 messages marked as read and unflagged');
});

test('states are grouped so each folder or flag value is restored with one request', () => {
  const states = [
    { id: 1, folderId: 10, seen: true, flagged: false },
    { id: 2, folderId: 11, seen: false, flagged: false },
    { id: 3, folderId: 10, seen: false, flagged: true },
  ];
  assert.deepEqual(
    [...groupStates(states, (state) => state.folderId)],
    [
      [10, [1, 3]],
      [11, [2]],
    ],
  );
  assert.deepEqual(
    [...groupStates(states, (state) => state.seen)],
    [
      [true, [1]],
      [false, [2, 3]],
    ],
  );
});

test('the toast speaks the window’s language, with each language’s plurals', async () => {
  const de = createTranslator('de').t;
  assert.equal(describeMove(de, 3, 'Archiv', false), '3 Nachrichten nach Archiv verschoben');
  assert.equal(describeFlags(de, 1, { seen: true }), '1 Nachricht als gelesen markiert');
  const ar = createTranslator('ar').t;
  assert.equal(describeMove(ar, 2, 'أرشيف', true), 'نُسخت رسالتان إلى أرشيف');
  const history = new UndoHistory();
  history.record({ description: describeFlags(de, 2, { flagged: true }), undo: async () => null });
  await history.undoLast(undoOutcomeWords(de));
  assert.equal(history.snapshot().message, 'Rückgängig gemacht: 2 Nachrichten markiert');
});
