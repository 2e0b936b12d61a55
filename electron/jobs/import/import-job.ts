/**
 * One import as it crosses into the import worker: the source, where the messages go, and the
 * profile's store; and what comes back (progress, then one outcome that is never an exception).
 */
import type { ErrorData } from '../../../shared/errors';
import type { ImportProgress, ImportReport } from './import-messages';
import type { MboxDialect } from './mbox-reader';

/** The kinds of source an import reads into one folder (an Outlook file with its folder tree below it). */
export const IMPORT_FORMATS = ['mbox', 'eml', 'maildir', 'outlook'] as const;
/** One kind of source. */
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** The other programs whose whole folder trees an import reads, each folder into a folder of its own. */
export const TREE_IMPORT_FORMATS = ['thunderbird', 'eudora'] as const;
/** One program's folder tree. */
export type TreeImportFormat = (typeof TREE_IMPORT_FORMATS)[number];

/** An import to run, or the count of what one would read. */
export type ImportJob = FileImportJob | TreeImportJob | TreePreviewJob;

/** An import of one file or folder of messages into one folder. */
export interface FileImportJob {
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

/**
 * Where a tree of another program's folders goes: into the account's own tree (its top-level Inbox,
 * Sent, Drafts, Trash and Junk become the account's built-in folders), or into Local Folders, under
 * a folder of that name (null: at the top of Local Folders).
 */
export type ImportPlacement = { readonly kind: 'account' } | { readonly kind: 'local'; readonly under: string | null };

/** One directory of another program's folders, and where its mail goes. */
export interface ImportTree {
  readonly directory: string;
  /** The account the messages belong to (duplicates are looked for among its messages). */
  readonly accountId: string;
  readonly placement: ImportPlacement;
}

/** An import of another program's folder trees, folder by folder (the folders are made as needed). */
export interface TreeImportJob {
  readonly format: TreeImportFormat;
  readonly trees: readonly ImportTree[];
  readonly databaseFile: string;
  readonly rawDirectory: string;
}

/** One directory of another program's folders to count, and the folder names its mailboxes go under. */
export interface PreviewTree {
  readonly directory: string;
  readonly top: readonly string[];
  /** Whether `top` lies in Local Folders (named by the window, in its language). */
  readonly inLocalFolders: boolean;
}

/**
 * Counting the messages of another program's trees without storing anything (what the import wizard
 * shows before it starts): the mailboxes are read with the import's own readers, in the worker.
 */
export interface TreePreviewJob {
  readonly format: TreeImportFormat;
  readonly preview: readonly PreviewTree[];
}

/** One mailbox a preview found: the path of the folder it fills, its messages and its bytes. */
export interface MailboxCount {
  readonly path: readonly string[];
  /** Whether `path` lies in Local Folders (its tree's PreviewTree.inLocalFolders). */
  readonly inLocalFolders: boolean;
  readonly messages: number;
  readonly bytes: number;
}

/** How an import ended. */
export type ImportOutcome =
  | {
      readonly status: 'completed' | 'cancelled';
      readonly report: ImportReport;
      readonly dialect?: MboxDialect;
      /** For a tree: the mailboxes read (one per folder that holds mail). */
      readonly mailboxes?: number;
      /** For a preview: each mailbox with its count. */
      readonly counts?: readonly MailboxCount[];
    }
  | { readonly status: 'failed'; readonly error: ErrorData };

export type { ImportProgress };
