/**
 * What a compose window holds, and how it becomes the contract's message payload: recipients from
 * valid chips only, header text with every line break removed (a subject can never add a header),
 * and HTML sanitized by DOMPurify before it leaves the window, with its plain-text alternative.
 */
import DOMPurify from 'dompurify';
import type { ComposeInputOf } from './compose-types';
import type { ForwardedAttachment } from '../../../shared/compose';
import { neutraliseHeaderText, QUOTED_PART_TAG, SIGNATURE_TAG } from '../../../shared/compose';
import type { MailAddress } from '../../../shared/mail/address';
import type { MailResourcePolicy } from '../../mail-html/mail-css';
import { normalizeContentId } from '../../mail-html/mail-urls';
import {
  FORBIDDEN_ATTRIBUTES as READER_FORBIDDEN_ATTRIBUTES,
  FORBIDDEN_TAGS as READER_FORBIDDEN_TAGS,
  sanitizeMessageHtml,
} from '../../mail-html/message-html';
import { addressesOf, groupsOf, type AddressChip } from './address-chips';

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
  /** Importance the recipients' programs show (X-Priority, Importance). */
  readonly priority: 'high' | 'normal' | 'low';
  /** Ask the recipients for a read receipt. */
  readonly requestReadReceipt: boolean;
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
  priority: 'normal',
  requestReadReceipt: false,
};

/**
 * Elements that never belong in a message being written: everything the reader never shows, and also
 * style sheets (the editor lives in the app page, where a message's styles would restyle the app).
 */
const FORBIDDEN_TAGS = [...READER_FORBIDDEN_TAGS, 'style'];
/** Attributes removed besides the reader's: styling, fixed heights (spacers of dropped images) and every other way to name an image source. */
const FORBIDDEN_ATTRIBUTES = [...READER_FORBIDDEN_ATTRIBUTES, 'style', 'srcset', 'background', 'class', 'id', 'height'];

/**
 * The only images the editor holds: bytes written into the page as data: URLs of plain raster types
 * (pasted or dropped by the user, or inline parts of a quoted original), never a remote address.
 */
const EDITOR_IMAGE = /^data:(image\/(?:png|jpeg|gif|webp));base64,([A-Za-z0-9+/]+={0,2})$/;
/** Most bytes of one image pasted or dropped into the editor. */
export const MAX_INLINE_IMAGE_BYTES = 10 * 1024 * 1024;

/** The editor's DOMPurify instance, made on first use (it needs the window's DOM). */
let editorPurifier: ReturnType<typeof DOMPurify> | null = null;

/** The editor's DOMPurify instance, whose hook keeps `src` only on an image with a data: URL of a plain raster type. */
function editorPurify(): ReturnType<typeof DOMPurify> {
  if (editorPurifier !== null) return editorPurifier;
  const purify = DOMPurify();
  purify.addHook('afterSanitizeAttributes', (element) => {
    const source = element.getAttribute('src');
    if (source !== null && (element.tagName !== 'IMG' || !EDITOR_IMAGE.test(source.trim()))) element.removeAttribute('src');
  });
  editorPurifier = purify;
  return purify;
}

/** An element of a document that is never shown, so nothing put into it loads. */
function inertContainer(): HTMLDivElement {
  return document.implementation.createHTMLDocument('').createElement('div');
}

/** The attribute that marks the signature block in rich text (see signature.ts); the only data- attribute kept. */
export const SIGNATURE_ATTRIBUTE = 'data-mailbag-signature';

/** HTML safe to edit and to send: no scripts, handlers, styles, forms or remote content; images only as data: URLs. */
export function sanitizeHtml(html: string): string {
  const fragment = editorPurify().sanitize(html, {
    FORBID_TAGS: FORBIDDEN_TAGS,
    FORBID_ATTR: FORBIDDEN_ATTRIBUTES,
    ALLOW_DATA_ATTR: false,
    ADD_ATTR: [SIGNATURE_ATTRIBUTE],
    RETURN_DOM_FRAGMENT: true,
  });
  // An image whose source went (remote, cid: never resolved, or another type) is dropped, not kept empty.
  for (const image of Array.from(fragment.querySelectorAll('img:not([src])'))) image.remove();
  const container = inertContainer();
  container.append(fragment);
  return container.innerHTML;
}

/**
 * HTML of a message from elsewhere (the quote of a reply, the body of a forward, a stored draft) as the
 * editor may start from it: first sanitized exactly as the reader shows it with remote content blocked,
 * then narrowed to what the editor holds. Inline parts of the original (`cid:`) become the data: URLs
 * in `inlineImages` (bytes from the stored original, keyed by normalized Content-ID), so a reply or a
 * forward carries them along; remote images are dropped, never fetched.
 */
