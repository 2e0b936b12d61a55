/**
 * Checks a copied profile before anyone relies on it: SQLite's integrity_check on the index, then every
 * indexed message read back from the raw packs and files and compared with the size and SHA-256 its
 * row records. Used on a fresh backup and on a restore before it replaces anything.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import Database from 'better-sqlite3';
import { MailbagError } from '../../../shared/errors';
import { MIGRATIONS } from '../../storage/migrations';
import { RAW_ROW_SELECT, rawSourceOfRow, type RawRow } from '../../storage/message-index';
import { openRawSource } from '../../storage/raw-read';
import { RAW_DIRECTORY_NAME } from '../../storage/message-store';

/** File name of the index inside a profile and inside a backup (the core's DATABASE_FILE_NAME). */
export const INDEX_FILE_NAME = 'mailbag.sqlite';
/** Rows of integrity_check reported in an error (the first one is usually enough to tell). */
const INTEGRITY_PROBLEMS_SHOWN = 3;

/** What a verified copy holds. */
export interface VerifiedCopy {
  readonly schemaVersion: number;
  readonly messages: number;
  readonly bytes: number;
}

function damaged(what: string, detail: string, cause?: unknown): MailbagError {
  return new MailbagError('STORAGE', `${what} is damaged: ${detail}`, cause === undefined ? {} : { cause });
}

async function hashOf(row: RawRow, rawRoot: string): Promise<{ size: number; sha256: string }> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of openRawSource(rawSourceOfRow(rawRoot, row))) {
    hash.update(chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  return { size, sha256: hash.digest('hex') };
}

/**
 * Verifies the profile copy in `directory`; `what` names it in errors ("The backup in …"). Reports
 * each message checked so a caller can show progress.
 */
export async function verifyProfileCopy(directory: string, what: string, onMessage: (bytes: number) => void = () => undefined): Promise<VerifiedCopy> {
  let database: Database.Database;
  try {
    database = new Database(path.join(directory, INDEX_FILE_NAME), { fileMustExist: true });
  } catch (error) {
    throw damaged(what, 'its index cannot be opened.', error);
  }
  try {
    let problems: string[];
    let schemaVersion: number;
    try {
      problems = (database.pragma('integrity_check') as Array<{ integrity_check: string }>).map((row) => row.integrity_check);
      schemaVersion = database.pragma('user_version', { simple: true }) as number;
    } catch (error) {
      throw damaged(what, `its index is not a readable database (${(error as Error).message}).`, error);
    }
    if (problems.length !== 1 || problems[0] !== 'ok')
      throw damaged(what, `its index fails SQLite's integrity check: ${problems.slice(0, INTEGRITY_PROBLEMS_SHOWN).join('; ')}`);
    const latest = MIGRATIONS.at(-1)?.version ?? 0;
    if (schemaVersion > latest)
      throw new MailbagError('STORAGE', `${what} was made by a newer Mailbag (index version ${schemaVersion}); this one understands up to ${latest}.`);
    const rawRoot = path.join(directory, RAW_DIRECTORY_NAME);
    let messages = 0;
    let bytes = 0;
    // All rows first: the reads below wait on the disk, and the connection stays free meanwhile.
    for (const row of database.prepare<[], RawRow>(`${RAW_ROW_SELECT} order by m.id`).all()) {
      const where = row.raw_file ?? `${row.file_name ?? '?'} at byte ${row.pack_offset ?? '?'}`;
      let read: { size: number; sha256: string };
      try {
        read = await hashOf(row, rawRoot);
      } catch (error) {
        throw damaged(what, `message ${row.id} cannot be read (${where}).`, error);
      }
      if (read.size !== row.size || read.sha256 !== row.sha256) throw damaged(what, `message ${row.id} is cut short or altered (${where}).`);
      messages += 1;
      bytes += row.size;
      onMessage(row.size);
    }
    return { schemaVersion, messages, bytes };
  } finally {
    database.close();
  }
}
