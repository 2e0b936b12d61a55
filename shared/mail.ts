/**
 * The mail side of the contract: folders, message lists, one message for the reader, attachments and
 * Send/Receive progress, as plain data the UI receives. Input schemas for these operations live here
 * too, so contract.ts stays a table.
 */
import { messageTagSchema } from './tag-schema';
import type { MessageTag } from './tags';
import { z } from 'zod';
import type { ErrorData, ErrorWords } from './errors';
import { MAX_SEARCH_QUERY_LENGTH, type SearchSyntaxError } from './search-query';

/** Most messages one list page may hold (the store's own limit). */
export const MAX_LIST_PAGE = 500;
/** Most message ids one request may name (select all in a large folder, then act). */
export const MAX_MESSAGE_IDS = 100_000;
/** Longest search text accepted (the search language's own limit). */
export const MAX_SEARCH_TEXT = MAX_SEARCH_QUERY_LENGTH;
/** Longest locale tag accepted (BCP 47 tags in practice stay far below). */
const MAX_LOCALE_LENGTH = 64;
/** Largest attachment returned through the contract (base64 grows it by a third). */
export const MAX_ATTACHMENT_BYTES = 50 * 1024 * 1024;
/** Largest whole message returned through the contract for View source and Save as .eml. */
export const MAX_RAW_MESSAGE_BYTES = 50 * 1024 * 1024;

const accountIdSchema = z.string().min(1).max(128);
const messageIdSchema = z.number().int().positive();
const folderIdSchema = z.number().int().positive();
const idsSchema = z.array(messageIdSchema).min(1).max(MAX_MESSAGE_IDS);
const offsetSchema = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const limitSchema = z.number().int().min(1).max(MAX_LIST_PAGE);

/** The message list's quick filters (Thunderbird's quick filter bar): unread, flagged, with attachments. */
export const QUICK_FILTERS = ['unread', 'flagged', 'attachment'] as const;
const quickFilterSchema = z.enum(QUICK_FILTERS);

/** One quick filter of the message list. */
export type QuickFilterName = (typeof QUICK_FILTERS)[number];

/** A folder's role, or null for a user folder. */
export type FolderRoleName = 'inbox' | 'drafts' | 'outbox' | 'sent' | 'trash' | 'junk';

/** A folder with its counts (messages deleted locally are not counted). */
export interface FolderView {
  readonly id: number;
  readonly accountId: string;
  readonly role: FolderRoleName | null;
  readonly name: string;
  readonly total: number;
  readonly unread: number;
}

/** The folder pane: every account's folders and the unified Inbox's counts. */
export interface FolderTree {
  readonly accounts: ReadonlyArray<{ readonly accountId: string; readonly accountName: string; readonly folders: readonly FolderView[] }>;
  readonly unifiedInbox: { readonly total: number; readonly unread: number };
}

/** A name and address as in a header. */
export interface AddressView {
  readonly name: string;
  readonly address: string;
}

/** A message as listed; index fields are null until the parser has read it (`indexed` false). */
export interface MessageListItem {
  readonly id: number;
  /** The account the message came from; null for mail kept in Local Folders after its account was removed. */
  readonly accountId: string | null;
  readonly folderId: number;
  readonly subject: string | null;
  readonly from: AddressView | null;
  /** The first few To addresses (lists of Sent, Drafts and Outbox show recipients, not the sender). */
  readonly recipients: readonly AddressView[];
  /** How many To addresses there are in all. */
  readonly recipientCount: number;
  /** The Date header, or the arrival time if it has none, in ms. */
  readonly date: number;
  readonly receivedAt: number;
  readonly size: number;
  readonly seen: boolean;
  readonly flagged: boolean;
  readonly answered: boolean;
  /** Forwarded from Mailbag (set when the forward was sent). */
  readonly forwarded: boolean;
  readonly partial: boolean;
  readonly hasAttachments: boolean;
  readonly snippet: string | null;
  readonly indexed: boolean;
  readonly problems: readonly string[];
  /** Colour tags (Important, Work, …), in menu order. */
  readonly tags: readonly MessageTag[];
}

/** One window of a list, and how many messages the whole list holds. */
export interface MessageListPage {
  readonly total: number;
  readonly offset: number;
  readonly messages: readonly MessageListItem[];
}

/** How search results are ordered: newest first, or best match first (bm25). */
const searchSortSchema = z.enum(['date', 'relevance']);
/** How search results are ordered. */
export type SearchSortName = z.infer<typeof searchSortSchema>;

/**
 * The answer to a search: a page of results with how many match in all (newest first, or most
 * relevant first), or the query's mistake and where it is, to show beside the search box.
 */
export type SearchResults =
  | { readonly kind: 'results'; readonly total: number; readonly offset: number; readonly messages: readonly MessageListItem[] }
  | { readonly kind: 'syntax-error'; readonly error: SearchSyntaxError };

/** An attachment as the reader lists it; `index` names it in getAttachment. */
export interface AttachmentView {
  readonly index: number;
  readonly fileName: string | null;
  readonly contentType: string;
  readonly size: number;
  readonly contentId: string | null;
  readonly inline: boolean;
}

