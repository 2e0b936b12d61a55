/**
 * The window's import and export. Imports run in the import worker, one per run, as `mailbag import`
 * runs them; their progress and end go to every window as events (importProgress, importFinished),
 * then mailChanged so lists and counts refresh, and new mail is indexed. Export writes a folder or
 * chosen messages with the command line's writers. Browsing lists the folders of the computer Mailbag
 * runs on, so a browser tab on the bridge can choose a source it could not name by itself.
 */
import { wordedError } from '../../shared/error-words';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MAX_BROWSE_ENTRIES, MAX_IMPORT_PROBLEMS_SHOWN, type BrowseEntry, type ImportFinishedEvent, type ImportKindName } from '../../shared/import-export-ops';
import type { Handlers } from '../ipc/registry';
import type { AccountService } from '../services/accounts';
import type { EventHub } from '../services/events';
import { exportEml, exportMbox, oldestFirst, type ExportEntry } from '../services/export/mail-export';
import { describeError, type Logger } from '../services/logger';
import { folderAccount } from '../storage/folder-path';
import type { MessageStore } from '../storage/message-store';
import { MAX_PAGE_SIZE } from '../storage/message-queries';
import type { SqliteDatabase } from '../storage/database';
import { IMPORT_FORMATS, type ImportFormat, type ImportOutcome } from '../jobs/import/import-job';
import { runImportInWorker } from '../workers/import-client';
import { createProgramImportHandlers, type LaunchImport } from './program-import-handlers';

/** The import and export operations of the contract. */
export type ImportExportHandlers = Pick<
  Handlers,
  'browseFiles' | 'startImport' | 'cancelImport' | 'findThunderbirdProfiles' | 'previewProgramImport' | 'startProgramImport' | 'exportMessages'
>;

/** What the import and export operations need. */
export interface ImportExportHandlerOptions {
  readonly store: MessageStore;
  readonly database: SqliteDatabase;
  readonly accounts: AccountService;
  /** Where the Thunderbird profiles of this computer are looked for (profiles.ini folders). */
  readonly thunderbirdRoots: readonly string[];
  readonly events: EventHub;
  readonly logger: Logger;
  readonly paths: { readonly databaseFile: string; readonly rawDirectory: string };
  readonly indexPending: () => Promise<void>;
}

/** The importer that runs each kind the wizard offers (a kind without one is refused). */
function formatOf(kind: ImportKindName): ImportFormat {
  const format = IMPORT_FORMATS.find((candidate) => candidate === kind);
  if (format === undefined) throw wordedError('VALIDATION', { id: 'refusal.importKindUnsupported', values: { kind } });
  return format;
}

async function browse(requested: string | undefined): Promise<{ path: string; parent: string | null; entries: BrowseEntry[]; more: number }> {
  const directory = path.resolve(requested ?? os.homedir());
  let names;
  try {
    names = await fs.readdir(directory, { withFileTypes: true });
  } catch (error) {
    throw wordedError('NOT_FOUND', { id: 'refusal.importFolderUnreadable', values: { folder: directory } }, { cause: error });
  }
  const entries: BrowseEntry[] = [];
  for (const entry of names) {
    const full = path.join(directory, entry.name);
    const stat = await fs.stat(full).catch(() => null);
    if (stat === null) continue;
    if (stat.isDirectory()) entries.push({ name: entry.name, kind: 'directory', size: 0 });
    else if (stat.isFile()) entries.push({ name: entry.name, kind: 'file', size: stat.size });
  }
  entries.sort((a, b) => (a.kind === b.kind ? a.name.localeCompare(b.name) : a.kind === 'directory' ? -1 : 1));
  const parent = path.dirname(directory);
  return {
    path: directory,
    parent: parent === directory ? null : parent,
    entries: entries.slice(0, MAX_BROWSE_ENTRIES),
    more: Math.max(0, entries.length - MAX_BROWSE_ENTRIES),
  };
}

function finishedEvent(runId: string, outcome: ImportOutcome): ImportFinishedEvent {
  if (outcome.status === 'failed') {
    return {
      runId,
      status: 'failed',
      imported: 0,
      duplicates: 0,
      skipped: 0,
      problems: [],
      moreProblems: 0,
      error: outcome.error,
    };
  }
  const { report } = outcome;
  return {
    runId,
    status: outcome.status,
    imported: report.imported,
    duplicates: report.duplicates,
    skipped: report.skipped,
    problems: report.problems.slice(0, MAX_IMPORT_PROBLEMS_SHOWN),
    moreProblems: Math.max(0, report.problems.length - MAX_IMPORT_PROBLEMS_SHOWN),
  };
}

