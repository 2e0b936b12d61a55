/**
 * Reads an Outlook data file (.pst, or the .ost cache of an Exchange or Outlook.com account) with
 * pst-extractor, loaded only when an Outlook import runs so that it never slows the command line's
 * start. The mail folders are walked depth first (search folders, which only point at items kept
 * elsewhere, are left out); every mail item becomes a message rebuilt by outlook-mime.ts, given with
 * the path of its folder below the import's target. Items that are not mail (appointments, contacts,
 * tasks, notes) are counted as left out; an item that cannot be read is listed with its folder and
 * its node id in the file (Outlook keeps no byte offsets of messages), and the walk goes on.
 */
import type { PSTAttachment, PSTFile, PSTFolder, PSTMessage } from 'pst-extractor';
import { wordedError } from '../../../../shared/error-words';
import type { MailboxItem } from '../mbox-reader';
import { buildOutlookMessage, isAnswered, type OutlookAttachment, type OutlookItem } from './outlook-mime';

/** PidTagFolderType of a search folder (MS-OXCFOLD 2.2.2.2.1.2): its items live in other folders. */
const SEARCH_FOLDER_TYPE = 2;
/** PidTagAttachMethod of an attached Outlook item (MS-OXCMSG 2.2.2.9). */
const ATTACH_EMBEDDED_MESSAGE = 5;
/** Message classes that are mail (MS-OXCMSG 2.2.1.3): notes, meeting mail, reports, posts. */
const MAIL_CLASS = /^(IPM\.Note|IPM\.Schedule\.Meeting|IPM\.Post|REPORT\.IPM\.Note)(\.|$)/i;
/**
 * Names of the folder that holds a file's mail (the IPM subtree): a .pst's "Top of Personal Folders"
 * (older Outlook) or "Top of Outlook data file", and an .ost's IPM_SUBTREE under "Root - Mailbox".
 */
const MAIL_ROOT_PATHS: readonly (readonly string[])[] = [['Top of Personal Folders'], ['Top of Outlook data file'], ['Root - Mailbox', 'IPM_SUBTREE']];
/** Attached items nest at most this deep (an attachment of an attachment …); deeper ones are left out. */
const MAX_EMBEDDING_DEPTH = 8;

function childNamed(folder: PSTFolder, name: string): PSTFolder | undefined {
  if (!folder.hasSubfolders) return undefined;
  return folder.getSubFolders().find((child) => child.displayName === name);
}

/** The folder that holds the file's mail folders (the root itself when none of the known names is there). */
function mailRoot(root: PSTFolder): PSTFolder {
  for (const names of MAIL_ROOT_PATHS) {
    let folder: PSTFolder | undefined = root;
    for (const name of names) folder = folder === undefined ? undefined : childNamed(folder, name);
    if (folder !== undefined) return folder;
  }
  return root;
}

function attachmentBytes(attachment: PSTAttachment): Buffer {
  const stream = attachment.fileInputStream;
  if (stream === null) return Buffer.alloc(0);
  const bytes = Buffer.alloc(stream.length.toNumber());
  stream.readCompletely(bytes);
  return bytes;
}

function attachmentsOf(message: PSTMessage, depth: number): OutlookAttachment[] {
  const result: OutlookAttachment[] = [];
  for (let index = 0; index < message.numberOfAttachments; index += 1) {
    const attachment = message.getAttachment(index);
    const fileName = attachment.longFilename || attachment.filename || `attachment-${index + 1}`;
    if (attachment.attachMethod === ATTACH_EMBEDDED_MESSAGE) {
      const embedded = attachment.embeddedPSTMessage;
      if (embedded !== null && depth < MAX_EMBEDDING_DEPTH) result.push({ kind: 'message', fileName: `${fileName}.eml`, message: itemOf(embedded, depth + 1) });
      continue;
    }
    result.push({
      kind: 'file',
      fileName,
      contentType: attachment.mimeTag || 'application/octet-stream',
      contentId: attachment.contentId,
      content: attachmentBytes(attachment),
    });
  }
  return result;
}

