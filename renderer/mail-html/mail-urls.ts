/**
 * How a URL met in a message's HTML or CSS is treated when the message is shown. Only three kinds of
 * image source may ever load: data: images written into the message, cid: parts of the message itself
 * (replaced by data: URLs from the store), and remote http/https images once the user allowed them.
 */

/** What a message's image-like URL is. */
export type MailUrlKind = 'data-image' | 'cid' | 'remote' | 'other';

/** An image data: URL with a plain image type (no SVG documents posing as other types). */
const DATA_IMAGE = /^data:image\/[a-z0-9.+-]+(?:;[a-z0-9=.+-]+)*(?:;base64)?,/i;
/** Characters browsers drop or treat as spaces inside a URL attribute before parsing it. */
const URL_NOISE = /[\p{Cc}\u0020\u00ad\u200b-\u200f\u2028\u2029\ufeff]/gu;

/** Classifies an image source; a protocol-relative `//host/x` is remote (it inherits http/https). */
export function classifyMailUrl(raw: string): MailUrlKind {
  const url = raw.replace(URL_NOISE, '');
  if (DATA_IMAGE.test(url)) return 'data-image';
  if (/^cid:/i.test(url)) return 'cid';
  if (/^(?:https?:)?[/\\]{2}/i.test(url)) return 'remote';
  return 'other';
}

/** The Content-ID a cid: URL names (RFC 2392: percent-encoded, without angle brackets). */
export function contentIdOfUrl(raw: string): string {
  const text = raw.replace(URL_NOISE, '').replace(/^cid:/i, '');
  let decoded = text;
  try {
    decoded = decodeURIComponent(text);
  } catch {
    // Keep the text as written when it is not valid percent-encoding.
  }
  return normalizeContentId(decoded);
}

/** A Content-ID without angle brackets, lower-cased, so header and URL spellings match. */
export function normalizeContentId(contentId: string): string {
  return contentId.trim().replace(/^<|>$/g, '').toLowerCase();
}

/** Finds the Content-IDs a message's HTML refers to with cid: URLs, before it is sanitized. */
export function referencedContentIds(html: string): Set<string> {
  const found = new Set<string>();
  // A URL parser drops tabs and line breaks anywhere in a URL: a cid: URL folded across lines still counts.
  for (const match of html.replace(/[\t\r\n]/g, '').matchAll(/cid:([^"'\s)>]+)/gi)) found.add(contentIdOfUrl(`cid:${match[1] ?? ''}`));
  return found;
}
