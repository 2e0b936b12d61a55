/**
 * Input schemas and result shapes of the compose and Outbox operations. Attachments arrive from the
 * renderer only as base64 bytes (bounded) or as references to attachments of stored messages — never
 * a path or URL, so nothing the renderer says can make main read a file or fetch a URL.
 */
import { z } from 'zod';
import {
  MAX_RECIPIENTS,
  MAX_SUBJECT_CHARACTERS,
  MAX_FILE_NAME_CHARACTERS,
  MAX_MESSAGE_GROUPS,
  groupRecipientSchema,
  type GroupRecipient,
} from './mail/outgoing';
import { MAX_DISPLAY_NAME_CHARACTERS } from './mail/address';
import { MAX_MAILTO_LENGTH } from './mailto';
import { MAX_ATTACHMENT_BYTES } from './mail';
import { dateStyleSchema } from './quote-date';
import type { OutboxReasonWords } from './outbox-reason';

/** Most drafts listed at once. */
export const MAX_DRAFT_PAGE = 500;
/** Most attachments per message. */
export const MAX_ATTACHMENTS = 100;
/** Most bytes of all attachments of one message together (decoded). */
export const MAX_TOTAL_ATTACHMENT_BYTES = MAX_ATTACHMENT_BYTES;
/** Base64 length of {@link MAX_ATTACHMENT_BYTES} (4 characters per 3 bytes). */
const MAX_BASE64_CHARACTERS = Math.ceil(MAX_ATTACHMENT_BYTES / 3) * 4;
/** Longest text or HTML body accepted from the renderer, in characters. */
export const MAX_BODY_CHARACTERS = 20 * 1024 * 1024;
/** RFC 5322 §2.1.1 line limit, a bound on one message id. */
const MAX_MESSAGE_ID_CHARACTERS = 998;
/** Longest References list accepted. */
const MAX_REFERENCE_IDS = 100;
/** RFC 5321 §4.5.3.1.3: a path holds at most 256 octets. */
const MAX_ADDRESS_CHARACTERS = 320;

const accountIdSchema = z.string().min(1).max(128);
const storedIdSchema = z.number().int().positive();
const addressSchema = z.strictObject({ name: z.string().max(MAX_DISPLAY_NAME_CHARACTERS).optional(), address: z.string().min(1).max(MAX_ADDRESS_CHARACTERS) });
const addressListSchema = z.array(addressSchema).max(MAX_RECIPIENTS).default([]);

/** A message as the compose view holds it; every header field is checked again in main before use. */
export const composeMessageSchema = z.strictObject({
  /** An identity of the account; the account's address when absent. */
  from: addressSchema.optional(),
  to: addressListSchema,
  cc: addressListSchema,
  bcc: addressListSchema,
  /** Contact groups picked as one recipient each; main puts their members in their place when sending. */
  groups: z.array(groupRecipientSchema).max(MAX_MESSAGE_GROUPS).optional(),
  subject: z.string().max(MAX_SUBJECT_CHARACTERS),
  text: z.string().max(MAX_BODY_CHARACTERS).optional(),
  html: z.string().max(MAX_BODY_CHARACTERS).optional(),
  inReplyTo: z.string().max(MAX_MESSAGE_ID_CHARACTERS).optional(),
  references: z.array(z.string().max(MAX_MESSAGE_ID_CHARACTERS)).max(MAX_REFERENCE_IDS).optional(),
  /** High or low importance; normal when absent. */
  priority: z.enum(['high', 'normal', 'low']).optional(),
  /** Ask the recipients for a read receipt (Disposition-Notification-To, RFC 8098). */
  requestReadReceipt: z.boolean().optional(),
});

/** An attachment as bytes the user chose, base64-encoded for the contract. */
export const composeAttachmentSchema = z.strictObject({
  fileName: z.string().min(1).max(MAX_FILE_NAME_CHARACTERS),
  contentType: z.string().min(3).max(255),
  base64: z
    .string()
    .max(MAX_BASE64_CHARACTERS)
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, { message: 'base64' }),
  contentId: z.string().max(MAX_MESSAGE_ID_CHARACTERS).optional(),
  inline: z.boolean().optional(),
});

