/**
 * Reply, Reply all and Forward as pure functions: from a message as the reader shows it (`getMessage`)
 * and the identity that answers, a compose draft. Every value taken from the original is hostile data:
 * addresses pass the `shared/mail/` checks (a refused one is dropped and reported, never repaired into a
 * header), message ids must be RFC 5322 §3.6.4 msg-ids, and the subject loses its control characters,
 * so no CR/LF from an original can ever reach a header. The HTML of the original is quoted as data:
 * sanitizing it is the renderer's job.
 */
import { checkAddress, CONTROL_CHARACTERS, type MailAddress } from './mail/address';
import { MAX_SUBJECT_CHARACTERS, outgoingMessageSchema, type GroupRecipient, type OutgoingMessage, type OutgoingProblem } from './mail/outgoing';
import type { AddressView, AttachmentView, MessageView, ThreadFields } from './mail';
import { createTranslator, formattingLocale } from './i18n/catalogs';
import type { Locale } from './i18n/locales';
import { formatQuoteDate, type DateStyle } from './quote-date';

/** How a draft answers its original. */
export type ComposeMode = 'reply' | 'replyAll' | 'replyList' | 'forward' | 'forwardAsAttachment';

/** What sending an answer marks its original: answered for a reply of either kind, forwarded for a forward of either kind. */
export function answerKind(mode: ComposeMode): 'reply' | 'forward' {
  switch (mode) {
    case 'reply':
    case 'replyAll':
    case 'replyList':
      return 'reply';
    case 'forward':
    case 'forwardAsAttachment':
      return 'forward';
    default: {
      const unknown: never = mode;
      throw new TypeError(`Unknown compose mode: ${String(unknown)}`);
    }
  }
}

/** The From identity of a draft; its signature is appended once. */
export interface ComposeIdentity {
  readonly name: string;
  readonly address: string;
  readonly signature: string;
  /** The rich-text signature, used in HTML instead of `signature` when present. */
  readonly signatureHtml?: string | undefined;
}

/**
 * The element that carries the identity's signature in the HTML of an answer to the editor, as escaped
 * text: the editor sanitizes it on its own and marks the block, so changing From can replace it.
 */
export const SIGNATURE_TAG = 'mailbag-signature';

/** An attachment of the original carried by reference (main reads its bytes from the store). */
export interface ForwardedAttachment {
  readonly messageId: number;
  readonly index: number;
  readonly fileName: string | null;
  readonly contentType: string;
  readonly size: number;
}

/** A value of the original that could not be used, and why: said like a field refused in an outgoing message. */
export type ComposeProblem = OutgoingProblem;

/** What the compose view opens with; a reply or a forward carries the original's threading fields. */
export interface ComposeDraft extends ThreadFields {
  readonly from: MailAddress | null;
  /**
   * Checked addresses (`shared/mail/address`), not the {@link AddressView}s of the original: these go
   * into the headers of a new message, so each passed the checks or was dropped into `problems`.
   */
  readonly to: readonly MailAddress[];
  readonly cc: readonly MailAddress[];
  readonly bcc: readonly MailAddress[];
  /** Contact groups picked as one recipient each (a saved draft); none when absent. */
  readonly groups?: readonly GroupRecipient[];
  readonly subject: string;
  readonly text: string;
  /** Null when the original had no HTML (the draft is plain text). */
  readonly html: string | null;
  readonly forwardedAttachments: readonly ForwardedAttachment[];
  /** Forward as attachment: the stored message whose raw bytes go as message/rfc822 (RFC 2046 §5.2.1). */
  readonly attachOriginal: number | null;
  readonly problems: readonly ComposeProblem[];
}

/**
 * Most message ids kept in References. RFC 5322 §3.6.4 lets a long chain be trimmed; the first id (the
 * thread root) and the most recent ones are kept, as readers thread by them.
 */
