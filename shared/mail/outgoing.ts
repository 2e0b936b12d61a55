/**
 * An outgoing message as the compose window, a reply, a forward or the command line describes it, and
 * the one check every such message passes before it is turned into MIME: no control character in any
 * header field, every address parsed, the SMTP envelope derived (Bcc recipients in the envelope only,
 * never in a header: RFC 5322 §3.6.3), and attachments only as bytes.
 */
import { z } from 'zod';
import { checkAddress, CONTROL_CHARACTERS, type MailAddress, type ParsedAddress } from './address';

/** A bound on the subject (RFC 5322 §2.1.1 limits lines, not fields; this is against abuse). */
export const MAX_SUBJECT_CHARACTERS = 998;
/** A bound on recipients of one message (RFC 5321 §4.5.3.1.8 requires servers to take at least 100). */
export const MAX_RECIPIENTS = 500;
/** A bound on attachment file names. */
export const MAX_FILE_NAME_CHARACTERS = 255;
/** msg-id of RFC 5322 §3.6.4, restricted to printable ASCII without spaces. */
const MESSAGE_ID = /^<[\x21-\x3b\x3d\x3f-\x7e]+@[\x21-\x3b\x3d\x3f-\x7e]+>$/;
/** A MIME type (RFC 2045 §5.1) without parameters. */
const CONTENT_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/i;

/** The Auto-Submitted values Mailbag sends (RFC 3834 §5.1): a rule's reply, or another automatic message. */
export const AUTO_SUBMITTED_VALUES = ['auto-replied', 'auto-generated'] as const;

const safeText = z.string().refine((value) => !CONTROL_CHARACTERS.test(value), { message: 'control-character' });
const mailAddress = z.object({ name: safeText.optional(), address: z.string() }).strict();

/** One attachment: bytes that main read from a file the user chose, never a path or URL. */
export const outgoingAttachmentSchema = z
  .object({
    fileName: safeText.max(MAX_FILE_NAME_CHARACTERS).refine((value) => value.trim() !== '' && !/[/\\]/.test(value), {
      message: 'file-name',
    }),
    contentType: z.string().regex(CONTENT_TYPE),
    content: z.custom<Uint8Array>((value) => value instanceof Uint8Array, { message: 'bytes' }),
    /** For inline images referenced from the HTML body as `cid:` (RFC 2392). */
    contentId: z
      .string()
      .regex(/^[\x21-\x3b\x3d\x3f-\x7e]+@[\x21-\x3b\x3d\x3f-\x7e]+$/)
      .optional(),
    inline: z.boolean().optional(),
  })
  .strict();

/** Most contact groups one message may name. */
export const MAX_MESSAGE_GROUPS = 100;
/** Longest contact group name a message carries (the address book's field limit). */
const MAX_GROUP_NAME_CHARACTERS = 256;

/**
 * A contact group picked as one recipient: it stays one entry in compose, the draft and the Outbox,
 * and the Outbox puts its members at that time in its place when the message is sent.
 */
export const groupRecipientSchema = z
  .object({
    field: z.enum(['to', 'cc', 'bcc']),
    groupId: z.number().int().positive(),
    name: safeText.min(1).max(MAX_GROUP_NAME_CHARACTERS),
  })
  .strict();

/** A contact group as one recipient of a message. */
export type GroupRecipient = z.infer<typeof groupRecipientSchema>;

/** The outgoing message as plain data (structured-clone safe, so it can cross to the SMTP worker). */
export const outgoingMessageSchema = z
  .object({
    from: mailAddress,
    replyTo: z.array(mailAddress).optional(),
    to: z.array(mailAddress).default([]),
    cc: z.array(mailAddress).default([]),
    bcc: z.array(mailAddress).default([]),
    /** Contact groups the Outbox expands when sending; the MIME builder writes nothing for them. */
    groups: z.array(groupRecipientSchema).max(MAX_MESSAGE_GROUPS).optional(),
    subject: safeText.max(MAX_SUBJECT_CHARACTERS),
    text: z.string().optional(),
    html: z.string().optional(),
    attachments: z.array(outgoingAttachmentSchema).default([]),
    /** Set by the Outbox so a retry sends the identical message; generated when absent. */
    messageId: z.string().regex(MESSAGE_ID).optional(),
    inReplyTo: z.string().regex(MESSAGE_ID).optional(),
    references: z.array(z.string().regex(MESSAGE_ID)).optional(),
    /** Milliseconds since the epoch; now when absent. */
    date: z.number().int().nonnegative().optional(),
    /** Marks a message no person wrote (RFC 3834 §5): answers and forwards sent by rules. */
    autoSubmitted: z.enum(AUTO_SUBMITTED_VALUES).optional(),
    /** High or low importance (X-Priority and Importance headers); normal when absent. */
    priority: z.enum(['high', 'normal', 'low']).optional(),
    /** Ask for a read receipt: Disposition-Notification-To the From address (RFC 8098 §2.1). */
    requestReadReceipt: z.boolean().optional(),
  })
  .strict();

/** An outgoing message as callers write it. */
export type OutgoingMessage = z.input<typeof outgoingMessageSchema>;
/** One attachment. */
export type OutgoingAttachment = z.infer<typeof outgoingAttachmentSchema>;