/** The plain data of an item (see OutlookItem). */
function itemOf(message: PSTMessage, depth = 0): OutlookItem {
  const recipients = [];
  for (let index = 0; index < message.numberOfRecipients; index += 1) {
    const recipient = message.getRecipient(index);
    if (recipient === null) continue;
    recipients.push({ name: recipient.displayName, address: recipient.smtpAddress || recipient.emailAddress, type: recipient.recipientType });
  }
  const senderAddress = message.senderEmailAddress || message.sentRepresentingEmailAddress;
  const senderName = message.senderName || message.sentRepresentingName;
  return {
    transportHeaders: message.transportMessageHeaders,
    from: senderAddress === '' && senderName === '' ? null : { name: senderName, address: senderAddress },
    recipients,
    subject: message.subject,
    date: message.clientSubmitTime ?? message.messageDeliveryTime ?? message.creationTime,
    messageId: message.internetMessageId,
    inReplyTo: message.inReplyToId,
    text: message.body,
    html: message.bodyHTML,
    rtf: message.body === '' && message.bodyHTML === '' ? message.bodyRTF : '',
    attachments: attachmentsOf(message, depth),
    read: message.isRead,
    lastVerb: message.lastVerbExecuted,
  };
}

/** Opens the file, or says plainly that it is not an Outlook data file. */
async function openFile(file: string): Promise<PSTFile> {
  const { PSTFile } = await import('pst-extractor');
  try {
    return new PSTFile(file);
  } catch (error) {
    throw wordedError('VALIDATION', { id: 'storageError.notOutlookFile', values: { file } }, { cause: error });
  }
}

async function* walk(folder: PSTFolder, folderPath: readonly string[]): AsyncGenerator<MailboxItem> {
  const where = folderPath.length === 0 ? '(top)' : folderPath.join('/');
  if (folder.contentCount > 0) {
    for (;;) {
      let child: unknown;
      try {
        child = folder.getNextChild();
      } catch (error) {
        yield {
          kind: 'problem',
          problem: { file: where, offset: 0, length: 0, reason: { code: 'folder-rest-unreadable', detail: (error as Error).message } },
        };
        break;
      }
      if (child === null || child === undefined) break;
      const message = child as PSTMessage;
      const node = Number(message.descriptorNodeId);
      if (!MAIL_CLASS.test(message.messageClass)) {
        yield { kind: 'skipped', file: where, reason: `not mail (${message.messageClass || 'no class'})` };
        continue;
      }
      try {
        const item = itemOf(message);
        const bytes = await buildOutlookMessage(item);
        yield { kind: 'message', message: { offset: 0, file: where, folder: folderPath, bytes, seen: item.read, flagged: false, answered: isAnswered(item) } };
      } catch (error) {
        yield {
          kind: 'problem',
          problem: { file: where, offset: node, length: 0, reason: { code: 'item-unreadable', item: node, detail: (error as Error).message } },
        };
      }
    }
  }
  if (!folder.hasSubfolders) return;
  let children: PSTFolder[];
  try {
    children = folder.getSubFolders();
  } catch (error) {
    yield { kind: 'problem', problem: { file: where, offset: 0, length: 0, reason: { code: 'sub-folders-unreadable', detail: (error as Error).message } } };
    return;
  }
  for (const child of children) {
    if (child.folderType === SEARCH_FOLDER_TYPE) continue;
    yield* walk(child, [...folderPath, child.displayName || 'Unnamed']);
  }
}

/** The messages of an Outlook data file, folder by folder (see the module comment). */
export async function* readOutlookFile(file: string): AsyncGenerator<MailboxItem> {
  const pst = await openFile(file);
  try {
    yield* walk(mailRoot(pst.getRootFolder()), []);
  } finally {
    pst.close();
  }
}
