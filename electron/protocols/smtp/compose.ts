import MailComposer from 'nodemailer/lib/mail-composer';
import { encodeWord } from 'nodemailer/lib/mime-funcs';
import { ENCODED_WORD_LOOKALIKE, type ParsedAddress } from '../../../shared/mail/address';
import { findHeaderEnd, headerValues } from '../../../shared/mail/header-section';
import { checkOutgoingMessage, type CheckedOutgoingMessage, type SmtpEnvelope } from '../../../shared/mail/outgoing';
import { outgoingProblemsWords } from '../../../shared/mail/outgoing-problem-words';
import { wordedSmtpError } from './errors';

/** A message ready to send and to keep in the Outbox: the exact bytes a retry sends again. */
export interface ComposedMessage {
  /** The RFC 5322 message, CRLF line ends, as nodemailer's MailComposer built it. */
  readonly raw: Uint8Array;
  /** The Message-ID header value, angle brackets included (RFC 5322 §3.6.4). */
  readonly messageId: string;
  /** Reverse-path and every recipient, Bcc included (RFC 5321 §3.3); Bcc never appears in `raw`. */
  readonly envelope: SmtpEnvelope;
  /** The message has bytes above 127, so it needs 8BITMIME (RFC 6152) or SMTPUTF8 (RFC 6531). */
  readonly eightBit: boolean;
}

const CRLF = Buffer.from('\r\n');

/** Longest encoded word (RFC 2047 §2 allows 75 characters). */
const MAX_ENCODED_WORD = 75;

/**
 * The Subject as MailComposer should write it. Non-ASCII text is encoded by MailComposer itself; ASCII
 * text that looks like an encoded word is encoded here as a whole, so readers show what was typed.
 */
function subjectHeader(subject: string): string | { prepared: true; value: string } {
  if (!ENCODED_WORD_LOOKALIKE.test(subject)) return subject;
  return { prepared: true, value: encodeWord(subject, 'Q', MAX_ENCODED_WORD) };
}

/** Line ends as CRLF (RFC 5322 §2.1), so the composed bytes are exactly what the server stores. */
function crlf(text: string): string {
  return text.replace(/\r\n|\r|\n/g, '\r\n');
}

/** X-Priority, X-MSMail-Priority and Importance, as mail programs read them (as nodemailer writes them); none for normal. */
const PRIORITY_HEADERS = {
  high: { 'X-Priority': '1 (Highest)', 'X-MSMail-Priority': 'High', Importance: 'High' },
  low: { 'X-Priority': '5 (Lowest)', 'X-MSMail-Priority': 'Low', Importance: 'Low' },
} as const;

/** One address as a header value, its name encoded by nodemailer when not ASCII (RFC 2047). */
function formatAddress(address: ParsedAddress): { prepared: true; value: string } {
  const name = address.name === undefined || address.name === '' ? '' : `${encodeWord(address.name, 'Q', MAX_ENCODED_WORD)} `;
  return { prepared: true, value: `${name}<${address.address}>` };
}

function mailbox(address: ParsedAddress): { name: string; address: string } | string {
  return address.name === undefined ? address.address : { name: address.name, address: address.address };
}

/** Whether a message's header has a Bcc field (RFC 5322 §3.6.3), which a message being sent must not carry. */
export function hasBccField(raw: Uint8Array): boolean {
  const header = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString('latin1', 0, findHeaderEnd(raw)?.headerEnd ?? raw.byteLength);
  return headerValues(header, 'bcc', { obsoleteSpacing: true }).length > 0;
}

/**
 * Builds the MIME message with nodemailer's MailComposer: Message-ID, Date, MIME-Version, quoted-
 * printable or base64 bodies, RFC 2047 encoded words for non-ASCII names and subjects, RFC 2231
 * parameters for non-ASCII file names, multipart/alternative for text plus HTML, multipart/related for
 * inline images. File and URL access are off: attachments are bytes only. Bcc recipients are given
 * to the envelope only, and the result is checked to carry no Bcc header.
 */
export async function composeCheckedMessage(message: CheckedOutgoingMessage): Promise<ComposedMessage> {
  const headers: Record<string, string | { prepared: true; value: string }> = {
    ...(ENCODED_WORD_LOOKALIKE.test(message.subject) ? { Subject: subjectHeader(message.subject) } : {}),
    // RFC 8098 §2.1: the receipt goes to the sender's own address (checked like every From).
    ...(message.requestReadReceipt ? { 'Disposition-Notification-To': formatAddress(message.from) } : {}),
    ...(message.priority === 'normal' ? {} : PRIORITY_HEADERS[message.priority]),
    ...(message.autoSubmitted === undefined ? {} : { 'Auto-Submitted': message.autoSubmitted }),
  };
  const composer = new MailComposer({
    from: mailbox(message.from),
    ...(message.replyTo.length === 0 ? {} : { replyTo: message.replyTo.map(mailbox) }),
    ...(message.to.length === 0 ? {} : { to: message.to.map(mailbox) }),
    ...(message.cc.length === 0 ? {} : { cc: message.cc.map(mailbox) }),
    ...(ENCODED_WORD_LOOKALIKE.test(message.subject) ? {} : { subject: message.subject }),
    ...(Object.keys(headers).length === 0 ? {} : { headers }),
    ...(message.text === undefined ? {} : { text: crlf(message.text) }),
    ...(message.html === undefined ? {} : { html: crlf(message.html) }),
    attachments: message.attachments.map((attachment) => ({
      filename: attachment.fileName,
      content: Buffer.from(attachment.content.buffer, attachment.content.byteOffset, attachment.content.byteLength),
      contentType: attachment.contentType,
      contentDisposition: attachment.inline === true ? 'inline' : 'attachment',
      ...(attachment.contentId === undefined ? {} : { cid: attachment.contentId }),
    })),
    ...(message.messageId === undefined ? {} : { messageId: message.messageId }),
    ...(message.inReplyTo === undefined ? {} : { inReplyTo: message.inReplyTo }),
    ...(message.references.length === 0 ? {} : { references: [...message.references] }),
    date: new Date(message.date ?? Date.now()),
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  const node = composer.compile();
  const built = await node.build();
  // End with CRLF, so the bytes the server stores are exactly these (DATA appends one otherwise).
  const raw = built.subarray(-2).equals(CRLF) ? built : Buffer.concat([built, CRLF]);
  const messageId = node.messageId();
  if (hasBccField(raw)) throw wordedSmtpError('INTERNAL', { id: 'protocolError.bccHeader' });
  return { raw, messageId, envelope: message.envelope, eightBit: raw.some((byte) => byte > 0x7f) };
}

/**
 * Checks an outgoing message from any source (see `shared/mail/outgoing.ts`) and composes it. Refuses
 * with VALIDATION, naming each bad field, anything with control characters or unparseable addresses.
 */
export async function composeMessage(input: unknown): Promise<ComposedMessage> {
  const checked = checkOutgoingMessage(input);
  if (!checked.ok) {
    throw wordedSmtpError('VALIDATION', { id: 'protocolError.cannotSendAsIs', values: { fields: outgoingProblemsWords(checked.problems) } });
  }
  return composeCheckedMessage(checked.value);
}
