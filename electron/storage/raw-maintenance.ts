/**
 * Reclaiming raw space safely, or not at all. Nothing here rewrites a file that holds live mail:
 * - garbage collection removes only files the database does not reference (left by a crash or an
 *   aborted batch, or by a compaction that committed but was interrupted before removing its source);
 * - compaction copies the live records of sparse packs into a new pack, fsyncs it and its folder,
 *   commits the new locations in one transaction, and only then removes the old packs.
 */
import { createReadStream, promises as fs } from 'node:fs';
import path from 'node:path';
import { wordedError } from '../../shared/error-words';
import { syncDirectory } from './atomic-file';
import type { SqliteDatabase } from './database';
import { RawBatchWriter } from './raw-batch';
import { LARGE_FOLDER, PACKS_FOLDER, packPath, RECORD_HEADER_BYTES } from './raw-layout';

/** Suffixes of files this store writes; anything else in its folders is left alone. */
const OWN_FILE = /\.(pack|eml)$/;

/** What garbage collection removed. */
export interface GarbageReport {
  readonly removedFiles: readonly string[];
  readonly removedBytes: number;
}

/**
 * Unreferenced files younger than this are left alone by a collection while the store is in use: they
 * may belong to a batch another thread is still writing (its files are written to as it goes).
 */
export const GARBAGE_MIN_AGE_MS = 60 * 60 * 1000;

/**
 * Removes pack and large-message files that no committed row references and that were last written
 * at least `minimumAgeMs` ago. `protectedFiles` (relative to the raw root) are files of batches still
 * being written by this store.
 */
export async function collectGarbage(
  database: SqliteDatabase,
  rawRoot: string,
  protectedFiles: ReadonlySet<string>,
  minimumAgeMs = GARBAGE_MIN_AGE_MS,
): Promise<GarbageReport> {
  const cutoff = Date.now() - minimumAgeMs;
  const packs = new Set(
    database
      .prepare<[], { file_name: string }>('select file_name from raw_packs')
      .all()
      .map((row) => `${PACKS_FOLDER}/${row.file_name}`),
  );
  const largeFiles = database.prepare<[string], { raw_file: string }>('select raw_file from messages where raw_file = ?');
  const removedFiles: string[] = [];
  let removedBytes = 0;
  for (const folder of [PACKS_FOLDER, LARGE_FOLDER]) {
    const names = await fs.readdir(path.join(rawRoot, folder)).catch(() => [] as string[]);
    let removedHere = false;
    for (const name of names) {
      if (!OWN_FILE.test(name)) continue;
      const relative = `${folder}/${name}`;
      if (protectedFiles.has(relative)) continue;
      const referenced = folder === PACKS_FOLDER ? packs.has(relative) : largeFiles.get(relative) !== undefined;
      if (referenced) continue;
      const full = path.join(rawRoot, folder, name);
      const { size, mtimeMs } = await fs.stat(full);
      if (minimumAgeMs > 0 && mtimeMs > cutoff) continue;
      await fs.rm(full, { force: true });
      removedFiles.push(relative);
      removedBytes += size;
      removedHere = true;
    }
    if (removedHere) await syncDirectory(path.join(rawRoot, folder));
  }
  return { removedFiles, removedBytes };
}

/** Options of `compactPacks`. */
export interface CompactOptions {
  /** A pack is compacted when its live bytes are below this share of its file size. */
  readonly maxLiveRatio?: number;
  /** Called once the copies are durable, just before their commit (tests change the store here). */
  readonly beforeCommit?: () => Promise<void>;
}

/** Default share of live bytes under which a pack is worth compacting. */
export const DEFAULT_COMPACT_LIVE_RATIO = 0.5;

/** What compaction did. */
export interface CompactReport {
  readonly packsRemoved: number;
  readonly messagesMoved: number;
  readonly bytesReclaimed: number;
}

interface PackUse {
  id: number;
  file_name: string;
  live_bytes: number;
  live_count: number;
}

/**
 * Rewrites sparse packs into one new pack (see the module comment for the order that keeps every
 * message readable at every instant). Packs with no live message are dropped from the database and
 * removed. Runs only in the holder of the writer lock; `protect` registers the new pack against concurrent GC.
 */
