/**
 * The window's import and export: which kinds of source the import wizard offers, browsing the files
 * of the computer Mailbag runs on (the window may be a browser tab, which cannot name local paths
 * itself), starting and cancelling an import (progress and the end arrive as events, as Send/Receive's
 * do), and exporting a folder or a selection. Inputs are checked here for shape; main checks the rest.
 */
import type { ErrorData } from './errors';
import { z } from 'zod';
import type { ImportProblemReason } from './import-problems';
import { MAX_MESSAGE_IDS } from './mail';

/**
 * The kinds of source the import wizard offers, by name. Each names an importer main runs; a new
 * importer joins by adding its row here, its reader in main's import table and its name and hint
 * in the catalogs (`import.kind…`).
 */
export const IMPORT_KINDS = [
  { name: 'mbox', source: 'file' },
  { name: 'eml', source: 'any' },
  { name: 'maildir', source: 'directory' },
  { name: 'outlook', source: 'file' },
] as const satisfies ReadonlyArray<{ name: string; source: 'file' | 'directory' | 'any' }>;

/** The name of one import kind. */
export type ImportKindName = (typeof IMPORT_KINDS)[number]['name'];
const IMPORT_KIND_NAMES = IMPORT_KINDS.map((kind) => kind.name) as [ImportKindName, ...ImportKindName[]];

/**
 * The other programs whose mail (and POP3 accounts) the wizard imports whole: a Thunderbird profile
 * (found through profiles.ini, or a profile folder browsed to) or an Eudora mail folder.
 */
export const PROGRAM_IMPORT_KINDS = [{ name: 'thunderbird' }, { name: 'eudora' }] as const;

/** The name of one program the wizard imports. */
export type ProgramKindName = (typeof PROGRAM_IMPORT_KINDS)[number]['name'];
const PROGRAM_KIND_NAMES = PROGRAM_IMPORT_KINDS.map((kind) => kind.name) as [ProgramKindName, ...ProgramKindName[]];

/** Most accounts one program import brings (and passwords it takes). */
export const MAX_PROGRAM_ACCOUNTS = 64;
/** Longest password accepted. */
export const MAX_IMPORT_PASSWORD_LENGTH = 1024;
/** Mailboxes a preview lists in full; the rest are counted. */
export const MAX_PREVIEW_MAILBOXES = 500;

/** Longest path accepted. */
export const MAX_PATH_LENGTH = 4096;
/** Most entries of a folder a browse returns (the rest are counted). */
export const MAX_BROWSE_ENTRIES = 2000;
/** Problems an import reports in full; the rest are counted. */
export const MAX_IMPORT_PROBLEMS_SHOWN = 200;

const pathSchema = z
  .string()
  .min(1)
  .max(MAX_PATH_LENGTH)
  .refine((value) => !value.includes('\0'), { message: 'A path cannot contain a NUL character.' });
const runIdSchema = z.string().min(1).max(64);
const folderIdSchema = z.number().int().positive();

/** One entry of a browsed folder. */
export interface BrowseEntry {
  readonly name: string;
  readonly kind: 'file' | 'directory';
  readonly size: number;
}

/** A browsed folder of the computer Mailbag runs on. */
export interface BrowseListing {
  readonly path: string;
  /** Null at the top of the file system. */
  readonly parent: string | null;
  readonly entries: readonly BrowseEntry[];
  /** Entries left out past MAX_BROWSE_ENTRIES. */
  readonly more: number;
}

/** One part of a source that could not be read. */
export interface ImportProblemView {
  /** The file (maildir, .eml folders) or folder (Outlook) it was in, when the source has many. */
  readonly file?: string;
  /** Byte offset in the file (mbox), or the item's node id (Outlook). */
  readonly offset: number;
  readonly length: number;
  readonly reason: ImportProblemReason;
}

/** An import moved on: messages read so far, and bytes of the source where known. */
export interface ImportProgressEvent {
  readonly runId: string;
  readonly messages: number;
  readonly sourceBytes: number;
  /** The source's size when progress can be told in bytes (one mbox file), else null. */
  readonly totalBytes: number | null;
}

/** An import ended. */
export interface ImportFinishedEvent {
  readonly runId: string;
  readonly status: 'completed' | 'cancelled' | 'failed';
  readonly imported: number;
  readonly duplicates: number;
  readonly skipped: number;
  readonly problems: readonly ImportProblemView[];
  /** Problems past MAX_IMPORT_PROBLEMS_SHOWN. */
  readonly moreProblems: number;
  /** Why it failed (status `failed`). */
  readonly error?: ErrorData;
}

/** A Thunderbird profile listed in a profiles.ini of this computer. */
export interface ThunderbirdProfileView {
  readonly name: string;
  readonly directory: string;
  /** The one Thunderbird opens (installs.ini, else Default=1). */
  readonly isDefault: boolean;
}

