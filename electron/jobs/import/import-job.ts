/**
 * One import as it crosses into the import worker: the source, where the messages go, and the
 * profile's store; and what comes back (progress, then one outcome that is never an exception).
 */
import type { ErrorData } from '../../../shared/errors';
import type { ImportProgress, ImportReport } from './import-messages';
import type { MboxDialect } from './mbox-reader';

/** The kinds of source an import reads. */
export const IMPORT_FORMATS = ['mbox', 'eml', 'maildir', 'outlook'] as const;
/** One kind of source. */
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** An import to run. */
export interface ImportJob {
  readonly format: ImportFormat;
  /** Absolute path of the file or folder. */
  readonly source: string;
  /** For mbox: the dialect, or 'auto' to guess it. */
  readonly dialect: MboxDialect | 'auto';
  readonly accountId: string;
  readonly folderId: number;
  readonly databaseFile: string;
  readonly rawDirectory: string;
}

/** How an import ended. */
export type ImportOutcome =
  | { readonly status: 'completed' | 'cancelled'; readonly report: ImportReport; readonly dialect?: MboxDialect }
  | { readonly status: 'failed'; readonly error: ErrorData };

export type { ImportProgress };
