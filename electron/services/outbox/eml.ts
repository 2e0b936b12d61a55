/**
 * A ready message (`mailbag send --eml FILE`) made fit for the Outbox: line ends as CRLF (RFC 5322
 * §2.1, RFC 5321 §2.3.8), no bare CR anywhere (so nothing can smuggle a header line), every header
 * line a field or a fold, the envelope taken from To, Cc and Bcc (RFC 5321 §3.3), the Bcc field
 * removed from the stored and sent bytes (RFC 5322 §3.6.3), and a Message-ID and Date added when the
 * file has none, so a retry sends identical bytes.
 */
import { randomBytes } from 'node:crypto';
import { ENCODED_WORD_LOOKALIKE, flattenAddressList, parseAddressList, type ParsedAddress } from '../../../shared/mail/address';
import { addressProblemWords } from '../../../shared/mail/address-problem-words';
import { MAX_RECIPIENTS, NULL_REVERSE_PATH, type SmtpEnvelope } from '../../../shared/mail/outgoing';
import { wordedError } from '../../../shared/error-words';
import type { ErrorWords } from '../../../shared/errors';
import { findHeaderEndInText, readHeaderFields, unfoldedBody, type HeaderField } from '../../../shared/mail/header-section';

/** Largest header block accepted in a ready message (against abuse, far above real messages). */
export const MAX_EML_HEADER_BYTES = 1024 * 1024;
/** Random bytes in a generated Message-ID's left part. */
const MESSAGE_ID_RANDOM_BYTES = 16;
/** msg-id of RFC 5322 §3.6.4, printable ASCII without spaces. */
const MESSAGE_ID = /^<[\x21-\x3b\x3d\x3f-\x7e]+@[\x21-\x3b\x3d\x3f-\x7e]+>$/;
/** Control characters other than horizontal tab, which a header line may never hold. */
// eslint-disable-next-line no-control-regex -- exactly the control range is meant
const HEADER_CONTROL = /[\x00-\x08\x0a-\x1f\x7f]/;

/** A ready message as the Outbox keeps it. */
export interface PreparedEml {
  readonly raw: Uint8Array;
  readonly messageId: string;
  readonly envelope: SmtpEnvelope;
  readonly eightBit: boolean;
}

function refuse(words: ErrorWords): never {
  throw wordedError('VALIDATION', words);
}

/** LF or CRLF line ends to CRLF; a CR not followed by LF is refused. */
function toCrlf(text: string): string {
  if (/\r(?!\n)/.test(text)) refuse({ id: 'serviceError.eml.bareCarriageReturn' });
  return text.replace(/\r?\n/g, '\r\n');
}

/** The header's fields, each a field in strict syntax (RFC 5322 §3.6.8) with its folded lines. */
function parseHeaderBlock(block: string): HeaderField[] {
  const fields = readHeaderFields(block, { maxChars: block.length });
  for (const field of fields) {
    const [first = ''] = field.lines;
    if (field.lines.some((line) => HEADER_CONTROL.test(line))) refuse({ id: 'serviceError.eml.controlCharacter' });
    if (/^[ \t]/.test(first)) refuse({ id: 'serviceError.eml.continuationFirst' });
    if (field.name === '' || field.obsoleteSpacing) refuse({ id: 'serviceError.eml.notNameValue', values: { line: JSON.stringify(first.slice(0, 40)) } });
  }
  return fields;
}

/** Whether a field is `name` (lower case). */
function named(field: HeaderField, name: string): boolean {
  return field.name.toLowerCase() === name;
}

/** The unfolded value of a field (RFC 5322 §2.2.3), decoded as UTF-8 (RFC 6532). */
function valueOf(field: HeaderField): string {
  return Buffer.from(unfoldedBody(field), 'latin1').toString('utf8').replace(/\t/g, ' ').trim();
}

/** Every RFC 2047 encoded word (display names only: an addr-spec never holds one). */
const ENCODED_WORDS = new RegExp(ENCODED_WORD_LOOKALIKE.source, 'gi');
/** What an encoded word is read as while the addresses are parsed (an atom, valid in any phrase). */
const ENCODED_WORD_STAND_IN = 'encoded';