/** An account found in the source, before it is imported. */
export interface ProgramAccountView {
  /** Names it when its password is given. */
  readonly key: string;
  readonly name: string;
  readonly address: string;
  readonly host: string;
  readonly username: string;
  /** `existing`: Mailbag already reads this server as this user, so no password is needed. */
  readonly status: 'new' | 'existing';
  /** The outgoing server signs in with a password of its own. */
  readonly smtpPassword: boolean;
  readonly smtpUsername: string;
  /** The source sent the password unencrypted; the import keeps that choice. */
  readonly insecure: boolean;
}

/** A mailbox of the source: where it goes, and how much it holds. */
export interface ProgramMailboxView {
  /** Folder names from the top of its tree (the account's name, then the source's folders). */
  readonly path: readonly string[];
  /** Whether the tree is Local Folders: the window puts that name, in its own language, before `path`. */
  readonly inLocalFolders: boolean;
  readonly messages: number;
  readonly bytes: number;
}

/** What an import of another program will bring, shown before it starts. */
export interface ProgramPreview {
  readonly source: string;
  readonly accounts: readonly ProgramAccountView[];
  readonly mailboxes: readonly ProgramMailboxView[];
  /** Mailboxes past MAX_PREVIEW_MAILBOXES. */
  readonly moreMailboxes: number;
}

/** What became of one account of the source. */
export interface ImportedAccountView {
  readonly key: string;
  readonly name: string;
  readonly host: string;
  readonly status: 'created' | 'existing' | 'failed';
  /** Server messages recorded as downloaded already (Thunderbird's popstate.dat). */
  readonly knownOnServer: number;
  readonly error?: ErrorData;
}

const passwordSchema = z.string().min(1).max(MAX_IMPORT_PASSWORD_LENGTH);
const programSourceInput = {
  kind: z.enum(PROGRAM_KIND_NAMES),
  source: pathSchema,
  /** Thunderbird: bring the mail (Local Folders and the accounts' folders). Eudora always brings it. */
  mail: z.boolean(),
  /** Bring the POP3 accounts. */
  accounts: z.boolean(),
};

/** Inputs of the import and export operations, validated in main before a handler runs. */
export const importExportOperationInputs = {
  /** A folder's entries; without a path, the user's home folder. */
  browseFiles: z.strictObject({ path: pathSchema.optional() }).optional(),
  startImport: z.strictObject({ runId: runIdSchema, kind: z.enum(IMPORT_KIND_NAMES), source: pathSchema, folderId: folderIdSchema }),
  cancelImport: z.strictObject({ runId: runIdSchema }),
  /** The Thunderbird profiles of this computer (every profiles.ini Thunderbird may keep). */
  findThunderbirdProfiles: z.undefined(),
  /** What a Thunderbird profile or an Eudora folder holds: accounts, and mailboxes with their counts. */
  previewProgramImport: z.strictObject(programSourceInput),
  /**
   * Brings the accounts in (each new one signed in with the password given here, by its key; none is
   * stored unless the sign-in works), then, when every account came in, starts importing the mail.
   */
  startProgramImport: z.strictObject({
    ...programSourceInput,
    runId: runIdSchema,
    passwords: z
      .array(z.strictObject({ key: z.string().min(1).max(128), pop3Password: passwordSchema, smtpPassword: passwordSchema.optional() }))
      .max(MAX_PROGRAM_ACCOUNTS),
  }),
  /** A whole folder (`folderId`) or chosen messages (`ids`), to one mbox file or a folder of .eml files. */
  exportMessages: z
    .strictObject({
      folderId: folderIdSchema.optional(),
      ids: z.array(z.number().int().positive()).min(1).max(MAX_MESSAGE_IDS).optional(),
      format: z.enum(['mbox', 'eml']),
      destination: pathSchema,
      replace: z.boolean().optional(),
    })
    .refine((input) => (input.folderId === undefined) !== (input.ids === undefined), { message: 'Export a folder or chosen messages, one of the two.' }),
} as const;

/** What the import and export operations return. */
export interface ImportExportOperationOutputs {
  browseFiles: BrowseListing;
  startImport: { readonly runId: string };
  cancelImport: { readonly cancelled: boolean };
  findThunderbirdProfiles: readonly ThunderbirdProfileView[];
  previewProgramImport: ProgramPreview;
  /** `started`: the mail import runs (its progress and end arrive as events); false when an account failed. */
  startProgramImport: { readonly runId: string; readonly started: boolean; readonly accounts: readonly ImportedAccountView[] };
  exportMessages: { readonly messages: number; readonly bytes: number; readonly destination: string };
}
