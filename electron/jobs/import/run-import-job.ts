/**
 * Runs an import where the import worker runs it: opens the profile's store (as another writer, like a
 * receive worker), reads the source, stores its messages in batches, and reports progress. Never rejects:
 * a failure is an outcome with its error as data.
 */
import { MailbagError, toErrorData } from '../../../shared/errors';
import { ensureFolderPath } from '../../storage/folder-path';
import { openJobStore } from '../job-store';
import { readEmlFiles, readMaildir } from './file-readers';
import type { FileImportJob, ImportJob, ImportOutcome, TreeImportJob, TreePreviewJob } from './import-job';
import { importMessages, type ImportProgress } from './import-messages';
import { importTrees, previewTrees } from './tree-import';
import { readMailbox, sniffDialect, type MailboxItem, type MboxDialect } from './mbox-reader';
import { readOutlookFile } from './outlook/outlook-reader';

async function itemsOf(job: FileImportJob): Promise<{ items: AsyncIterable<MailboxItem>; dialect?: MboxDialect }> {
  switch (job.format) {
    case 'mbox': {
      const dialect = job.dialect === 'auto' ? await sniffDialect(job.source) : job.dialect;
      return { items: readMailbox(job.source, dialect), dialect };
    }
    case 'eml':
      return { items: readEmlFiles(job.source) };
    case 'maildir':
      return { items: readMaildir(job.source) };
    case 'outlook':
      return { items: readOutlookFile(job.source) };
  }
}

function isTreeJob(job: Exclude<ImportJob, TreePreviewJob>): job is TreeImportJob {
  return job.format === 'thunderbird' || job.format === 'eudora';
}

const NOTHING_IMPORTED = { imported: 0, duplicates: 0, skipped: 0, problems: [], cancelled: false } as const;

/** Runs one import (see the module comment). */
export async function runImportJob(job: ImportJob, signal: AbortSignal, onProgress: (progress: ImportProgress) => void): Promise<ImportOutcome> {
  if ('preview' in job) {
    try {
      const counts = await previewTrees(job, signal);
      return { status: signal.aborted ? 'cancelled' : 'completed', report: { ...NOTHING_IMPORTED, cancelled: signal.aborted }, counts };
    } catch (error) {
      return { status: 'failed', error: error instanceof MailbagError ? error.toData() : toErrorData(error) };
    }
  }
  const opened = await openJobStore(job);
  if (!opened.ok) return { status: 'failed', error: opened.error };
  const { database, store } = opened.value;
  try {
    if (isTreeJob(job)) {
      const { report, mailboxes } = await importTrees(database, store, job, { signal, onProgress });
      return { status: report.cancelled ? 'cancelled' : 'completed', report, mailboxes };
    }
    const { items, dialect } = await itemsOf(job);
    const folders = new Map<string, number>();
    const folderFor = (names: readonly string[]): number => {
      const key = JSON.stringify(names);
      let id = folders.get(key);
      if (id === undefined) folders.set(key, (id = ensureFolderPath(database, job.folderId, names)));
      return id;
    };
    const report = await importMessages(store, { accountId: job.accountId, folderId: job.folderId, folderFor }, items, { signal, onProgress });
    return { status: report.cancelled ? 'cancelled' : 'completed', report, ...(dialect === undefined ? {} : { dialect }) };
  } catch (error) {
    return { status: 'failed', error: error instanceof MailbagError ? error.toData() : { ...toErrorData(error), code: 'STORAGE' } };
  } finally {
    await store.close().catch(() => undefined);
    database.close();
  }
}
