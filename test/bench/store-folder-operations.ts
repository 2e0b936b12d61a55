/**
 * The folder operations of the store timed on a large folder, for the store benchmark: moving 10,000
 * messages to a user folder and back (each move one transaction), the folder tree with counts, marking
 * 10,000 messages read, and deleting a folder of 10,000 messages (to Trash). Each is run a few times on
 * the same data and the median reported; nothing here asserts a time.
 */
import { performance } from 'node:perf_hooks';
import type { SqliteDatabase } from '../../electron/storage/database';
import { createTreeFolder, deleteTreeFolder, listTreeFolders, markFolderRead } from '../../electron/storage/folder-tree';
import { moveMessages, setFlags } from '../../electron/storage/message-queries';

/** Messages moved at once: the "moving 10,000 messages is one transaction". */
export const MOVED_MESSAGES = 10_000;
/** Runs of each operation (writes are slower to repeat than reads). */
const RUNS = 5;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

function timed(run: () => unknown): number {
  const started = performance.now();
  run();
  return performance.now() - started;
}

/** Median times in ms of the folder operations on the first MOVED_MESSAGES of `ids`, which sit in `inboxId`. */
export function timeFolderOperations(database: SqliteDatabase, accountId: string, inboxId: number, ids: readonly number[]): Record<string, number> {
  const moving = ids.slice(0, MOVED_MESSAGES);
  const there: number[] = [];
  const back: number[] = [];
  const read: number[] = [];
  const deleted: number[] = [];
  const tree: number[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    const folder = createTreeFolder(database, { accountId, name: `Bench ${run}` });
    there.push(timed(() => moveMessages(database, moving, folder)));
    tree.push(timed(() => listTreeFolders(database, accountId)));
    setFlags(database, moving, { seen: false });
    read.push(timed(() => markFolderRead(database, folder)));
    back.push(timed(() => moveMessages(database, moving, inboxId)));
    moveMessages(database, moving, folder);
    deleted.push(timed(() => deleteTreeFolder(database, folder)));
    moveMessages(database, moving, inboxId);
  }
  return {
    [`move ${MOVED_MESSAGES} to a folder`]: median(there),
    [`move ${MOVED_MESSAGES} back`]: median(back),
    'folder tree with counts': median(tree),
    [`mark folder of ${MOVED_MESSAGES} read`]: median(read),
    [`delete folder of ${MOVED_MESSAGES} (to Trash)`]: median(deleted),
  };
}