export const MAX_REFERENCES = 20;
/** The signature separator ("dash dash space" line) that readers recognise. */
export const SIGNATURE_SEPARATOR = '-- ';
/** Reply prefixes in common languages: Re (RFC 5322 §3.6.5), AW (German), SV (Nordic), VS, Antw, RE[2]. */
const REPLY_PREFIX = /^\s*(?:re|aw|sv|vs|antw|odp)(?:\[\d+\])?\s*:\s*/i;
/** Forward prefixes: Fwd, Fw, WG (German), TR (French), VS. */
const FORWARD_PREFIX = /^\s*(?:fwd?|wg|tr)(?:\[\d+\])?\s*:\s*/i;
/** All prefixes, for both kinds of answer. */
const ANY_PREFIX = new RegExp(`${REPLY_PREFIX.source}|${FORWARD_PREFIX.source}`, 'i');
const CONTROL_GLOBAL = new RegExp(CONTROL_CHARACTERS.source, 'gu');
const MESSAGE_ID_SCHEMA = outgoingMessageSchema.shape.inReplyTo;

/** Header text with every control character turned into a space, bounded (never a line break). */
export function neutraliseHeaderText(text: string, max = MAX_SUBJECT_CHARACTERS): string {
  return text.replace(CONTROL_GLOBAL, ' ').replace(/\s+/gu, ' ').trim().slice(0, max);
}

/** The subject without any leading Re:/Fwd:-like prefixes, so a new one is never piled on. */
export function baseSubject(subject: string): string {
  let current = neutraliseHeaderText(subject);
  for (;;) {
    const next = current.replace(ANY_PREFIX, '');
    if (next === current) return current;
    current = next;
  }
}

/** "Re: x" for a reply, "Fwd: x" for a forward, whatever prefixes the original piled up. */
export function answerSubject(subject: string | null, kind: 'reply' | 'forward'): string {
  const base = baseSubject(subject ?? '');
  return neutraliseHeaderText(`${kind === 'reply' ? 'Re' : 'Fwd'}: ${base}`);
}

/** Whether a value is a msg-id that may go into In-Reply-To or References (RFC 5322 §3.6.4). */
export function isMessageId(value: string): boolean {
  return MESSAGE_ID_SCHEMA.safeParse(value).success;
}

/**
 * References of a reply (RFC 5322 §3.6.4): the original's References (or its In-Reply-To when it has
 * none) followed by its Message-ID; invalid ids dropped, duplicates removed, trimmed to the root and
 * the most recent ids when longer than {@link MAX_REFERENCES}.
 */
export function replyReferences(original: Pick<MessageView, 'messageId' | 'inReplyTo' | 'references'>): string[] {
  const chain = original.references.length > 0 ? [...original.references] : original.inReplyTo !== null ? [original.inReplyTo] : [];
  if (original.messageId !== null) chain.push(original.messageId);
  const unique: string[] = [];
  for (const id of chain) if (isMessageId(id) && !unique.includes(id)) unique.push(id);
  if (unique.length <= MAX_REFERENCES) return unique;
  return [unique[0] ?? '', ...unique.slice(unique.length - (MAX_REFERENCES - 1))];
}

/** Checks addresses from the original: the name is dropped if only it is bad, the address if it is bad. */
function safeAddresses(field: string, list: readonly AddressView[], problems: ComposeProblem[]): MailAddress[] {
  const result: MailAddress[] = [];
  list.forEach((item, index) => {
    const withName = checkAddress(item.name === '' ? { address: item.address } : { name: item.name, address: item.address });
    const checked = withName.ok ? withName : checkAddress({ address: item.address });
    if (!checked.ok) {
      problems.push({ field: `${field}[${index}]`, problem: checked.problem });
      return;
    }
    if (!withName.ok) problems.push({ field: `${field}[${index}].name`, problem: withName.problem });
    result.push(checked.value.name === undefined ? { address: checked.value.address } : { name: checked.value.name, address: checked.value.address });
  });
  return result;
}

function addressKey(address: string): string {
  return address.trim().toLowerCase();
}

/** Removes own addresses and repeats (case-insensitive), keeping the first occurrence. */
function withoutRepeats(list: readonly MailAddress[], skip: Set<string>): MailAddress[] {
  const result: MailAddress[] = [];
  for (const item of list) {
    const key = addressKey(item.address);
    if (skip.has(key)) continue;
    skip.add(key);
    result.push(item);
  }
  return result;
}

