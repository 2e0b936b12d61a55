/**
 * Rebuilds an Outlook item as an RFC 5322 message. Outlook keeps no raw message: it keeps properties
 * (MS-OXCMSG, MS-OXOMSG). When the item has PidTagTransportMessageHeaders (the header section as it
 * arrived over SMTP), those header fields are kept exactly, except the ones that describe the body
 * (Content-*, MIME-Version), which come from the rebuilt body; otherwise the header is built from the
 * properties (sender, recipients, subject, submit time, Message-ID). Bodies (text, HTML) and
 * attachments become MIME parts through nodemailer's MailComposer; an attached Outlook item becomes a
 * message/rfc822 part of its own. Everything that could vary between two runs (the boundary, the
 * Date, the Message-ID of an item without one) is derived from the item, so importing the same file
 * twice gives the same bytes and adds nothing.
 */
import { createHash } from 'node:crypto';
import MailComposer, { type MailComposerAttachment } from 'nodemailer/lib/mail-composer';
import { encodeWord } from 'nodemailer/lib/mime-funcs';

/** Outlook's recipient types (PidTagRecipientType, MS-OXOMSG 2.2.3.1). */
export const RECIPIENT_TYPE = { to: 1, cc: 2, bcc: 3 } as const;
/** PidTagLastVerbExecuted values that mean the message was answered (MS-OXOMSG 2.2.1.32). */
const ANSWERED_VERBS: ReadonlySet<number> = new Set([102, 103]);
/** Header fields that describe the body, taken from the rebuilt body rather than the transport headers. */
const BODY_FIELD = /^(content-[a-z0-9-]+|mime-version)$/i;
/** Longest encoded word (RFC 2047 §2). */
const MAX_ENCODED_WORD = 75;

/** A person as Outlook names them. */
export interface OutlookAddress {
  readonly name: string;
  /** An SMTP address, or Exchange's X.500 name where Outlook kept no SMTP address. */
  readonly address: string;
}

/** One attachment of an item. */
export type OutlookAttachment =
  | { readonly kind: 'file'; readonly fileName: string; readonly contentType: string; readonly contentId: string; readonly content: Buffer }
  | { readonly kind: 'message'; readonly fileName: string; readonly message: OutlookItem };

/** What the rebuild needs of an Outlook item: plain data, read from the file by the reader. */
export interface OutlookItem {
  /** PidTagTransportMessageHeaders, '' when absent (items written in Outlook, some Exchange copies). */
  readonly transportHeaders: string;
  readonly from: OutlookAddress | null;
  readonly recipients: ReadonlyArray<OutlookAddress & { readonly type: number }>;
  readonly subject: string;
  readonly date: Date | null;
  readonly messageId: string;
  readonly inReplyTo: string;
  readonly text: string;
  readonly html: string;
  /** The RTF body, kept as an attachment when the item has neither text nor HTML. */
  readonly rtf: string;
  readonly attachments: readonly OutlookAttachment[];
  readonly read: boolean;
  readonly lastVerb: number;
}

/** Whether an item counts as answered. */
export function isAnswered(item: OutlookItem): boolean {
  return ANSWERED_VERBS.has(item.lastVerb);
}

function crlf(text: string): string {
  return text.replace(/\r\n|\r|\n/g, '\r\n');
}

/** A stable digest of the item's own content, for the boundary and a missing Message-ID. */
function itemDigest(item: OutlookItem): string {
  const hash = createHash('sha256');
  for (const part of [
    item.transportHeaders,
    item.from?.address ?? '',
    item.subject,
    String(item.date?.getTime() ?? ''),
    item.messageId,
    item.text,
    item.html,
  ]) {
    hash.update(part).update('\0');
  }
  for (const attachment of item.attachments) hash.update(attachment.fileName).update('\0');
  return hash.digest('hex');
}

/** An address field value: `"Name" <addr>` when the address is an SMTP one, a named empty group otherwise. */
function addressValue(person: OutlookAddress): string {
  const name = /^[\x20-\x7e]*$/.test(person.name) ? JSON.stringify(person.name) : encodeWord(person.name, 'Q', MAX_ENCODED_WORD);
  if (/^[^\s@<>"]+@[^\s@<>"]+$/.test(person.address)) return person.name === '' ? `<${person.address}>` : `${name} <${person.address}>`;
  // An Exchange-only name (X.500) is no address anyone can write to: the name is kept as an empty group.
  return `${person.name === '' ? '"Unknown"' : name} :;`;
}

