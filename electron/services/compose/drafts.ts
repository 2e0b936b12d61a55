/**
 * Drafts: a compose input stored as a composed message in the account's Drafts folder. Unlike a
 * message to send, a draft may have no recipient yet, and it keeps its Bcc recipients in a Bcc header
 * (RFC 5322 §3.6.3 allows one in a stored copy); the draft's bytes are never sent as they are — Send
 * composes the message again from the compose input, so a Bcc header never leaves the store.
 *
 * A contact group picked as one recipient is kept in a private header field, `X-Mailbag-Group: to 12
 * Team` (field, group id, name), rather than as an RFC 5322 group (`Team:;`): Bcc groups have no header
 * to live in, and the id finds the group again after it was renamed. Reopening the draft gives the one
 * entry back; the field never leaves the store either, since Send composes again.
 */
import { wordedError } from '../../../shared/error-words';
import { findHeaderEnd, firstHeaderValue, headerValues } from '../../../shared/mail/header-section';
import { checkAddress, parseAddressList, flattenAddressList, type MailAddress, type ParsedAddress } from '../../../shared/mail/address';
import {
  groupRecipientSchema,
  outgoingMessageSchema,
  type CheckedOutgoingMessage,
  type GroupRecipient,
  type OutgoingMessage,
} from '../../../shared/mail/outgoing';
import type { ComposedMessage } from '../../protocols/smtp';
import type { SqliteDatabase } from '../../storage/database';
import { folderIdForRole } from '../../storage/folders';
import type { MessageStore } from '../../storage/message-store';

/** Longest header block searched for the Bcc header of a draft. */
const MAX_DRAFT_HEADER_BYTES = 256 * 1024;
/** The private header field holding a contact group picked as one recipient. */
export const DRAFT_GROUP_FIELD = 'X-Mailbag-Group';
/** Its value: the address field, the group's id and its name. */
const DRAFT_GROUP_VALUE = /^(to|cc|bcc) ([1-9][0-9]{0,15}) (.+)$/;

function refuse(field: string, problem: string): never {
  throw wordedError('VALIDATION', { id: 'serviceError.draft.notSavable' }, { detail: `${field}: ${problem}` });
}

function checkList(field: string, list: readonly MailAddress[]): ParsedAddress[] {
  return list.map((item, index) => {
    const checked = checkAddress(item);
    if (!checked.ok) refuse(`${field}[${index}]`, checked.problem);
    return checked.value;
  });
}

/** Checks a draft as strictly as a message to send (no control character anywhere), but allows no recipients. */
export function checkDraft(input: OutgoingMessage): CheckedOutgoingMessage {
  const parsed = outgoingMessageSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    refuse(issue?.path.join('.') ?? '(message)', issue?.message ?? 'invalid');
  }
  const message = parsed.data;
  const [from] = checkList('from', [message.from]);
  if (from === undefined) refuse('from', 'empty');
  const to = checkList('to', message.to);
  const cc = checkList('cc', message.cc);
  const bcc = checkList('bcc', message.bcc);
  return {
    from,
    replyTo: checkList('replyTo', message.replyTo ?? []),
    to,
    cc,
    bcc,
    groups: message.groups ?? [],
    autoSubmitted: message.autoSubmitted,
    subject: message.subject,
    text: message.text ?? (message.html === undefined ? '' : undefined),
    html: message.html,
    attachments: message.attachments,
    messageId: undefined,
    inReplyTo: message.inReplyTo,
    references: message.references ?? [],
    date: message.date,
    priority: message.priority ?? 'normal',
    requestReadReceipt: message.requestReadReceipt ?? false,
    envelope: { from: from.envelope, to: [], needsSmtpUtf8: false },
  };
}

/** Builds MIME bytes from a checked message (the SMTP worker in the app; in process in tests). */
export type CheckedComposer = (message: CheckedOutgoingMessage) => Promise<ComposedMessage>;

/**
 * The composed bytes of a draft, with a Bcc header when it has Bcc recipients and one
 * {@link DRAFT_GROUP_FIELD} per contact group.
 */