/** The operations, and `stop` for closing: cancels running imports and waits until they have ended. */
export interface ImportExportController {
  readonly handlers: ImportExportHandlers;
  stop(): Promise<void>;
}

/** Builds the import and export operations. */
export function createImportExportController(options: ImportExportHandlerOptions): ImportExportController {
  const { store, events, logger } = options;
  const running = new Map<string, AbortController>();
  const ending = new Set<Promise<void>>();

  const entriesOfFolder = (folderId: number): ExportEntry[] => {
    const entries: ExportEntry[] = [];
    for (let offset = 0; ; offset += MAX_PAGE_SIZE) {
      const page = store.listMessages(folderId, { offset, limit: MAX_PAGE_SIZE });
      for (const message of page.messages)
        entries.push({ id: message.id, date: message.date, receivedAt: message.receivedAt, sender: message.from?.address ?? null });
      if (page.messages.length < MAX_PAGE_SIZE) break;
    }
    return entries;
  };

  const launch: LaunchImport = (runId, job, totalBytes, changed) => {
    if (running.has(runId)) throw wordedError('VALIDATION', { id: 'refusal.importRunning' });
    const controller = new AbortController();
    running.set(runId, controller);
    const run = runImportInWorker(job, {
      signal: controller.signal,
      onProgress: ({ messages, sourceBytes }) => events.emit('importProgress', { runId, messages, sourceBytes, totalBytes }),
    })
      .then((outcome) => {
        events.emit('mailChanged', { ...changed, messageIds: [] });
        events.emit('importFinished', finishedEvent(runId, outcome));
        return options.indexPending();
      })
      .catch((error: unknown) => logger.warn('import failed', { error: describeError(error) }))
      .finally(() => {
        running.delete(runId);
        ending.delete(run);
      });
    ending.add(run);
  };

  const handlers: ImportExportHandlers = {
    ...createProgramImportHandlers({ ...options, isRunning: (runId) => running.has(runId), launch }),
    browseFiles: (input) => browse(input?.path),
    startImport: async ({ runId, kind, source, folderId }) => {
      const format = formatOf(kind);
      if (running.has(runId)) throw wordedError('VALIDATION', { id: 'refusal.importRunning' });
      const folderOwner = folderAccount(store.database, folderId);
      if (folderOwner === undefined) throw wordedError('NOT_FOUND', { id: 'refusal.importNoFolder', values: { folder: String(folderId) } });
      // Mail filed in Local Folders belongs to the first account, as `mailbag import` files it.
      const accountId = folderOwner ?? options.accounts.list()[0]?.id;
      if (accountId === undefined) throw wordedError('VALIDATION', { id: 'refusal.importNoAccount' });
      const stat = await fs.stat(source).catch((error: unknown) => {
        throw wordedError('NOT_FOUND', { id: 'refusal.importNoSource', values: { path: source } }, { cause: error });
      });
      if ((format === 'mbox' || format === 'outlook') && !stat.isFile())
        throw wordedError('VALIDATION', { id: 'refusal.importNotFile', values: { path: source } });
      if (format === 'maildir' && !stat.isDirectory()) throw wordedError('VALIDATION', { id: 'refusal.importNotMaildir', values: { path: source } });
      launch(runId, { format, source, dialect: 'auto', accountId, folderId, ...options.paths }, format === 'mbox' ? stat.size : null, {
        accountIds: [accountId],
        folderIds: [folderId],
      });
      return { runId };
    },
    cancelImport: ({ runId }) => {
      const controller = running.get(runId);
      controller?.abort();
      return { cancelled: controller !== undefined };
    },
    exportMessages: async ({ folderId, ids, format, destination, replace }) => {
      const entries = oldestFirst(
        folderId !== undefined
          ? entriesOfFolder(folderId)
          : (ids ?? []).map((id) => {
              const message = store.getMessage(id);
              return { id, date: message.date, receivedAt: message.receivedAt, sender: message.from?.address ?? null };
            }),
      );
      const out = path.resolve(destination);
      let bytes = 0;
      const write = format === 'mbox' ? exportMbox : exportEml;
      await write(
        (id) => store.openRawMessage(id),
        entries,
        out,
        replace === true,
        (size) => (bytes += size),
      );
      return { messages: entries.length, bytes, destination: out };
    },
  };
  return {
    handlers,
    async stop() {
      for (const controller of running.values()) controller.abort();
      await Promise.all([...ending]);
    },
  };
}
