/**
 * What a compose window holds, and how it becomes the contract's message payload: recipients from
 * valid chips only, header text with every line break removed (a subject can never add a header),
 * and HTML sanitized by DOMPurify before it leaves the window, with its plain-text alternative.
 */
import DOMPurify from 'dompurify';
import type { ComposeInputOf } from './compose-types';
import type { ForwardedAttachment } from '../../../shared/compose';
import { neutraliseHeaderText, QUOTED_PART_TAG } from '../../../shared/compose';
import type { MailAddress } from '../../../shared/mail/address';
import type { MailResourcePolicy } from '../../mail-html/mail-css';
import {
  FORBIDDEN_ATTRIBUTES as READER_FORBIDDEN_ATTRIBUTES,
  FORBIDDEN_TAGS as READER_FORBIDDEN_TAGS,
  sanitizeMessageHtml,
} from '../../mail-html/message-html';
import { addressesOf, type AddressChip } from './address-chips';

/** A file the user attached, read as base64. */
export interface LocalAttachment {
  readonly key: string;
  readonly fileName: string;
  readonly contentType: string;
  readonly size: number;
  readonly base64: string;
}

/** Everything a compose window holds; kept whole so Undo can reopen exactly this. */
export interface ComposeContent {
  readonly accountId: string | null;
  readonly from: MailAddress | null;
  readonly to: readonly AddressChip[];
  readonly cc: readonly AddressChip[];
  readonly bcc: readonly AddressChip[];
  readonly subject: string;
  readonly format: 'plain' | 'html';
  readonly text: string;
  readonly html: string;
  readonly attachments: readonly LocalAttachment[];
  readonly forwarded: readonly ForwardedAttachment[];
  readonly attachOriginal: number | null;
  readonly inReplyTo: string | null;
  readonly references: readonly string[];
}

/** An empty message. */
export const EMPTY_CONTENT: ComposeContent = {
  accountId: null,
  from: null,
  to: [],
  cc: [],
  bcc: [],
  subject: '',
  format: 'plain',
  text: '',
  html: '',
  attachments: [],
  forwarded: [],
  attachOriginal: null,
  inReplyTo: null,
  references: [],
};

/**
 * Elements that never belong in a message being written: everything the reader never shows, and also
 * style sheets (the editor lives in the app page, where a message's styles would restyle the app) and
 * images (the editor holds none, so a remote one can never load there).
 */
const FORBIDDEN_TAGS = [...READER_FORBIDDEN_TAGS, 'style', 'img'];
/** Attributes removed besides the reader's: styling, fixed heights (spacers of dropped images) and every other way to name an image source. */
const FORBIDDEN_ATTRIBUTES = [...READER_FORBIDDEN_ATTRIBUTES, 'style', 'src', 'srcset', 'background', 'class', 'id', 'height'];

/** Resources of a quoted original: remote content blocked, inline parts not resolved (never shown). */
const QUOTE_POLICY: MailResourcePolicy = { allowRemote: false, resolveContentId: () => null };

/** HTML safe to edit and to send: no scripts, handlers, styles, forms, images or remote content. */
export function sanitizeHtml(html: string): string {
  return DOMPurify.sanitize(html, { FORBID_TAGS: FORBIDDEN_TAGS, FORBID_ATTR: FORBIDDEN_ATTRIBUTES, ALLOW_DATA_ATTR: false });
}

/**
 * HTML of a message from elsewhere (the quote of a reply, the body of a forward, a stored draft) as the
 * editor may start from it: first sanitized exactly as the reader shows it with remote content blocked,
 * then narrowed to what the editor holds. Images, remote or not, are dropped, not replaced by a
 * placeholder: the editor cannot show them, and a reply or forward never carries them along.
 */
export function sanitizeQuotedHtml(html: string): string {
  // Parts of the original arrive as escaped text (see QUOTED_PART_TAG): each is sanitized alone, in an
  // inert document, before the whole is sanitized again.
  const inert = new DOMParser().parseFromString(html, 'text/html');
  for (const element of Array.from(inert.getElementsByTagName(QUOTED_PART_TAG))) {
    const part = inert.createElement('div');
    part.innerHTML = sanitizeHtml(sanitizeMessageHtml(element.textContent ?? '', QUOTE_POLICY).body);
    element.replaceWith(part);
  }
  return sanitizeHtml(sanitizeMessageHtml(inert.documentElement.outerHTML, QUOTE_POLICY).body);
}

/** The plain-text alternative of HTML written in the editor. */
export function htmlToText(html: string): string {
  const container = document.createElement('div');
  container.innerHTML = sanitizeHtml(html.replace(/<br\s*\/?>/gi, '\n').replace(/<\/(p|div|li|h[1-6]|blockquote)>/gi, '$&\n'));
  for (const link of Array.from(container.querySelectorAll('a[href]'))) {
    const href = link.getAttribute('href') ?? '';
    if (href !== '' && href !== link.textContent) link.append(` <${href}>`);
  }
  for (const item of Array.from(container.querySelectorAll('li'))) item.prepend('• ');
  return (container.textContent ?? '').replace(/\n{3,}/g, '\n\n').replace(/^\n+/, '');
}

/** Plain text as editor HTML (escaped, line breaks kept). */
export function textToHtml(text: string): string {
  const container = document.createElement('div');
  container.textContent = text;
  return container.innerHTML.replace(/\r?\n/g, '<br>');
}

/** The message payload of queueMessage, saveDraft and editOutboxMessage (without their ids). */
export function payloadOf(content: ComposeContent): Omit<ComposeInputOf<'queueMessage'>, 'accountId'> {
  const html = content.format === 'html' ? sanitizeHtml(content.html) : undefined;
  const text = content.format === 'html' ? htmlToText(html ?? '') : content.text;
  return {
    message: {
      ...(content.from === null ? {} : { from: content.from }),
      to: addressesOf(content.to),
      cc: addressesOf(content.cc),
      bcc: addressesOf(content.bcc),
      subject: neutraliseHeaderText(content.subject),
      text,
      ...(html === undefined ? {} : { html }),
      ...(content.inReplyTo === null ? {} : { inReplyTo: content.inReplyTo }),
      ...(content.references.length === 0 ? {} : { references: [...content.references] }),
    },
    attachments: content.attachments.map((item) => ({ fileName: item.fileName, contentType: item.contentType, base64: item.base64 })),
    forwardedAttachments: content.forwarded.map((item) => ({ messageId: item.messageId, index: item.index })),
    ...(content.attachOriginal === null ? {} : { attachOriginal: content.attachOriginal }),
  };
}

/** Whether two contents differ in anything the user would lose. */
export function sameContent(a: ComposeContent, b: ComposeContent): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
