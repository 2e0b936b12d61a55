/**
 * Stores the messages a reader yields through the store's normal write path: batches of messages
 * made durable with one fsync pass and recorded with their list columns in one transaction (the
 * full-text index catches up as for received mail). A message whose exact bytes the account already
 * holds — the duplicate safety net of Send/Receive, identity by SHA-256 and size — is not stored
 * again, so importing the same source twice adds nothing. Cancelling keeps every committed batch.
 */
import { createHash } from 'node:crypto';
import type { MessageStore } from '../../storage/message-store';
import type { MailboxItem, MailboxProblem } from './mbox-reader';

/** Messages committed together (one fsync pass, one transaction). */
export const IMPORT_BATCH_MESSAGES = 500;
/** Bytes gathered before a batch is committed, whatever its count. */
export const IMPORT_BATCH_BYTES = 64 * 1024 * 1024;

/** Where the messages go. */
export interface ImportTarget {
  readonly accountId: string;
  readonly folderId: number;
  /** The folder for a message filed in a sub-folder at the source (made when missing); default the target folder. */
  readonly folderFor?: (path: readonly string[]) => number;
}

/** Progress of an import: messages seen so far, bytes of the source read. */
export interface ImportProgress {
  readonly messages: number;
  readonly sourceBytes: number;
}

/** What an import did. */
export interface ImportReport {
  readonly imported: number;
  /** Already stored in the account (same bytes): not stored again. */
  readonly duplicates: number;
  /** Left out on purpose (maildir messages marked deleted, Outlook items that are not mail). */
  readonly skipped: number;
  /** Parts of the source that could not be read, with where they are. */
  readonly problems: readonly MailboxProblem[];
  readonly cancelled: boolean;
}

interface Pending {
  readonly bytes: Buffer;
  readonly folderId: number;
  readonly seen: boolean;
  readonly flagged: boolean;
  readonly answered: boolean;
  readonly forwarded: boolean;
}

/** Imports every message of `items` into the target folder (see the module comment). */
export async function importMessages(
  store: MessageStore,
  target: ImportTarget,
  items: AsyncIterable<MailboxItem>,
  options: { readonly signal?: AbortSignal; readonly onProgress?: (progress: ImportProgress) => void } = {},
): Promise<ImportReport> {
  const problems: MailboxProblem[] = [];
  const inThisRun = new Set<string>();
  let pending: Pending[] = [];
  let pendingBytes = 0;
  let imported = 0;
  let duplicates = 0;
  let skipped = 0;
  let seenMessages = 0;

  const commit = async (): Promise<void> => {
    if (pending.length === 0) return;
    const batch = store.beginBatch();
    const entries = [];
    for (const message of pending) {
      const written = await batch.addMessage(message.bytes);
      entries.push({ accountId: target.accountId, folder: { folderId: message.folderId }, message: written, seen: message.seen });
    }
    const outcomes = await batch.commit(entries);
    const marked = (flag: 'flagged' | 'answered' | 'forwarded'): number[] =>
      outcomes.flatMap((outcome, index) => (pending[index]?.[flag] === true && outcome.status === 'stored' ? [outcome.messageId] : []));
    for (const flag of ['flagged', 'answered', 'forwarded'] as const) {
      const ids = marked(flag);
      if (ids.length > 0) store.setFlags(ids, { [flag]: true });
    }
    imported += outcomes.filter((outcome) => outcome.status === 'stored').length;
    pending = [];
    pendingBytes = 0;
  };

  let cancelled = false;
  for await (const item of items) {
    if (options.signal?.aborted === true) {
      cancelled = true;
      break;
    }
    switch (item.kind) {
      case 'problem':
        problems.push(item.problem);
        break;
      case 'skipped':
        skipped += 1;
        break;
      case 'message': {
        const { bytes } = item.message;
        const sha256 = createHash('sha256').update(bytes).digest('hex');
        const identity = `${sha256}:${bytes.length}`;
        if (inThisRun.has(identity) || store.findStoredCopies(target.accountId, bytes.length, sha256).length > 0) {
          duplicates += 1;
        } else {
          inThisRun.add(identity);
          const { folder } = item.message;
          const folderId = folder === undefined || folder.length === 0 || target.folderFor === undefined ? target.folderId : target.folderFor(folder);
          pending.push({
            bytes,
            folderId,
            seen: item.message.seen,
            flagged: item.message.flagged,
            answered: item.message.answered,
            forwarded: item.message.forwarded === true,
          });
          pendingBytes += bytes.length;
        }
        seenMessages += 1;
        options.onProgress?.({ messages: seenMessages, sourceBytes: item.message.offset + bytes.length });
        if (pending.length >= IMPORT_BATCH_MESSAGES || pendingBytes >= IMPORT_BATCH_BYTES) await commit();
        break;
      }
    }
  }
  await commit();
  return { imported, duplicates, skipped, problems, cancelled };
}