/** From, To and Cc as header fields (one address a line, folded), written by hand: MailComposer drops address fields it cannot parse. */
function addressFields(item: OutlookItem): string[] {
  const fields: string[] = [];
  if (item.from !== null) fields.push(`From: ${addressValue(item.from)}`);
  for (const [field, type] of [
    ['To', RECIPIENT_TYPE.to],
    ['Cc', RECIPIENT_TYPE.cc],
  ] as const) {
    const people = item.recipients.filter((recipient) => recipient.type === type);
    if (people.length > 0) fields.push(`${field}: ${people.map(addressValue).join(',\r\n ')}`);
  }
  return fields;
}

function mailOptions(item: OutlookItem, digest: string, embedded: ReadonlyMap<OutlookAttachment, Buffer>): ConstructorParameters<typeof MailComposer>[0] {
  const attachments: MailComposerAttachment[] = item.attachments.map((attachment) =>
    attachment.kind === 'file'
      ? {
          filename: attachment.fileName,
          content: attachment.content,
          contentType: attachment.contentType,
          ...(attachment.contentId === '' || item.html === '' ? {} : { cid: attachment.contentId, contentDisposition: 'inline' }),
        }
      : // nodemailer shows an attached message inline unless told otherwise.
        {
          filename: attachment.fileName,
          content: embedded.get(attachment) ?? Buffer.alloc(0),
          contentType: 'message/rfc822',
          contentDisposition: 'attachment',
        },
  );
  if (item.text === '' && item.html === '' && item.rtf !== '')
    attachments.push({ filename: 'message.rtf', content: Buffer.from(item.rtf, 'utf8'), contentType: 'text/rtf' });
  return {
    subject: item.subject,
    date: item.date ?? new Date(0),
    messageId: item.messageId === '' ? `<${digest.slice(0, 32)}@outlook-import.invalid>` : item.messageId,
    ...(item.inReplyTo === '' ? {} : { inReplyTo: item.inReplyTo }),
    ...(item.text === '' ? {} : { text: crlf(item.text) }),
    ...(item.html === '' ? {} : { html: crlf(item.html) }),
    ...(item.text === '' && item.html === '' && item.rtf === '' ? { text: '' } : {}),
    attachments,
    baseBoundary: digest.slice(0, 16),
    disableFileAccess: true,
    disableUrlAccess: true,
  };
}

/** The header fields of a header section, each with its continuation lines. */
function headerFields(section: string): string[] {
  const fields: string[] = [];
  for (const line of crlf(section).split('\r\n')) {
    if (line === '') continue;
    if (/^[ \t]/.test(line) && fields.length > 0) fields[fields.length - 1] += `\r\n${line}`;
    else fields.push(line);
  }
  return fields;
}

function fieldName(field: string): string {
  return field.slice(0, Math.max(0, field.indexOf(':'))).trim();
}

/** Rebuilds an item's RFC 5322 bytes, CRLF line ends (see the module comment). */
export async function buildOutlookMessage(item: OutlookItem): Promise<Buffer> {
  const digest = itemDigest(item);
  const embedded = new Map<OutlookAttachment, Buffer>();
  for (const attachment of item.attachments) if (attachment.kind === 'message') embedded.set(attachment, await buildOutlookMessage(attachment.message));
  const built = await new MailComposer(mailOptions(item, digest, embedded)).compile().build();
  const text = built.toString('latin1');
  const split = text.indexOf('\r\n\r\n');
  const head = text.slice(0, split);
  const body = text.slice(split + 4);
  const fields =
    item.transportHeaders.trim() === ''
      ? [...addressFields(item), ...headerFields(head)]
      : [
          ...headerFields(item.transportHeaders).filter((field) => fieldName(field) !== '' && !BODY_FIELD.test(fieldName(field))),
          ...headerFields(head).filter((field) => BODY_FIELD.test(fieldName(field))),
        ];
  return ensureFinalCrlf(Buffer.concat([Buffer.from(fields.join('\r\n'), 'utf8'), Buffer.from(`\r\n\r\n${body}`, 'latin1')]));
}

function ensureFinalCrlf(bytes: Buffer): Buffer {
  return bytes.subarray(-2).toString('latin1') === '\r\n' ? bytes : Buffer.concat([bytes, Buffer.from('\r\n')]);
}