/**
 * One displayable part of a message's body. HTML is data: the renderer sanitizes each part on its own
 * and never joins parts into one document, so markup left open in one cannot reach into another.
 */
export type BodyPartView = { readonly kind: 'text'; readonly text: string } | { readonly kind: 'html'; readonly html: string };

/** The threading fields (RFC 5322 §3.6.4): the message an answer replies to, and the chain before it. */
export interface ThreadFields {
  readonly inReplyTo: string | null;
  readonly references: readonly string[];
}

/** One message for the reader. The HTML is data: the renderer sanitizes it and shows it sandboxed. */
export interface MessageView extends MessageListItem, ThreadFields {
  /** The From address exactly as written, so the reader can show the real address beside the name. */
  readonly fromAll: readonly AddressView[];
  /** The Sender header (RFC 5322 §3.6.2), when it differs from From. */
  readonly sender: AddressView | null;
  readonly replyTo: readonly AddressView[];
  /**
   * As written in the message, unchecked: shown (isolated) and never sent as they are. An answer takes
   * them through the address checks into a draft's `MailAddress`es (shared/compose.ts), which is why
   * the two records stay apart although they look alike.
   */
  readonly to: readonly AddressView[];
  readonly cc: readonly AddressView[];
  /** How many To and Cc addresses the message has in all; `to` and `cc` list the first thousand. */
  readonly toCount: number;
  readonly ccCount: number;
  readonly messageId: string | null;
  readonly text: string;
  /** The HTML of a message whose whole body is one HTML part; null otherwise (the body is `parts`). */
  readonly html: string | null;
  /** Every displayable inline part, in order (multipart/alternative contributes its best one). */
  readonly parts: readonly BodyPartView[];
  /** Displayable parts not sent past the limit. */
  readonly omittedParts: number;
  /** Whether text or HTML was cut at the size limit. */
  readonly truncated: boolean;
  /** The message is in a Junk folder: the reader shows it as plain text, links as text, nothing loaded. */
  readonly inJunk?: boolean;
  readonly attachments: readonly AttachmentView[];
  /** Content-IDs of parts the HTML may reference as `cid:` (inline images). */
  readonly cidParts: readonly string[];
  /** The images the HTML refers to by cid: (Content-ID normalized: no brackets, lower case), read with the message. */
  readonly inlineImages: ReadonlyArray<{ readonly contentId: string; readonly contentType: string; readonly base64: string }>;
  /** The mailing list's posting address (List-Post, RFC 2369), for "Reply to list"; null when none. */
  readonly listPost: string | null;
  /**
   * Where the sender asked a read receipt to go (Disposition-Notification-To, RFC 8098 §2.1), and
   * whether the user already answered (a receipt is sent at most once, never without asking).
   */
  readonly readReceipt: { readonly to: AddressView; readonly answered: 'sent' | 'declined' | null } | null;
}

/** A message's raw bytes (RFC 5322, as received), base64-encoded for the contract. */
export interface RawMessageData {
  readonly size: number;
  readonly base64: string;
}

/** An attachment's bytes, for the UI to save. */
export interface AttachmentData {
  readonly fileName: string | null;
  readonly contentType: string;
  readonly size: number;
  readonly base64: string;
}

/**
 * What an attachment refused for opening really is, so the window can say it in the user's language:
 * a program or script known by its name's extension, by its declared content type, or by its first bytes.
 */
export type ProgramKind =
  | { readonly by: 'name'; readonly extension: string }
  | { readonly by: 'type'; readonly contentType: string }
  | { readonly by: 'content'; readonly program: 'windows' | 'linux' | 'macos' | 'script' };

/**
 * The answer to opening an attachment: opened; not opened because this transport cannot start programs
 * (the page saves it instead, `refused` null); or refused because it is a program or script (never
 * opened from mail, the user may still save it), with the name it was checked under.
 */
export type AttachmentOpening =
  | { readonly opened: true }
  | { readonly opened: false; readonly refused: null }
  | { readonly opened: false; readonly refused: { readonly fileName: string; readonly kind: ProgramKind } };

/** Where a Send/Receive run is (mirrors the engine's phases). */
export type SendReceivePhase = 'connecting' | 'authenticating' | 'listing' | 'downloading' | 'deleting' | 'finishing';

/** Progress of one account's run. */
export interface SendReceiveProgressEvent {
  readonly accountId: string;
  readonly phase: SendReceivePhase;
  readonly messagesDone: number;
  readonly messagesTotal: number;
  readonly bytesDone: number;
  readonly bytesTotal: number;
}

/** Why messages were deleted on the server. */
export type ServerDeletionReasonName = 'delete-after-download' | 'keep-days-expired' | 'deleted-locally';

/** The summary of one account's finished run. */
export interface SendReceiveFinishedEvent {
  readonly accountId: string;
  readonly status: 'completed' | 'busy' | 'cancelled' | 'failed';
  readonly newMessages: number;
  readonly partialMessages: number;
  readonly completedMessages: number;
  readonly skippedDuplicates: number;
  readonly deletedOnServer: Readonly<Record<ServerDeletionReasonName, number>>;
  /** The run's failure and per-message problems. */
  readonly errors: readonly ErrorData[];
  /** For a busy mailbox: when Mailbag tries again, and that in plain words. */
  readonly busy: { readonly retryAt: number; readonly message: string; readonly words?: ErrorWords } | null;
}

