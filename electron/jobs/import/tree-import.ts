/**
 * Imports another program's folder trees (Thunderbird's mail directories, Eudora's folder) through the
 * same path as one mailbox: each folder found is placed (made when missing) and its mailbox goes
 * through {@link importMessages} into it, so the duplicate safety net, the batches and cancelling work
 * as for any import. A folder's damaged parts are listed with their file and offsets, and the other
 * folders are imported all the same.
 */
import type { SqliteDatabase } from '../../storage/database';
import type { MessageStore } from '../../storage/message-store';
import { listEudoraFolders, EUDORA_ROLES } from './eudora/eudora-folders';
import { placeFolder, type RoleNames } from './folder-placement';
import type { MailboxCount, TreeImportFormat, TreeImportJob, TreePreviewJob } from './import-job';
import { importMessages, type ImportProgress, type ImportReport } from './import-messages';
import type { MailboxProblem } from './mbox-reader';
import { listThunderbirdFolders, type SourceMailbox } from './thunderbird/mail-folders';

/** Thunderbird's folders that are an account's built-in ones (Unsent Messages is not the Outbox: nothing is sent by an import). */
export const THUNDERBIRD_ROLES: RoleNames = new Map([
  ['inbox', 'inbox'],
  ['sent', 'sent'],
  ['drafts', 'drafts'],
  ['trash', 'trash'],
  ['junk', 'junk'],
]);

function sourceOf(format: TreeImportFormat): { list: (directory: string) => Promise<SourceMailbox[]>; roles: RoleNames } {
  switch (format) {
    case 'thunderbird':
      return { list: (directory) => listThunderbirdFolders(directory), roles: THUNDERBIRD_ROLES };
    case 'eudora':
      return { list: (directory) => listEudoraFolders(directory), roles: EUDORA_ROLES };
  }
}

/** Imports every tree of the job (see the module comment); the report adds up every folder's. */
export async function importTrees(
  database: SqliteDatabase,
  store: MessageStore,
  job: TreeImportJob,
  options: { readonly signal?: AbortSignal; readonly onProgress?: (progress: ImportProgress) => void },
): Promise<{ report: ImportReport; mailboxes: number }> {
  const { list, roles } = sourceOf(job.format);
  const problems: MailboxProblem[] = [];
  let imported = 0;
  let duplicates = 0;
  let skipped = 0;
  let mailboxes = 0;
  let doneMessages = 0;
  let doneBytes = 0;
  let cancelled = false;
  for (const tree of job.trees) {
    for (const mailbox of await list(tree.directory)) {
      if (options.signal?.aborted === true) {
        cancelled = true;
        break;
      }
      const folderId = placeFolder(database, tree.accountId, tree.placement, mailbox.path, roles);
      if (mailbox.file === undefined) continue;
      mailboxes += 1;
      const report = await importMessages(store, { accountId: tree.accountId, folderId }, mailbox.read(), {
        ...(options.signal === undefined ? {} : { signal: options.signal }),
        onProgress: (progress) => options.onProgress?.({ messages: doneMessages + progress.messages, sourceBytes: doneBytes + progress.sourceBytes }),
      });
      imported += report.imported;
      duplicates += report.duplicates;
      skipped += report.skipped;
      const file = mailbox.file;
      problems.push(...report.problems.map((problem) => (problem.file === undefined ? { ...problem, file } : problem)));
      doneMessages += report.imported + report.duplicates;
      doneBytes += mailbox.size;
      options.onProgress?.({ messages: doneMessages, sourceBytes: doneBytes });
      if (report.cancelled) {
        cancelled = true;
        break;
      }
    }
    if (cancelled) break;
  }
  return { report: { imported, duplicates, skipped, problems, cancelled }, mailboxes };
}

/** Counts the messages of every mailbox of a preview job's trees (see TreePreviewJob); stops early when cancelled. */
export async function previewTrees(job: TreePreviewJob, signal: AbortSignal): Promise<MailboxCount[]> {
  const { list } = sourceOf(job.format);
  const counts: MailboxCount[] = [];
  for (const tree of job.preview) {
    for (const mailbox of await list(tree.directory).catch(() => [])) {
      if (signal.aborted) return counts;
      if (mailbox.file === undefined) continue;
      let messages = 0;
      for await (const item of mailbox.read()) if (item.kind === 'message') messages += 1;
      counts.push({ path: [...tree.top, ...mailbox.path], inLocalFolders: tree.inLocalFolders, messages, bytes: mailbox.size });
    }
  }
  return counts;
}
