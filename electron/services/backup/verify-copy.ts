/**
 * Checks a copied profile before anyone relies on it: SQLite's integrity_check on the index, then every
 * indexed message read back from the raw packs and files and compared with the size and SHA-256 its
 * row records. Used on a fresh backup and on a restore before it replaces anything.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import Database from 'better-sqlite3';
import { wordedError } from '../../../shared/error-words';
import type { MailbagError } from '../../../shared/errors';
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

/** Which copy is checked, as its errors name it: the backup being made, or the backup in a folder being restored. */
export type CheckedCopy = { readonly copy: 'new' } | { readonly copy: 'backup'; readonly folder: string };

/** The arguments that name the copy in a message. */
function copyValues(what: CheckedCopy): { copy: string; folder: string } {
  return what.copy === 'new' ? { copy: 'new', folder: '' } : { copy: 'backup', folder: what.folder };
}

/** Where a message's bytes are: its own file, or a pack and the byte it starts at. */
function placeValues(row: RawRow): { file: string; offset: string } {
  return row.raw_file === null ? { file: row.file_name ?? '?', offset: String(row.pack_offset ?? '?') } : { file: row.raw_file, offset: 'none' };
}

function damaged(what: CheckedCopy, words: { id: DamageId; values?: Readonly<Record<string, string>> }, cause?: unknown): MailbagError {
  return wordedError('STORAGE', { id: words.id, values: { ...copyValues(what), ...words.values } }, cause === undefined ? {} : { cause });
}

/** The messages that say a copy is damaged. */
type DamageId =
  | 'serviceError.backup.indexUnopenable'
  | 'serviceError.backup.indexUnreadable'
  | 'serviceError.backup.integrityFailed'
  | 'serviceError.backup.messageUnreadable'
  | 'serviceError.backup.messageAltered';

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
 * Verifies the profile copy in `directory`; `what` names it in errors (the new backup, the backup in …). Reports
 * each message checked so a caller can show progress.
 */
export async function verifyProfileCopy(directory: string, what: CheckedCopy, onMessage: (bytes: number) => void = () => undefined): Promise<VerifiedCopy> {
  let database: Database.Database;
  try {
    database = new Database(path.join(directory, INDEX_FILE_NAME), { fileMustExist: true });
  } catch (error) {
    throw damaged(what, { id: 'serviceError.backup.indexUnopenable' }, error);
  }
  try {
    let problems: string[];
    let schemaVersion: number;
    try {
      problems = (database.pragma('integrity_check') as Array<{ integrity_check: string }>).map((row) => row.integrity_check);
      schemaVersion = database.pragma('user_version', { simple: true }) as number;
    } catch (error) {
      throw damaged(what, { id: 'serviceError.backup.indexUnreadable', values: { problem: (error as Error).message } }, error);
    }
    if (problems.length !== 1 || problems[0] !== 'ok')
      throw damaged(what, { id: 'serviceError.backup.integrityFailed', values: { problems: problems.slice(0, INTEGRITY_PROBLEMS_SHOWN).join('; ') } });
    const latest = MIGRATIONS.at(-1)?.version ?? 0;
    if (schemaVersion > latest)
      throw wordedError('STORAGE', {
        id: 'serviceError.backup.newerVersion',
        values: { ...copyValues(what), version: String(schemaVersion), latest: String(latest) },
      });
    const rawRoot = path.join(directory, RAW_DIRECTORY_NAME);
    let messages = 0;
    let bytes = 0;
    // All rows first: the reads below wait on the disk, and the connection stays free meanwhile.
    for (const row of database.prepare<[], RawRow>(`${RAW_ROW_SELECT} order by m.id`).all()) {
      const where = placeValues(row);
      let read: { size: number; sha256: string };
      try {
        read = await hashOf(row, rawRoot);
      } catch (error) {
        throw damaged(what, { id: 'serviceError.backup.messageUnreadable', values: { id: String(row.id), ...where } }, error);
      }
      if (read.size !== row.size || read.sha256 !== row.sha256)
        throw damaged(what, { id: 'serviceError.backup.messageAltered', values: { id: String(row.id), ...where } });
      messages += 1;
      bytes += row.size;
      onMessage(row.size);
    }
    return { schemaVersion, messages, bytes };
  } finally {
    database.close();
  }
}