/** The signature's own lines, without trailing space and without a separator line it may start with. */
function signatureLines(signature: string): string {
  const clean = signature.replace(/\r\n?/g, '\n').replace(/\s+$/u, '');
  return clean.startsWith(`${SIGNATURE_SEPARATOR}\n`) ? clean.slice(SIGNATURE_SEPARATOR.length + 1) : clean;
}

/** `text` with the identity's signature after a "-- " line (RFC 3676 §4.3), unless it is there already. */
export function appendSignature(text: string, signature: string): string {
  const clean = signatureLines(signature);
  if (clean === '') return text;
  const block = `${SIGNATURE_SEPARATOR}\n${clean}`;
  if (text.includes(block)) return text;
  return `${text}${text === '' || text.endsWith('\n') ? '' : '\n'}${block}\n`;
}

/** Where an answer's quote begins in plain text: the attribution line or the forward header. */
const QUOTE_START = /^(?:On .*wrote:|---------- Forwarded message ----------)$/m;

/**
 * `text` with the signature block of the identity it was written as (`before`) replaced by the block
 * of the identity now chosen (`after`), leaving everything the user wrote as it is. Without a block of
 * `before` (it had no signature), the new block goes above the quote of an answer, else at the end;
 * when the user removed the old signature, nothing is added.
 */
export function replaceSignature(text: string, before: string, after: string): string {
  const oldLines = signatureLines(before);
  const newLines = signatureLines(after);
  const newBlock = newLines === '' ? '' : `${SIGNATURE_SEPARATOR}\n${newLines}\n`;
  if (oldLines !== '') {
    const oldBlock = `${SIGNATURE_SEPARATOR}\n${oldLines}\n`;
    const at = text.indexOf(oldBlock);
    if (at >= 0) return `${text.slice(0, at)}${newBlock}${text.slice(at + oldBlock.length)}`;
    const atEnd = `${SIGNATURE_SEPARATOR}\n${oldLines}`;
    if (text.endsWith(atEnd)) return `${text.slice(0, text.length - atEnd.length)}${newBlock}`;
    return text;
  }
  if (newBlock === '') return text;
  const quote = QUOTE_START.exec(text);
  if (quote !== null) return `${text.slice(0, quote.index)}${newBlock}\n${text.slice(quote.index)}`;
  return text === '' ? `\n\n${newBlock}` : `${text}${text.endsWith('\n') ? '' : '\n'}${newBlock}`;
}

/** Escapes text for an HTML text node or attribute. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

function displayAddress(address: AddressView | null): string {
  if (address === null) return '';
  const name = neutraliseHeaderText(address.name, 256);
  const mail = neutraliseHeaderText(address.address, 256);
  return name === '' ? mail : `${name} <${mail}>`;
}

/** Plain "> " quoting (RFC 3676 §4.5 style): every line prefixed, nested quotes as ">>". */
export function quoteText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/\n+$/u, '')
    .split('\n')
    .map((line) => (line.startsWith('>') || line === '' ? `>${line}` : `> ${line}`))
    .join('\n');
}

/**
 * The HTML of an identity's signature with its "-- " line: the rich signature when it has one, else
 * the plain one with its line breaks; empty when it has neither. The HTML is as the user wrote it: the
 * editor sanitizes it.
 */
export function identitySignatureHtml(identity: Pick<ComposeIdentity, 'signature' | 'signatureHtml'>): string {
  const rich = identity.signatureHtml?.trim() ?? '';
  if (rich !== '') return `${escapeHtml(SIGNATURE_SEPARATOR)}<br>${rich}`;
  const clean = signatureLines(identity.signature);
  if (clean === '') return '';
  return `${escapeHtml(SIGNATURE_SEPARATOR)}<br>${clean.split('\n').map(escapeHtml).join('<br>')}`;
}

/** The signature block of an answer's HTML, carried as escaped text in {@link SIGNATURE_TAG} (present even when empty). */
function signatureElement(identity: ComposeIdentity): string {
  return `<${SIGNATURE_TAG}>${escapeHtml(identitySignatureHtml(identity))}</${SIGNATURE_TAG}>`;
}

function identityAddress(identity: ComposeIdentity, problems: ComposeProblem[]): MailAddress | null {
  const [checked] = safeAddresses('from', [{ name: identity.name, address: identity.address }], problems);
  return checked ?? null;
}

