import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  MIN_READER_PX,
  PANE_KEY_STEP_PX,
  PANE_LARGE_STEP_PX,
  SEPARATOR_PX,
  followSavedWidths,
  paneColumns,
  paneRange,
  widthForKey,
  withPaneWidth,
} from '../../../../renderer/state/pane-widths';
import { FOLDER_PANE_WIDTH, LIST_PANE_WIDTH, settingsSchema, DEFAULT_SETTINGS } from '../../../../shared/settings';

test('a pane can grow only as far as the reader keeps its minimum', () => {
  const widths = { folders: 200, list: 500 };
  assert.deepEqual(paneRange('list', widths, 1280), { min: LIST_PANE_WIDTH.min, max: 1280 - 200 - 2 * SEPARATOR_PX - MIN_READER_PX });
  assert.deepEqual(paneRange('folders', widths, 1280), { min: FOLDER_PANE_WIDTH.min, max: FOLDER_PANE_WIDTH.max });
  assert.equal(withPaneWidth(widths, 'list', 5000, 1280).list, 1280 - 200 - 2 * SEPARATOR_PX - MIN_READER_PX);
  assert.equal(withPaneWidth(widths, 'folders', 10, 1280).folders, FOLDER_PANE_WIDTH.min);
  assert.equal(withPaneWidth(widths, 'folders', 233.6, 1280).folders, 234, 'whole pixels');
  // A window too narrow for anything more keeps the smallest width rather than a negative range.
  assert.deepEqual(paneRange('list', widths, 600), { min: LIST_PANE_WIDTH.min, max: LIST_PANE_WIDTH.min });
});

test('arrow keys move a separator by a step (Shift: a larger one), Home and End go to the ends', () => {
  const range = { min: 140, max: 480 };
  assert.equal(widthForKey('ArrowRight', false, 200, range), 200 + PANE_KEY_STEP_PX);
  assert.equal(widthForKey('ArrowLeft', false, 200, range), 200 - PANE_KEY_STEP_PX);
  assert.equal(widthForKey('ArrowLeft', true, 300, range), 300 - PANE_LARGE_STEP_PX);
  assert.equal(widthForKey('ArrowLeft', true, 150, range), 140, 'never below the minimum');
  assert.equal(widthForKey('ArrowRight', false, 475, range), 480, 'never above the maximum');
  assert.equal(widthForKey('Home', false, 300, range), 140);
  assert.equal(widthForKey('End', false, 300, range), 480);
  assert.equal(widthForKey('Enter', false, 300, range), null);
});

test('chosen widths become grid columns in which the list gives way before the reader', () => {
  assert.equal(
    paneColumns({ folders: 220, list: 600 }),
    `minmax(140px, 220px) ${SEPARATOR_PX}px minmax(280px, 600px) ${SEPARATOR_PX}px minmax(${MIN_READER_PX}px, 1fr)`,
  );
});

test('the saved widths are validated, and a new profile keeps the window’s own layout', () => {
  assert.equal(DEFAULT_SETTINGS.paneWidths, null);
  assert.equal(settingsSchema.safeParse({ ...DEFAULT_SETTINGS, paneWidths: { folders: 220, list: 600 } }).success, true);
  assert.equal(settingsSchema.safeParse({ ...DEFAULT_SETTINGS, paneWidths: { folders: 20, list: 600 } }).success, false);
  assert.equal(settingsSchema.safeParse({ ...DEFAULT_SETTINGS, paneWidths: { folders: 220, list: 600.5 } }).success, false);
  assert.equal(settingsSchema.safeParse({ ...DEFAULT_SETTINGS, paneWidths: { folders: 220 } }).success, false);
});

test('a save of its own that comes back late never undoes newer widths the window chose', () => {
  const dragged = { folders: 290, list: 604 };
  const keyed = { folders: 290, list: 508 };
  assert.deepEqual(followSavedWidths(dragged, null), { show: true, unsaved: null }, 'with nothing of its own unsaved, the saved widths show');
  // The drag was saved; the keys moved the list before that save came back.
  assert.deepEqual(followSavedWidths(dragged, keyed), { show: false, unsaved: keyed }, 'the drag coming back late leaves the keyed widths');
  assert.deepEqual(followSavedWidths(keyed, keyed), { show: false, unsaved: null }, 'its own latest save arrived: the saved widths lead again');
  assert.deepEqual(followSavedWidths(null, keyed), { show: false, unsaved: keyed });
});