export function sanitizeQuotedHtml(html: string, inlineImages: ReadonlyMap<string, string> = new Map()): string {
  const policy: MailResourcePolicy = { allowRemote: false, resolveContentId: (contentId) => inlineImages.get(contentId) ?? null };
  const sanitizePart = (part: string): string => sanitizeHtml(sanitizeMessageHtml(part, policy).body);
  // Parts of the original arrive as escaped text (see QUOTED_PART_TAG): each is sanitized alone, in an
  // inert document, before the whole is sanitized again.
  const inert = new DOMParser().parseFromString(html, 'text/html');
  for (const element of Array.from(inert.getElementsByTagName(QUOTED_PART_TAG))) {
    const part = inert.createElement('div');
    part.innerHTML = sanitizePart(element.textContent ?? '');
    element.replaceWith(part);
  }
  // The signature (SIGNATURE_TAG) waits behind a token no message can know, and comes back as the
  // marked block once the whole is sanitized (which removes every data- attribute).
  const signatures = new Map<string, string>();
  for (const element of Array.from(inert.getElementsByTagName(SIGNATURE_TAG))) {
    const token = `signature-${randomToken()}`;
    signatures.set(token, sanitizePart(element.textContent ?? ''));
    const holder = inert.createElement('p');
    holder.textContent = token;
    element.replaceWith(holder);
  }
  const whole = sanitizeHtml(sanitizeMessageHtml(inert.documentElement.outerHTML, policy).body);
  if (signatures.size === 0) return whole;
  const container = inertContainer();
  container.innerHTML = whole;
  for (const holder of Array.from(container.querySelectorAll('p'))) {
    const signature = signatures.get(holder.textContent ?? '');
    if (signature === undefined) continue;
    const block = container.ownerDocument.createElement('div');
    block.setAttribute(SIGNATURE_ATTRIBUTE, '');
    block.innerHTML = signature;
    holder.replaceWith(block);
  }
  return container.innerHTML;
}

/** The data: URL of an inline image of a stored message, or null when it is not an image the editor holds. */
export function inlineImageUrl(contentType: string, base64: string): string | null {
  const type = contentType.toLowerCase().split(';')[0]?.trim() ?? '';
  const url = `data:${type};base64,${base64}`;
  return EDITOR_IMAGE.test(url) ? url : null;
}

/** The inline images of a stored message as data: URLs keyed by normalized Content-ID, for {@link sanitizeQuotedHtml}. */
export function inlineImageMap(
  images: ReadonlyArray<{ readonly contentId: string; readonly contentType: string; readonly base64: string }>,
): Map<string, string> {
  const map = new Map<string, string>();
  for (const image of images) {
    const url = inlineImageUrl(image.contentType, image.base64);
    if (url !== null) map.set(normalizeContentId(image.contentId), url);
  }
  return map;
}

/** File name extensions of the editor's image types, for the part's name. */
const IMAGE_EXTENSIONS: Readonly<Record<string, string>> = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/gif': 'gif', 'image/webp': 'webp' };

/** An image of the editor as a part of the message, named by the Content-ID the HTML refers to (RFC 2392). */
export interface InlinePart {
  readonly fileName: string;
  readonly contentType: string;
  readonly base64: string;
  readonly contentId: string;
  readonly inline: true;
}

/**
 * Sanitized editor HTML with every data: image turned into a `cid:` reference to a part of its own
 * (RFC 2392; the MIME builder puts such parts with the HTML in multipart/related, RFC 2387). The same
 * image used twice is one part. `unique` makes the Content-IDs of one message distinct from any other's.
 */
export function inlineImageParts(html: string, unique: string): { html: string; parts: InlinePart[] } {
  // An inert document: a cid: source set here is never loaded by the page.
  const container = inertContainer();
  container.innerHTML = html;
  const parts: InlinePart[] = [];
  const byUrl = new Map<string, string>();
  for (const image of Array.from(container.querySelectorAll('img[src]'))) {
    const source = (image.getAttribute('src') ?? '').trim();
    const match = EDITOR_IMAGE.exec(source);
    if (match === null) {
      image.remove();
      continue;
    }
    let contentId = byUrl.get(source);
    if (contentId === undefined) {
      const contentType = match[1] ?? 'image/png';
      contentId = `image${parts.length + 1}.${unique}@mailbag.invalid`;
      byUrl.set(source, contentId);
      parts.push({
        fileName: `image-${parts.length + 1}.${IMAGE_EXTENSIONS[contentType] ?? 'bin'}`,
        contentType,
        base64: match[2] ?? '',
        contentId,
        inline: true,
      });
    }
    image.setAttribute('src', `cid:${contentId}`);
  }
  return { html: container.innerHTML, parts };
}

/** A random token for the Content-IDs of one message. */
function randomToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** The plain-text alternative of HTML written in the editor. */
export function htmlToText(html: string): string {
  const container = inertContainer();
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
  const sanitized = content.format === 'html' ? sanitizeHtml(content.html) : undefined;
  const inline = sanitized === undefined ? undefined : inlineImageParts(sanitized, randomToken());
  const html = inline?.html;
  const text = content.format === 'html' ? htmlToText(html ?? '') : content.text;
  const groups = [...groupsOf(content.to, 'to'), ...groupsOf(content.cc, 'cc'), ...groupsOf(content.bcc, 'bcc')];
  return {
    message: {
      ...(content.from === null ? {} : { from: content.from }),
      to: addressesOf(content.to),
      cc: addressesOf(content.cc),
      bcc: addressesOf(content.bcc),
      // A contact group stays one entry: main puts its members in its place when the message is sent.
      ...(groups.length === 0 ? {} : { groups }),
      subject: neutraliseHeaderText(content.subject),
      text,
      ...(html === undefined ? {} : { html }),
      ...(content.inReplyTo === null ? {} : { inReplyTo: content.inReplyTo }),
      ...(content.references.length === 0 ? {} : { references: [...content.references] }),
      ...(content.priority === 'normal' ? {} : { priority: content.priority }),
      ...(content.requestReadReceipt ? { requestReadReceipt: true } : {}),
    },
    attachments: [
      ...content.attachments.map((item) => ({ fileName: item.fileName, contentType: item.contentType, base64: item.base64 })),
      ...(inline?.parts ?? []),
    ],
    forwardedAttachments: content.forwarded.map((item) => ({ messageId: item.messageId, index: item.index })),
    ...(content.attachOriginal === null ? {} : { attachOriginal: content.attachOriginal }),
  };
}

/** Whether two contents differ in anything the user would lose. */
export function sameContent(a: ComposeContent, b: ComposeContent): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