/** Options of {@link buildAnswer}. */
export interface AnswerOptions {
  /** The identity that answers (From and signature). */
  readonly identity: ComposeIdentity;
  /** Every address of the user (all identities), left out of Reply all. */
  readonly ownAddresses: readonly string[];
  /** The answering person's locale and time zone for the quoted date; the runtime's own when absent. */
  readonly dateStyle?: DateStyle;
  /** The language of the attribution line and the forward header (English when absent). */
  readonly language?: Locale;
}

/**
 * The quoted date's style in the answer's language: the reader's own locale when it is of that
 * language (keeping its region: de-AT stays de-AT), else the language itself, in the reader's zone.
 */
function answerDateStyle(language: Locale | undefined, style: DateStyle | undefined): DateStyle | undefined {
  if (language === undefined) return style;
  const formatting = formattingLocale(language);
  if (style?.locale !== undefined && style.locale.split('-')[0]?.toLowerCase() === formatting) return style;
  return { ...(style?.timeZone === undefined ? {} : { timeZone: style.timeZone }), locale: formatting };
}

/**
 * Builds the draft of a reply, reply all, forward or forward as attachment. Reply goes to Reply-To when
 * the original has one (RFC 5322 §3.6.2), else to From; when the user wrote the original, to its To.
 * Reply all adds the original To and Cc without the user's own addresses and without repeats.
 */
export function buildAnswer(original: MessageView, mode: ComposeMode, options: AnswerOptions): ComposeDraft {
  const problems: ComposeProblem[] = [];
  const from = identityAddress(options.identity, problems);
  const own = new Set(options.ownAddresses.map(addressKey));
  own.add(addressKey(options.identity.address));
  const signature = options.identity.signature;
  const { t } = createTranslator(options.language ?? 'en');
  const quotedDate = (): string => formatQuoteDate(original.date, answerDateStyle(options.language, options.dateStyle));
  switch (mode) {
    case 'reply':
    case 'replyAll':
    case 'replyList': {
      const fromAll = original.fromAll.length > 0 ? original.fromAll : original.from !== null ? [original.from] : [];
      const sentByMe = fromAll.some((item) => own.has(addressKey(item.address)));
      // Reply to list goes to the list's posting address (List-Post, RFC 2369 §3.4) only.
      const toList = mode === 'replyList' && original.listPost !== null;
      const primary = toList
        ? [{ name: '', address: original.listPost ?? '' }]
        : sentByMe
          ? original.to
          : original.replyTo.length > 0
            ? original.replyTo
            : fromAll;
      const primaryField = toList ? 'listPost' : sentByMe ? 'to' : original.replyTo.length > 0 ? 'replyTo' : 'from';
      const seen = new Set(sentByMe || toList ? [] : own);
      const to = withoutRepeats(safeAddresses(primaryField, primary, problems), seen);
      const extraTo = mode === 'replyAll' && !sentByMe ? withoutRepeats(safeAddresses('to', original.to, problems), seen) : [];
      const cc = mode === 'replyAll' ? withoutRepeats(safeAddresses('cc', original.cc, problems), seen) : [];
      const attribution = t('answer.attribution', { date: quotedDate(), sender: displayAddress(original.from) });
      const text = `${appendSignature('\n\n', signature)}\n${attribution}\n${quoteText(original.text)}\n`;
      const body = quotedBodyHtml(original);
      const html =
        body === null ? null : `<p><br></p>${signatureElement(options.identity)}<p>${escapeHtml(attribution)}</p><blockquote type="cite">${body}</blockquote>`;
      const messageId = original.messageId !== null && isMessageId(original.messageId) ? original.messageId : null;
      if (original.messageId !== null && messageId === null) problems.push({ field: 'messageId', problem: 'syntax' });
      return {
        from,
        to: [...to, ...extraTo],
        cc,
        bcc: [],
        subject: answerSubject(original.subject, 'reply'),
        text,
        html,
        inReplyTo: messageId,
        references: replyReferences(original),
        forwardedAttachments: [],
        attachOriginal: null,
        problems,
      };
    }
    case 'forward': {
      const lines = [
        t('answer.forwarded'),
        t('answer.forwardFrom', { value: displayAddress(original.from) }),
        t('answer.forwardDate', { value: quotedDate() }),
        t('answer.forwardSubject', { value: neutraliseHeaderText(original.subject ?? '') }),
        t('answer.forwardTo', { value: original.to.map(displayAddress).join(', ') }),
        ...(original.cc.length > 0 ? [t('answer.forwardCc', { value: original.cc.map(displayAddress).join(', ') })] : []),
      ];
      const text = `${appendSignature('\n\n', signature)}\n${lines.join('\n')}\n\n${original.text.replace(/\r\n?/g, '\n')}`;
      const body = quotedBodyHtml(original);
      const html =
        body === null
          ? null
          : `<p><br></p>${signatureElement(options.identity)}<p>${lines.map(escapeHtml).join('<br>')}</p><div class="forwarded">${body}</div>`;
      return {
        ...emptyAnswer(from, answerSubject(original.subject, 'forward'), text, html, problems),
        forwardedAttachments: attachmentsNotShownInline(original).map((item) => ({
          messageId: original.id,
          index: item.index,
          fileName: item.fileName,
          contentType: item.contentType,
          size: item.size,
        })),
      };
    }
    case 'forwardAsAttachment':
      return {
        ...emptyAnswer(from, answerSubject(original.subject, 'forward'), appendSignature('\n\n', signature), null, problems),
        attachOriginal: original.id,
      };
    default: {
      const unknown: never = mode;
      throw new TypeError(`Unknown compose mode: ${String(unknown)}`);
    }
  }
}

