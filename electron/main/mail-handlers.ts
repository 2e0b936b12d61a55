/**
 * The contract's mail operations, wired to the message store and the display worker: the folder pane,
 * windowed lists, one message for the reader, flags, moves, deletion to Trash, emptying Trash, search
 * and attachments. Every change is announced with mailChanged so every open window refreshes.
 */
import { wordedError } from '../../shared/error-words';
import { setMessageTag } from '../storage/message-tags';
import { MAX_ATTACHMENT_BYTES, MAX_RAW_MESSAGE_BYTES, type AddressView, type FolderTree, type MessageListItem, type MessageView } from '../../shared/mail';
import type { Handlers } from '../ipc/registry';
import type { AccountService } from '../services/accounts';
import type { EventHub } from '../services/events';
import { folderIdForRole } from '../storage/folders';
import { listSource } from '../storage/message-list';
import { locateMessages, messageIdsInFolder, type MessageLocation } from '../storage/message-locations';
import type { MessageStore } from '../storage/message-store';
import type { MessageSummary } from '../storage/message-queries';
import { storeMissingHeaderSections } from '../storage/rule-engine';
import { judgeJunk } from '../storage/junk-filter';
import type { DisplayWorkerClient } from '../workers/display-client';
import { MAX_ALL_DISPLAY_PARTS } from '../jobs/display/display-body';

/** The mail operations of the contract. */
export type MailHandlers = Pick<
  Handlers,
  | 'listFolders'
  | 'listMessages'
  | 'getMessage'
  | 'setMessageFlags'
  | 'setMessageTag'
  | 'moveMessages'
  | 'deleteMessages'
  | 'markJunk'
  | 'emptyTrash'
  | 'searchMessages'
  | 'getAttachment'
  | 'getRawMessage'
>;

/** What the mail operations need. */
export interface MailHandlerOptions {
  readonly store: MessageStore;
  readonly accounts: AccountService;
  readonly events: EventHub;
  /** Reads messages for the reader off the main thread. */
  readonly display: () => DisplayWorkerClient;
}

/** A stored message as the list shows it. */
export function listItem(message: MessageSummary): MessageListItem {
  return {
    id: message.id,
    accountId: message.accountId,
    folderId: message.folderId,
    subject: message.subject,
    from: message.from,
    recipients: message.to,
    recipientCount: message.toTotal,
    date: message.date,
    receivedAt: message.receivedAt,
    size: message.size,
    seen: message.seen,
    flagged: message.flagged,
    answered: message.answered,
    forwarded: message.forwarded,
    partial: message.partial,
    hasAttachments: message.hasAttachments,
    snippet: message.snippet,
    indexed: message.indexed,
    problems: message.problems,
    tags: message.tags,
  };
}

function sameAddress(left: AddressView, right: AddressView): boolean {
  return left.address.toLowerCase() === right.address.toLowerCase();
}

/** A Content-ID without its angle brackets, as `cid:` URLs name it (RFC 2392). */
function bareContentId(contentId: string): string {
  return contentId.replace(/^<|>$/g, '');
}

