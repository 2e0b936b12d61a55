/**
 * The inline images a message's HTML shows through `cid:` URLs (RFC 2392), gathered in the display
 * worker while the message is read once, instead of one request (and one more reading of the message)
 * per image from the window: a message with thousands of cid: references froze the window. The work
 * is capped in images and bytes; what passes the caps is simply not shown.
 */
import type { MessageView } from '../../../shared/mail';

/** Most inline images returned for one message. */
export const MAX_INLINE_IMAGES = 1_000;
/** Most bytes of inline images returned for one message (as data: URLs in the frame). */
export const MAX_INLINE_IMAGE_BYTES = 25 * 1024 * 1024;
/** Image types a frame may show from data: URLs (no SVG: it is a document, not a picture). */
const SHOWN_IMAGE_TYPE = /^image\/(?:png|jpeg|gif|webp|bmp|avif|x-icon|vnd\.microsoft\.icon)$/;
/** Longest HTML examined for cid: references. */
const MAX_SCANNED_HTML_CHARS = 8 * 1024 * 1024;

/** One inline image: its Content-ID (normalized), type and bytes. */
export type InlineImage = MessageView['inlineImages'][number];

/** A Content-ID as header and URL spellings compare: no angle brackets, percent-decoded, lower case. */
export function normalizeContentId(contentId: string): string {
  let decoded = contentId;
  try {
    decoded = decodeURIComponent(contentId);
  } catch {
    // Keep what was written when it is not valid percent-encoding.
  }
  return decoded.trim().replace(/^<|>$/g, '').toLowerCase();
}

/** The Content-IDs the HTML parts refer to with cid: URLs. */
export function referencedContentIds(htmlParts: readonly string[]): Set<string> {
  const found = new Set<string>();
  for (const html of htmlParts) {
    // A URL parser drops tabs and line breaks anywhere in a URL: a cid: URL folded across lines still counts.
    const text = html.slice(0, MAX_SCANNED_HTML_CHARS).replace(/[\t\r\n]/g, '');
    for (const match of text.matchAll(/cid:([^"'\s)>]+)/gi)) found.add(normalizeContentId(match[1] ?? ''));
  }
  return found;
}

/** Collects image parts with a Content-ID within the caps while a message is read. */
export class InlineImageCollector {
  private readonly images = new Map<string, { contentType: string; chunks: Buffer[] }>();
  private bytes = 0;

  /**
   * Where the bytes of an attachment go: a sink for an image with a Content-ID while the caps allow,
   * else null. The sink returns false (and keeps nothing more) once the byte cap is passed.
   */
  sink(contentType: string, contentId: string | undefined): ((chunk: Buffer) => void) | null {
    const type = contentType.toLowerCase();
    if (contentId === undefined || !SHOWN_IMAGE_TYPE.test(type) || this.images.size >= MAX_INLINE_IMAGES) return null;
    const key = normalizeContentId(contentId);
    if (key === '' || this.images.has(key)) return null;
    const entry = { contentType: type, chunks: [] as Buffer[] };
    this.images.set(key, entry);
    return (chunk) => {
      if (this.bytes + chunk.length > MAX_INLINE_IMAGE_BYTES) {
        this.images.delete(key);
        return;
      }
      this.bytes += chunk.length;
      entry.chunks.push(chunk);
    };
  }

  /** The collected images that the HTML refers to. */
  referenced(htmlParts: readonly string[]): InlineImage[] {
    const wanted = referencedContentIds(htmlParts);
    return [...this.images].flatMap(([contentId, entry]) =>
      wanted.has(contentId) ? [{ contentId, contentType: entry.contentType, base64: Buffer.concat(entry.chunks).toString('base64') }] : [],
    );
  }
}