/** Which lists and counts to refresh. */
export interface MailChangedEvent {
  /** Accounts whose folders (lists and counts) may have changed: refresh their folder pane. */
  readonly accountIds: readonly string[];
  /** Folders known to have gained or lost messages (empty after a receive: see accountIds). */
  readonly folderIds: readonly number[];
  /** Messages whose flags or folder changed, or that were deleted. */
  readonly messageIds: readonly number[];
}

/** The answer to startSendReceive: accounts started, and those that could not start with why. */
export interface StartSendReceiveResult {
  readonly started: readonly string[];
  readonly notStarted: ReadonlyArray<{ readonly accountId: string; readonly error: ErrorData }>;
}

/** What listMessages shows. */
export const messageSourceSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('folder'), folderId: folderIdSchema }),
  z.strictObject({ kind: z.literal('unified-inbox') }),
]);

/** Input schemas of the mail operations. */
export const mailOperationInputs = {
  listFolders: z.strictObject({ accountId: accountIdSchema.optional() }).optional(),
  listMessages: z.strictObject({
    source: messageSourceSchema,
    /** What the list is sorted by (default date); every sort is indexed, so any offset is fast. */
    sort: z.enum(['date', 'sender', 'subject', 'size']).optional(),
    /** Default: desc for date and size, asc for sender and subject; ties go by id the same way. */
    direction: z.enum(['asc', 'desc']).optional(),
    /** The older spelling of `direction` (newest-first is desc); it must not contradict `direction`. */
    order: z.enum(['newest-first', 'oldest-first']).optional(),
    filter: z.enum(['all', 'unread', 'flagged']).optional(),
    /** The list's quick filters: a message must pass every one given (and `filter`). */
    filters: z.array(quickFilterSchema).max(QUICK_FILTERS.length).optional(),
    /** A message listed even when it fails the filters: the one shown, kept until the selection moves on (Thunderbird). */
    keep: messageIdSchema.optional(),
    offset: offsetSchema.optional(),
    limit: limitSchema.optional(),
  }),
  /** `allParts`: every displayable part the message has (a first look shows the first hundred). */
  getMessage: z.strictObject({ id: messageIdSchema, allParts: z.boolean().optional() }),
  setMessageFlags: z
    .strictObject({ ids: idsSchema, seen: z.boolean().optional(), flagged: z.boolean().optional() })
    .refine((input) => input.seen !== undefined || input.flagged !== undefined, { message: 'Say which flag to change.' }),
  /** Puts a colour tag on messages (`on`) or takes it off. */
  setMessageTag: z.strictObject({ ids: idsSchema, tag: messageTagSchema, on: z.boolean() }),
  moveMessages: z.strictObject({ ids: idsSchema, folderId: folderIdSchema }),
  deleteMessages: z.strictObject({ ids: idsSchema }),
  /** Mark as junk (`junk` true) or Not junk: the junk filter learns it, and the mail is filed accordingly. */
  markJunk: z.strictObject({ ids: idsSchema, junk: z.boolean() }),
  emptyTrash: z.strictObject({ accountId: accountIdSchema.optional() }).optional(),
  /** `text` in the search language (shared/search-query.ts); `locale` names the user's short date form. */
  searchMessages: z.strictObject({
    text: z.string().min(1).max(MAX_SEARCH_TEXT),
    sort: searchSortSchema.optional(),
    locale: z
      .string()
      .max(MAX_LOCALE_LENGTH)
      .regex(/^[A-Za-z0-9-]+$/)
      .optional(),
    accountId: accountIdSchema.optional(),
    folderId: folderIdSchema.optional(),
    /** The list's quick filters, joined to the query as `is:unread`, `is:flagged`, `has:attachment`. */
    filters: z.array(quickFilterSchema).max(QUICK_FILTERS.length).optional(),
    offset: offsetSchema.optional(),
    limit: limitSchema.optional(),
  }),
  downloadRestOfMessage: z.strictObject({ id: messageIdSchema }),
  getAttachment: z.strictObject({ messageId: messageIdSchema, index: z.number().int().min(0).max(10_000) }),
  /** Opens an attachment with the system's program for its type (the desktop app only). */
  openAttachment: z.strictObject({ messageId: messageIdSchema, index: z.number().int().min(0).max(10_000) }),
  /** A message's stored bytes exactly as received, for View source and Save as .eml. */
  getRawMessage: z.strictObject({ id: messageIdSchema }),
  /** Opens a message in a window of its own (the desktop app only; a browser opens a tab instead). */
  openMessageWindow: z.strictObject({ id: messageIdSchema }),
  startSendReceive: z.strictObject({ accountId: accountIdSchema.optional() }).optional(),
  cancelSendReceive: z.strictObject({ accountId: accountIdSchema.optional() }).optional(),
} as const;