export async function composeDraft(input: OutgoingMessage, compose: CheckedComposer): Promise<Buffer> {
  const checked = checkDraft(input);
  const composed = await compose(checked);
  const raw = Buffer.from(composed.raw.buffer, composed.raw.byteOffset, composed.raw.byteLength);
  // Checked addresses and names carry no control character, so each is one header line (RFC 6532 allows UTF-8).
  const lines = [
    ...(checked.bcc.length === 0 ? [] : [`Bcc: ${checked.bcc.map((item) => item.address).join(', ')}`]),
    ...checked.groups.map((group) => `${DRAFT_GROUP_FIELD}: ${group.field} ${group.groupId} ${group.name.trim()}`),
  ];
  if (lines.length === 0) return raw;
  return Buffer.concat([Buffer.from(lines.map((line) => `${line}\r\n`).join(''), 'utf8'), raw]);
}

/** The header section of a stored draft as text (bounded). */
function draftHeader(raw: Uint8Array): string {
  const bytes = Buffer.from(raw.buffer, raw.byteOffset, Math.min(raw.byteLength, MAX_DRAFT_HEADER_BYTES));
  return bytes.subarray(0, findHeaderEnd(bytes)?.headerEnd ?? bytes.length).toString('utf8');
}

/** The contact groups written in a stored draft, in order; a field that cannot be read is left out. */
export function draftGroups(raw: Uint8Array): GroupRecipient[] {
  return headerValues(draftHeader(raw), DRAFT_GROUP_FIELD).flatMap((value) => {
    const match = DRAFT_GROUP_VALUE.exec(value);
    const parsed = groupRecipientSchema.safeParse({ field: match?.[1], groupId: Number(match?.[2]), name: match?.[3] });
    return parsed.success ? [parsed.data] : [];
  });
}

/** The Bcc recipients written in a stored draft (empty when there are none or they cannot be read). */
export function draftBcc(raw: Uint8Array): MailAddress[] {
  const header = draftHeader(raw);
  const line = firstHeaderValue(header, 'bcc');
  if (line === undefined) return [];
  const parsed = parseAddressList(line);
  return parsed.ok ? flattenAddressList(parsed.value).map((item) => ({ address: item.address })) : [];
}

/** Draft storage on the message store. */
export interface Drafts {
  /** Stores the draft; then removes `replaces` (an earlier version), so no version is ever lost. */
  save(accountId: string, raw: Uint8Array, replaces?: number): Promise<number>;
  /** Throws NOT_FOUND unless the stored message is a draft of its account; returns its account. */
  accountOf(id: number): string;
  remove(id: number): Promise<void>;
  /** The Drafts folder of an account. */
  folderOf(accountId: string): number;
}

/** Drafts kept in each account's Drafts folder. */
export function createDrafts(options: { readonly database: SqliteDatabase; readonly store: MessageStore; readonly clock?: () => number }): Drafts {
  const { database, store } = options;
  const clock = options.clock ?? Date.now;
  const folderOf = (accountId: string): number => folderIdForRole(database, accountId, 'drafts');
  const accountOf = (id: number): string => {
    let details;
    try {
      details = store.getMessage(id);
    } catch {
      throw wordedError('NOT_FOUND', { id: 'serviceError.draft.gone' });
    }
    if (details.accountId === null || details.folderId !== folderOf(details.accountId)) throw wordedError('NOT_FOUND', { id: 'serviceError.draft.notADraft' });
    return details.accountId;
  };
  return {
    folderOf,
    accountOf,
    async save(accountId, raw, replaces) {
      if (replaces !== undefined && accountOf(replaces) !== accountId) throw wordedError('VALIDATION', { id: 'serviceError.draft.otherAccount' });
      const stored = await store.addMessage({ accountId, folder: 'drafts', seen: true, receivedAt: clock() }, raw);
      if (stored.messageId === null) throw wordedError('INTERNAL', { id: 'serviceError.draft.notStored' });
      if (replaces !== undefined) await store.deleteMessagesPermanently([replaces]);
      return stored.messageId;
    },
    async remove(id) {
      accountOf(id);
      await store.deleteMessagesPermanently([id]);
    },
  };
}
