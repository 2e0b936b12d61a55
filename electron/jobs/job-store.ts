/**
 * The profile's database and message store as a job opens them where it runs (a worker thread, or a
 * test process): without garbage collection, because other writers (other accounts' workers, the main
 * thread) may have batches in progress whose files are not referenced yet; collecting is the writer-lock
 * holder's job (`maintenance: false`). The job's session transcript is kept in the same database.
 */
import { MailbagError, type ErrorData, type Result } from '../../shared/errors';
import { openDatabase, type SqliteDatabase } from '../storage/database';
import { openMessageStore, type MessageStore } from '../storage/message-store';
import { saveTranscript, type StoredTranscript } from '../storage/server-mailbox-records';

/** The error data of a store that could not be opened. */
const STORE_UNAVAILABLE: ErrorData = { code: 'STORAGE', message: 'Mailbag could not open its mail store.' };

/** An open store and the database under it (close the database when the job ends). */
export interface JobStore {
  readonly database: SqliteDatabase;
  readonly store: MessageStore;
}

/** Where a job finds the profile's store. */
export interface JobStorePaths {
  readonly databaseFile: string;
  readonly rawDirectory: string;
}

/** Opens the store for a job; never rejects (a failure is STORAGE error data, the database closed again). */
export async function openJobStore(paths: JobStorePaths): Promise<Result<JobStore>> {
  let database: SqliteDatabase | undefined;
  try {
    database = openDatabase(paths.databaseFile);
    const store = await openMessageStore({ database, rawDirectory: paths.rawDirectory, maintenance: false });
    return { ok: true, value: { database, store } };
  } catch (error) {
    database?.close();
    return { ok: false, error: error instanceof MailbagError ? error.toData() : STORE_UNAVAILABLE };
  }
}

/** Keeps a session's transcript for the account; a transcript is a convenience, so failing to keep it changes no outcome. */
export function keepTranscript(database: SqliteDatabase, accountId: string, transcript: StoredTranscript): void {
  try {
    saveTranscript(database, accountId, transcript);
  } catch {
    // Nothing to do: the job's outcome stands.
  }
}