/** A Content-ID as `inlineImages` keys it: without angle brackets, lower case. */
function contentIdKey(contentId: string): string {
  return contentId.trim().replace(/^<|>$/g, '').toLowerCase();
}

/**
 * The attachments of a stored message without the images its HTML shows through `cid:` (RFC 2392):
 * those travel inside the HTML of a forward, a reopened draft or an edited Outbox message, as inline
 * parts of their own, and are not attached a second time.
 */
export function attachmentsNotShownInline(message: Pick<MessageView, 'attachments' | 'inlineImages'>): AttachmentView[] {
  const shown = new Set(message.inlineImages.map((image) => contentIdKey(image.contentId)));
  return message.attachments.filter((item) => item.contentId === null || !shown.has(contentIdKey(item.contentId)));
}

/**
 * The element that carries one HTML part of a quoted or forwarded message to the editor, as escaped
 * text: the editor sanitizes each such part on its own, so no part's markup can reach into another.
 */
export const QUOTED_PART_TAG = 'mailbag-quoted-part';

/** The body of an original for a reply or forward: its parts in order, HTML parts kept apart; null without HTML. */
function quotedBodyHtml(original: MessageView): string | null {
  if (!original.parts.some((part) => part.kind === 'html')) return null;
  return original.parts
    .map((part) =>
      part.kind === 'html' ? `<${QUOTED_PART_TAG}>${escapeHtml(part.html)}</${QUOTED_PART_TAG}>` : `<p>${escapeHtml(part.text).replace(/\r?\n/g, '<br>')}</p>`,
    )
    .join('');
}

function emptyAnswer(from: MailAddress | null, subject: string, text: string, html: string | null, problems: ComposeProblem[]): ComposeDraft {
  return { from, to: [], cc: [], bcc: [], subject, text, html, inReplyTo: null, references: [], forwardedAttachments: [], attachOriginal: null, problems };
}

/**
 * The outgoing message of a draft (without attachments, which main adds as bytes), for
 * `checkOutgoingMessage` and the Outbox. Null when the draft has no From.
 */
export function draftToOutgoing(draft: ComposeDraft): OutgoingMessage | null {
  if (draft.from === null) return null;
  return {
    from: draft.from,
    to: [...draft.to],
    cc: [...draft.cc],
    bcc: [...draft.bcc],
    subject: draft.subject,
    text: draft.text,
    ...(draft.html === null ? {} : { html: draft.html }),
    ...(draft.inReplyTo === null ? {} : { inReplyTo: draft.inReplyTo }),
    ...(draft.references.length === 0 ? {} : { references: [...draft.references] }),
  };
}