/** Recipients of To, Cc and Bcc, parsed strictly (RFC 5322 §3.4): a list not understood is refused whole. */
function recipientsOf(fields: readonly HeaderField[]): ParsedAddress[] {
  const parsed: ParsedAddress[] = [];
  for (const field of fields) {
    if (!named(field, 'to') && !named(field, 'cc') && !named(field, 'bcc')) continue;
    const list = parseAddressList(valueOf(field).replace(ENCODED_WORDS, ENCODED_WORD_STAND_IN));
    if (!list.ok)
      refuse({
        id: 'serviceError.eml.recipientsUnreadable',
        values: { field: field.name.toLowerCase(), problem: addressProblemWords(list.problem), input: JSON.stringify(list.input.slice(0, 80)) },
      });
    parsed.push(...flattenAddressList(list.value));
  }
  return parsed;
}

function generatedMessageId(from: ParsedAddress): string {
  const domain = from.envelope.slice(from.envelope.lastIndexOf('@') + 1);
  return `<${randomBytes(MESSAGE_ID_RANDOM_BYTES).toString('hex')}@${domain}>`;
}

/** An RFC 5322 §3.3 date-time in UTC. */
function rfc5322Date(time: number): string {
  return new Date(time).toUTCString().replace(/GMT$/, '+0000');
}

/**
 * Checks and prepares a ready message for the Outbox. `sender` is the account's address (MAIL FROM,
 * unless `nullReversePath` asks for `MAIL FROM:<>`, as a notification is sent); refuses with VALIDATION
 * a file without a From field or recipients, with a malformed header, a bare CR, or an address an SMTP
 * envelope cannot carry.
 */
export function prepareEml(bytes: Uint8Array, sender: ParsedAddress, now: number, options: { readonly nullReversePath?: boolean } = {}): PreparedEml {
  const text = toCrlf(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1'));
  const end = findHeaderEndInText(text);
  if (end === undefined) refuse({ id: 'serviceError.eml.noBlankLine' });
  if (end.headerEnd - 2 > MAX_EML_HEADER_BYTES) refuse({ id: 'serviceError.eml.headerTooLarge' });
  const fields = parseHeaderBlock(text.slice(0, end.headerEnd));
  const body = text.slice(end.bodyStart);
  if (!fields.some((field) => named(field, 'from'))) refuse({ id: 'serviceError.eml.noFrom' });

  const seen = new Set<string>();
  const to: string[] = [];
  let needsSmtpUtf8 = sender.needsSmtpUtf8;
  for (const address of recipientsOf(fields)) {
    if (seen.has(address.envelope)) continue;
    seen.add(address.envelope);
    to.push(address.envelope);
    needsSmtpUtf8 ||= address.needsSmtpUtf8;
  }
  if (to.length === 0) refuse({ id: 'serviceError.eml.noRecipient' });
  if (to.length > MAX_RECIPIENTS) refuse({ id: 'serviceError.eml.tooManyRecipients', values: { max: String(MAX_RECIPIENTS) } });

  const kept = fields.filter((field) => !named(field, 'bcc'));
  const idField = kept.find((field) => named(field, 'message-id'));
  const added: string[] = [];
  let messageId: string;
  if (idField === undefined) {
    messageId = generatedMessageId(sender);
    added.push(`Message-ID: ${messageId}`);
  } else {
    messageId = valueOf(idField);
    if (!MESSAGE_ID.test(messageId)) refuse({ id: 'serviceError.eml.badMessageId', values: { messageId: JSON.stringify(messageId) } });
  }
  if (!kept.some((field) => named(field, 'date'))) added.push(`Date: ${rfc5322Date(now)}`);

  const header = [...added, ...kept.flatMap((field) => field.lines)].join('\r\n');
  const withEnd = body === '' || body.endsWith('\r\n') ? body : `${body}\r\n`;
  const raw = Buffer.from(`${header}\r\n\r\n${withEnd}`, 'latin1');
  const from = options.nullReversePath === true ? NULL_REVERSE_PATH : sender.envelope;
  return { raw, messageId, envelope: { from, to, needsSmtpUtf8 }, eightBit: raw.some((byte) => byte > 0x7f) };
}
