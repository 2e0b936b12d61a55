import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createAutosave, type AutosaveTimers } from '../../../../../renderer/views/compose/autosave';

function fakeTimers() {
  const pending = new Map<number, () => void>();
  let next = 1;
  const timers: AutosaveTimers = {
    set: (callback) => {
      const handle = next++;
      pending.set(handle, callback);
      return handle;
    },
    clear: (handle) => void pending.delete(handle as number),
  };
  const fire = () => {
    for (const [handle, callback] of [...pending]) {
      pending.delete(handle);
      callback();
    }
  };
  return { timers, pending, fire };
}

test('changes are saved once after the quiet delay, not on every change', async () => {
  const { timers, pending, fire } = fakeTimers();
  let saves = 0;
  const autosave = createAutosave(async () => void (saves += 1), { timers });
  autosave.changed();
  autosave.changed();
  autosave.changed();
  assert.equal(pending.size, 1, 'each change restarts the one timer');
  fire();
  await autosave.flush();
  assert.equal(saves, 1);
  await autosave.flush();
  assert.equal(saves, 1, 'nothing changed since');
});

test('flush saves at once; cancel forgets the change', async () => {
  const { timers, pending } = fakeTimers();
  let saves = 0;
  const autosave = createAutosave(async () => void (saves += 1), { timers });
  autosave.changed();
  await autosave.flush();
  assert.equal(saves, 1);
  assert.equal(pending.size, 0);
  autosave.changed();
  autosave.cancel();
  await autosave.flush();
  assert.equal(saves, 1);
});

test('a change during a save leads to one more save after it; a failed save is tried again', async () => {
  const { timers } = fakeTimers();
  let release: () => void = () => undefined;
  const calls: string[] = [];
  let fail = false;
  const autosave = createAutosave(
    () =>
      new Promise<void>((resolve, reject) => {
        calls.push('save');
        if (fail) reject(new Error('disk full'));
        else release = resolve;
      }),
    { timers },
  );
  autosave.changed();
  const first = autosave.flush();
  autosave.changed();
  const second = autosave.flush();
  release();
  await first;
  await new Promise((resolve) => setImmediate(resolve));
  release();
  await second;
  assert.deepEqual(calls, ['save', 'save']);
  fail = true;
  autosave.changed();
  await assert.rejects(autosave.flush(), /disk full/);
  fail = false;
  const last = autosave.flush();
  await new Promise((resolve) => setImmediate(resolve));
  release();
  await last;
  assert.equal(calls.length, 4, 'the failed save is tried again');
});