/** A message with its attachments, as queueMessage and editOutboxMessage take it. */
const messagePayload = {
  message: composeMessageSchema,
  attachments: z.array(composeAttachmentSchema).max(MAX_ATTACHMENTS).default([]),
  /** Attachments of stored messages (a forward), read by main from the store. */
  forwardedAttachments: z
    .array(z.strictObject({ messageId: storedIdSchema, index: z.number().int().min(0).max(10_000) }))
    .max(MAX_ATTACHMENTS)
    .default([]),
  /** A stored message attached whole as message/rfc822 (RFC 2046 §5.2.1). */
  attachOriginal: storedIdSchema.optional(),
  /**
   * The stored message this one replies to or forwards: once the server has accepted it, that message
   * is marked answered or forwarded (never when a draft is saved). saveDraft ignores it, and an edited
   * Outbox message keeps the original it had.
   */
  answers: z.strictObject({ messageId: storedIdSchema, kind: z.enum(['reply', 'forward']) }).optional(),
};

/** Input schemas of the compose and Outbox operations. */
export const composeOperationInputs = {
  composeReply: z.strictObject({
    messageId: storedIdSchema,
    mode: z.enum(['reply', 'replyAll', 'replyList', 'forward', 'forwardAsAttachment']),
    /** The identity's address; the account's first matching identity or its address when absent. */
    identity: z.string().min(1).max(MAX_ADDRESS_CHARACTERS).optional(),
    /** The reader's BCP 47 locale and IANA time zone, for the quote header's date ("On 2 Mar 2026, 10:00, … wrote:"). */
    dateStyle: dateStyleSchema.optional(),
  }),
  composeFromMailto: z.strictObject({ accountId: accountIdSchema, url: z.string().min(1).max(MAX_MAILTO_LENGTH) }),
  queueMessage: z.strictObject({ accountId: accountIdSchema, ...messagePayload }),
  /** Stores the draft in the account's Drafts folder, then deletes `replaces` (its earlier version). */
  saveDraft: z.strictObject({ accountId: accountIdSchema, replaces: storedIdSchema.optional(), ...messagePayload }),
  listDrafts: z.strictObject({
    accountId: accountIdSchema,
    offset: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
    limit: z.number().int().min(1).max(MAX_DRAFT_PAGE).optional(),
  }),
  openDraft: z.strictObject({ id: storedIdSchema }),
  deleteDraft: z.strictObject({ id: storedIdSchema }),
  listOutbox: z.strictObject({ accountId: accountIdSchema.optional() }).optional(),
  /** Replaces a queued message that nobody has been sent yet; attachments are given again in full. */
  editOutboxMessage: z.strictObject({ id: storedIdSchema, ...messagePayload }),
  removeOutboxMessage: z.strictObject({ id: storedIdSchema }),
  sendOutboxAgain: z.strictObject({ id: storedIdSchema }),
  /**
   * The user's answer to a message's read-receipt request: `send` queues one receipt (RFC 8098) in the
   * Outbox of the message's account, once; otherwise none is ever sent for it.
   */
  answerReadReceipt: z.strictObject({ messageId: storedIdSchema, send: z.boolean() }),
} as const;

/** State of an Outbox message (RFC-free: Mailbag's own lifecycle). */
export type OutboxStateName = 'queued' | 'sending' | 'retrying' | 'failed' | 'sent' | 'ambiguous';

/** One Outbox message as the UI lists it. */
export interface OutboxItemView {
  readonly id: number;
  readonly accountId: string;
  readonly storedMessageId: number;
  readonly messageId: string;
  readonly state: OutboxStateName;
  /** Main's English words (what `--json` shows). */
  readonly reason: string | null;
  readonly reasonCode: string | null;
  /** The reason as data, said in the window's language; null for a reason kept only in English. */
  readonly reasonWords: OutboxReasonWords | null;
  readonly attempts: number;
  readonly nextAttemptAt: number | null;
  readonly recipients: ReadonlyArray<{
    readonly address: string;
    readonly status: 'pending' | 'accepted' | 'refused' | 'uncertain';
    readonly reason?: string;
    readonly reasonWords?: OutboxReasonWords;
  }>;
  /** Contact groups not yet replaced by their members (that happens when the message is sent). */
  readonly groups: readonly GroupRecipient[];
  readonly size: number;
  readonly queuedAt: number;
  readonly sentAt: number | null;
}

/** The Outbox changed (queued, edited, removed, sent or failed): refresh it. */
export interface OutboxChangedEvent {
  readonly accountIds: readonly string[];
}

/** A stored draft as listed. */
export interface DraftListItem {
  readonly id: number;
  readonly subject: string | null;
  readonly date: number;
  readonly size: number;
  readonly hasAttachments: boolean;
}

/** A page of an account's drafts. */
export interface DraftListPage {
  readonly folderId: number;
  readonly total: number;
  readonly drafts: readonly DraftListItem[];
}