/**
 * The null reverse-path (`MAIL FROM:<>`, RFC 5321 §4.5.5) as an envelope's `from`: used for notifications
 * such as read receipts (RFC 8098 §2.1 after RFC 3461), so no bounce or auto-reply is ever sent back for them.
 */
export const NULL_REVERSE_PATH = '';

/** The SMTP envelope (RFC 5321 §3.3): reverse-path and forward-paths, each in ASCII-domain form. */
export interface SmtpEnvelope {
  readonly from: string;
  readonly to: readonly string[];
  /** Some address has a non-ASCII local part: only an SMTPUTF8 server can take it (RFC 6531). */
  readonly needsSmtpUtf8: boolean;
}

/** A message whose every field passed the checks, ready for MIME building. */
export interface CheckedOutgoingMessage {
  readonly from: ParsedAddress;
  readonly replyTo: readonly ParsedAddress[];
  readonly to: readonly ParsedAddress[];
  readonly cc: readonly ParsedAddress[];
  /** Envelope only; the MIME builder never sees these. */
  readonly bcc: readonly ParsedAddress[];
  /** Contact groups still to be replaced by their members (by the Outbox, when sending). */
  readonly groups: readonly GroupRecipient[];
  readonly subject: string;
  readonly text: string | undefined;
  readonly html: string | undefined;
  readonly attachments: readonly OutgoingAttachment[];
  readonly messageId: string | undefined;
  readonly inReplyTo: string | undefined;
  readonly references: readonly string[];
  readonly date: number | undefined;
  readonly autoSubmitted: (typeof AUTO_SUBMITTED_VALUES)[number] | undefined;
  readonly priority: 'high' | 'normal' | 'low';
  readonly requestReadReceipt: boolean;
  readonly envelope: SmtpEnvelope;
}

/** Why a message was refused: the field and the problem, for a precise message in compose. */
export interface OutgoingProblem {
  readonly field: string;
  readonly problem: string;
}

/** The outcome of {@link checkOutgoingMessage}. */
export type OutgoingCheck =
  { readonly ok: true; readonly value: CheckedOutgoingMessage } | { readonly ok: false; readonly problems: readonly OutgoingProblem[] };

function checkList(field: string, list: readonly MailAddress[], problems: OutgoingProblem[]): ParsedAddress[] {
  const parsed: ParsedAddress[] = [];
  list.forEach((item, index) => {
    const result = checkAddress(item);
    if (result.ok) parsed.push(result.value);
    else problems.push({ field: `${field}[${index}]`, problem: result.problem });
  });
  return parsed;
}

/** Removes repeated envelope recipients, keeping the first (case-insensitive domain, exact local part). */
function unique(addresses: readonly ParsedAddress[]): string[] {
  const seen = new Set<string>();
  const result: string[] = [];
  for (const address of addresses) {
    const key = address.envelope;
    if (seen.has(key)) continue;
    seen.add(key);
    result.push(key);
  }
  return result;
}

/**
 * Validates an outgoing message from any source (an unknown value: IPC, CLI, worker) and derives its
 * envelope. Refuses control characters in the subject, names, addresses and file names; requires at
 * least one recipient (an address or a contact group) and a text or HTML body (an empty one is allowed).
 */
export function checkOutgoingMessage(input: unknown): OutgoingCheck {
  const parsed = outgoingMessageSchema.safeParse(input);
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((issue) => ({ field: issue.path.join('.') || '(message)', problem: issue.message })),
    };
  }
  const message = parsed.data;
  const problems: OutgoingProblem[] = [];
  const [from] = checkList('from', [message.from], problems);
  const replyTo = checkList('replyTo', message.replyTo ?? [], problems);
  const to = checkList('to', message.to, problems);
  const cc = checkList('cc', message.cc, problems);
  const bcc = checkList('bcc', message.bcc, problems);
  const recipients = unique([...to, ...cc, ...bcc]);
  const groups = message.groups ?? [];
  // A message to contact groups only gets its addresses when the Outbox sends it.
  if (problems.length === 0 && recipients.length === 0 && groups.length === 0) problems.push({ field: 'to', problem: 'empty' });
  if (recipients.length > MAX_RECIPIENTS) problems.push({ field: 'to', problem: 'too-many' });
  if (message.text === undefined && message.html === undefined) problems.push({ field: 'text', problem: 'empty' });
  if (problems.length > 0 || from === undefined) return { ok: false, problems };
  const everyone = [from, ...to, ...cc, ...bcc];
  return {
    ok: true,
    value: {
      from,
      replyTo,
      to,
      cc,
      bcc,
      groups,
      subject: message.subject,
      text: message.text,
      html: message.html,
      attachments: message.attachments,
      messageId: message.messageId,
      inReplyTo: message.inReplyTo,
      references: message.references ?? [],
      date: message.date,
      autoSubmitted: message.autoSubmitted,
      priority: message.priority ?? 'normal',
      requestReadReceipt: message.requestReadReceipt ?? false,
      envelope: { from: from.envelope, to: recipients, needsSmtpUtf8: everyone.some((address) => address.needsSmtpUtf8) },
    },
  };
}