export async function compactPacks(
  database: SqliteDatabase,
  rawRoot: string,
  options: CompactOptions = {},
  protect?: (writer: RawBatchWriter) => () => void,
): Promise<CompactReport> {
  const ratio = options.maxLiveRatio ?? DEFAULT_COMPACT_LIVE_RATIO;
  const uses = database
    .prepare<[], PackUse>(
      `select p.id, p.file_name, coalesce(sum(m.size + ${RECORD_HEADER_BYTES}), 0) as live_bytes, count(m.id) as live_count
         from raw_packs p left join messages m on m.pack_id = p.id group by p.id`,
    )
    .all();
  const sparse: Array<PackUse & { fileSize: number }> = [];
  for (const use of uses) {
    const stat = await fs.stat(packPath(rawRoot, use.file_name)).catch(() => undefined);
    const fileSize = stat?.size ?? 0;
    if (use.live_count === 0 || use.live_bytes < fileSize * ratio) sparse.push({ ...use, fileSize });
  }
  if (sparse.length === 0) return { packsRemoved: 0, messagesMoved: 0, bytesReclaimed: 0 };

  const writer = new RawBatchWriter(rawRoot);
  const unprotect = protect?.(writer) ?? (() => undefined);
  const moved: Array<{ messageId: number; fromPack: number; fromOffset: number; packFile: string; offset: number }> = [];
  const removable: Array<PackUse & { fileSize: number }> = [];
  try {
    const live = database.prepare<[number], { id: number; pack_offset: number; size: number; sha256: string }>(
      'select id, pack_offset, size, sha256 from messages where pack_id = ? order by pack_offset',
    );
    for (const pack of sparse) {
      for (const record of live.all(pack.id)) {
        const source =
          record.size === 0
            ? new Uint8Array()
            : createReadStream(packPath(rawRoot, pack.file_name), { start: record.pack_offset, end: record.pack_offset + record.size - 1 });
        const written = await writer.addMessage(source);
        if (written.location.kind !== 'pack' || written.size !== record.size || written.sha256 !== record.sha256) {
          // Never move bytes that no longer match what was stored: leave the pack as it is.
          throw wordedError('STORAGE', { id: 'storageError.packChecksum', values: { id: String(record.id), pack: pack.file_name } });
        }
        moved.push({
          messageId: record.id,
          fromPack: pack.id,
          fromOffset: record.pack_offset,
          packFile: written.location.packFile,
          offset: written.location.offset,
        });
      }
    }
    await writer.sync();
    await options.beforeCommit?.();
    const now = Date.now();
    database
      .transaction(() => {
        const insertPack = database.prepare('insert into raw_packs (file_name, created_at) values (?, ?) returning id');
        const ids = new Map<string, number>();
        // Only rows still where they were copied from move: a message deleted or completed while the
        // copy ran keeps its newer state, and its old pack then stays until a later compaction.
        const update = database.prepare('update messages set pack_id = ?, pack_offset = ? where id = ? and pack_id = ? and pack_offset = ?');
        for (const move of moved) {
          let id = ids.get(move.packFile);
          if (id === undefined) {
            id = (insertPack.get(move.packFile, now) as { id: number }).id;
            ids.set(move.packFile, id);
          }
          update.run(id, move.offset, move.messageId, move.fromPack, move.fromOffset);
        }
        const drop = database.prepare('delete from raw_packs where id = ? and not exists (select 1 from messages where pack_id = ?)');
        for (const pack of sparse) if (drop.run(pack.id, pack.id).changes > 0) removable.push(pack);
      })
      .immediate();
    writer.markCommitted();
  } catch (error) {
    await writer.abort();
    unprotect();
    throw error;
  }
  await writer.close();
  unprotect();
  for (const pack of removable) await fs.rm(packPath(rawRoot, pack.file_name), { force: true });
  await syncDirectory(path.join(rawRoot, PACKS_FOLDER));
  const newSize =
    moved.length === 0
      ? 0
      : (await Promise.all([...new Set(moved.map((move) => move.packFile))].map((file) => fs.stat(packPath(rawRoot, file))))).reduce(
          (sum, stat) => sum + stat.size,
          0,
        );
  return {
    packsRemoved: removable.length,
    messagesMoved: moved.length,
    bytesReclaimed: removable.reduce((sum, pack) => sum + pack.fileSize, 0) - newSize,
  };
}