/** Builds the mail operations. */
export function createMailHandlers(options: MailHandlerOptions): MailHandlers {
  const { store, accounts, events } = options;
  const database = store.database;

  const announce = (located: readonly MessageLocation[], extraFolders: readonly number[] = []): void => {
    events.emit('mailChanged', {
      accountIds: [...new Set(located.flatMap((entry) => (entry.accountId === null ? [] : [entry.accountId])))],
      folderIds: [...new Set([...located.map((entry) => entry.folderId), ...extraFolders])],
      messageIds: located.map((entry) => entry.id),
    });
  };

  const folderTree = (accountId: string | undefined): FolderTree => {
    const chosen = accountId === undefined ? accounts.list() : [accounts.get(accountId)];
    let total = 0;
    let unread = 0;
    const tree = chosen.map((account) => {
      store.ensureDefaultFolders(account.id);
      const folders = store.listFolders(account.id);
      for (const folder of folders) {
        if (folder.role !== 'inbox') continue;
        total += folder.total;
        unread += folder.unread;
      }
      return { accountId: account.id, accountName: account.name, folders };
    });
    return { accounts: tree, unifiedInbox: { total, unread } };
  };

  const getMessage = async (id: number, allParts = false): Promise<MessageView> => {
    const details = store.getMessage(id);
    const display = await options.display().display(store.rawSource(id), allParts ? MAX_ALL_DISPLAY_PARTS : undefined);
    const from = display.from[0] ?? details.from;
    const sender =
      display.sender !== null && !display.from.some((address) => display.sender !== null && sameAddress(address, display.sender)) ? display.sender : null;
    return {
      ...listItem(details),
      // The reader's own reading keeps more of an absurd header than the index (and marks the cut with …).
      subject: display.subject ?? details.subject,
      from,
      fromAll: display.from,
      sender,
      replyTo: display.replyTo,
      to: display.to.length > 0 ? display.to : details.to,
      cc: display.cc.length > 0 ? display.cc : details.cc,
      toCount: Math.max(display.toCount, display.to.length > 0 ? display.to.length : details.to.length),
      ccCount: Math.max(display.ccCount, display.cc.length > 0 ? display.cc.length : details.cc.length),
      messageId: details.messageId,
      inReplyTo: details.inReplyTo,
      references: details.references,
      text: display.text,
      html: display.html,
      parts: display.parts,
      omittedParts: display.omittedParts,
      truncated: display.truncated,
      inJunk: locateMessages(database, [id])[0]?.role === 'junk',
      attachments: display.attachments,
      inlineImages: display.inlineImages,
      listPost: display.listPost,
      readReceipt: display.readReceiptTo === null ? null : { to: display.readReceiptTo, answered: store.readReceiptAnswer(id) },
      cidParts: display.attachments.flatMap((attachment) => (attachment.contentId === null ? [] : [bareContentId(attachment.contentId)])),
    };
  };

  const deleteMessages = async (ids: readonly number[]): Promise<{ movedToTrash: number; deletedPermanently: number }> => {
    const located = locateMessages(database, ids);
    const inTrash = located.filter((entry) => entry.role === 'trash').map((entry) => entry.id);
    const byAccount = new Map<string, number[]>();
    for (const entry of located) {
      if (entry.role === 'trash') continue;
      if (entry.accountId === null) {
        throw wordedError('VALIDATION', { id: 'refusal.keptFromRemovedAccount' });
      }
      byAccount.set(entry.accountId, [...(byAccount.get(entry.accountId) ?? []), entry.id]);
    }
    let movedToTrash = 0;
    const trashFolders: number[] = [];
    for (const [accountId, accountIds] of byAccount) {
      const trash = folderIdForRole(database, accountId, 'trash');
      trashFolders.push(trash);
      movedToTrash += store.moveMessages(accountIds, trash);
    }
    const deletedPermanently = inTrash.length === 0 ? 0 : await store.deleteMessagesPermanently(inTrash);
    if (located.length > 0) announce(located, trashFolders);
    return { movedToTrash, deletedPermanently };
  };

  const emptyTrash = async (accountId: string | undefined): Promise<{ deleted: number }> => {
    const chosen = accountId === undefined ? accounts.list() : [accounts.get(accountId)];
    let deleted = 0;
    const changed: MessageLocation[] = [];
    for (const account of chosen) {
      const trash = folderIdForRole(database, account.id, 'trash');
      const ids = messageIdsInFolder(database, trash);
      if (ids.length === 0) continue;
      // For an "until deleted here" account, these journal rows lose their message: the next
      // Send/Receive deletes exactly them on the server (receive-plan deletionReason, deleted-locally).
      deleted += await store.deleteMessagesPermanently(ids);
      for (const id of ids) changed.push({ id, accountId: account.id, folderId: trash, role: 'trash' });
    }
    if (changed.length > 0) announce(changed);
    return { deleted };
  };

  return {
    listFolders: (input) => folderTree(input?.accountId),
    listMessages: ({ source, sort, direction, order, filter, filters, keep, offset, limit }) => {
      const page = listSource(database, source, {
        ...(sort === undefined ? {} : { sort }),
        ...(direction === undefined ? {} : { direction }),
        ...(order === undefined ? {} : { order }),
        ...(filter === undefined ? {} : { filter }),
        ...(filters === undefined ? {} : { filters }),
        ...(keep === undefined ? {} : { keep }),
        ...(offset === undefined ? {} : { offset }),
        ...(limit === undefined ? {} : { limit }),
      });
      return { total: page.total, offset: offset ?? 0, messages: page.messages.map(listItem) };
    },
    getMessage: ({ id, allParts }) => getMessage(id, allParts === true),
    setMessageFlags: ({ ids, seen, flagged }) => {
      const changed = store.setFlags(ids, { ...(seen === undefined ? {} : { seen }), ...(flagged === undefined ? {} : { flagged }) });
      if (changed > 0) announce(locateMessages(database, ids));
      return { changed };
    },
    setMessageTag: ({ ids, tag, on }) => {
      const changed = setMessageTag(database, ids, tag, on);
      if (changed > 0) announce(locateMessages(database, ids));
      return { changed };
    },
    moveMessages: ({ ids, folderId }) => {
      const located = locateMessages(database, ids);
      if (located.length < new Set(ids).size) throw wordedError('NOT_FOUND', { id: 'refusal.messagesGone' });
      const moved = store.moveMessages(ids, folderId);
      announce(located, [folderId]);
      return { moved };
    },
    deleteMessages: ({ ids }) => deleteMessages(ids),
    markJunk: async ({ ids, junk }) => {
      const located = locateMessages(database, ids);
      const result = await judgeJunk(store, ids, junk ? 'junk' : 'ham');
      const junkFolders = located.flatMap((entry) => (entry.accountId === null ? [] : [folderIdForRole(database, entry.accountId, junk ? 'junk' : 'inbox')]));
      announce(located, junkFolders);
      return result;
    },
    emptyTrash: (input) => emptyTrash(input?.accountId),
    searchMessages: async ({ text, sort, locale, accountId, folderId, filters, offset, limit }) => {
      await storeMissingHeaderSections(store, text);
      const outcome = store.search(text, {
        ...(sort === undefined ? {} : { sort }),
        ...(locale === undefined ? {} : { locale }),
        ...(accountId === undefined ? {} : { accountId }),
        ...(folderId === undefined ? {} : { folderIds: [folderId] }),
        ...(filters === undefined ? {} : { filters }),
        ...(offset === undefined ? {} : { offset }),
        ...(limit === undefined ? {} : { limit }),
      });
      if (!outcome.ok) return { kind: 'syntax-error', error: outcome.error };
      return { kind: 'results', total: outcome.total, offset: offset ?? 0, messages: outcome.messages.map(listItem) };
    },
    async getRawMessage({ id }) {
      const { size } = store.getMessage(id);
      if (size > MAX_RAW_MESSAGE_BYTES) {
        throw wordedError(
          'VALIDATION',
          { id: 'refusal.messageTooLarge' },
          {
            detail: `${size} bytes`,
          },
        );
      }
      const bytes = await store.readRawMessage(id);
      return { size: bytes.byteLength, base64: bytes.toString('base64') };
    },
    async getAttachment({ messageId, index }) {
      const source = store.rawSource(messageId);
      const attachment = await options.display().attachment(source, index, MAX_ATTACHMENT_BYTES);
      return {
        fileName: attachment.fileName,
        contentType: attachment.contentType,
        size: attachment.bytes.byteLength,
        base64: Buffer.from(attachment.bytes.buffer, attachment.bytes.byteOffset, attachment.bytes.byteLength).toString('base64'),
      };
    },
  };
}
