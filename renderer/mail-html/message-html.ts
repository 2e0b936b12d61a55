/**
 * Turns a message's HTML into the document of its sandboxed frame. DOMPurify removes everything that
 * could run or reach out (scripts, event handlers, forms, frames, objects, SVG and MathML, meta refresh,
 * base, link), hooks then rewrite what may load: links become http/https/mailto opened in a new window,
 * cid: images become data: URLs from the store, remote images stay only when the user allowed them.
 * The frame document carries a Content Security Policy of its own that enforces the same.
 */
import DOMPurify, { type Config } from 'dompurify';
import { parseExternalUrl } from '../../shared/urls';
import { cleanMailCss, type MailResourcePolicy } from './mail-css';
import { classifyMailUrl, contentIdOfUrl } from './mail-urls';

/** A message body ready for the frame, and how many remote references were held back. */
export interface SanitizedMessage {
  /** The message's own style elements (from its head and body), as HTML. */
  readonly styles: string;
  /** The message's body element with its attributes, as HTML. */
  readonly body: string;
  /** What the body element holds, as HTML (balanced: serialized from the sanitized tree). */
  readonly content: string;
  readonly blockedRemote: number;
}

/** Elements that never appear in a shown message, whatever else DOMPurify allows. */
export const FORBIDDEN_TAGS: readonly string[] = [
  'script', 'noscript', 'template', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'portal', 'form', 'input',
  'button', 'select', 'option', 'optgroup', 'textarea', 'datalist', 'output', 'keygen', 'base', 'meta', 'link', 'title',
  'audio', 'video', 'source', 'track', 'picture', 'dialog', 'svg', 'math', 'foreignobject', 'slot', 'canvas',
  // Raw-text elements whose end tag a parser may not honour: their text would run into what follows.
  'plaintext', 'xmp', 'noembed', 'noframes',
];

/** Attributes removed wherever they appear (navigation, pings, alternative image sources, forms). */
export const FORBIDDEN_ATTRIBUTES: readonly string[] = [
  'action', 'formaction', 'ping', 'poster', 'lowsrc', 'dynsrc', 'longdesc', 'usemap', 'srcdoc', 'xmlns', 'xlink:href',
  'http-equiv', 'autofocus', 'popover', 'popovertarget', 'form', 'manifest', 'codebase', 'archive', 'data', 'is',
];

/** Elements whose `src` is an image Mailbag may show; every other `src` goes. */
const IMAGE_SOURCE_TAGS = new Set(['IMG']);
/** Elements that may link out. */
const LINK_TAGS = new Set(['A', 'AREA']);

const PURIFY_CONFIG = {
  WHOLE_DOCUMENT: true,
  RETURN_DOM: true,
  USE_PROFILES: { html: true },
  FORBID_TAGS: [...FORBIDDEN_TAGS],
  FORBID_ATTR: [...FORBIDDEN_ATTRIBUTES],
  ALLOW_DATA_ATTR: false,
  ALLOW_UNKNOWN_PROTOCOLS: false,
  SANITIZE_NAMED_PROPS: true,
} satisfies Config;

/** A remote or inline image source as it may be shown, or null when it must go. */
function imageSource(raw: string, policy: MailResourcePolicy, blocked: () => void): string | null {
  switch (classifyMailUrl(raw)) {
    case 'data-image':
      return raw.trim();
    case 'cid':
      return policy.resolveContentId(contentIdOfUrl(raw));
    case 'remote': {
      if (!policy.allowRemote) {
        blocked();
        return null;
      }
      const url = parseExternalUrl(raw.trim().startsWith('//') ? `https:${raw.trim()}` : raw.trim());
      return url === null || url.protocol === 'mailto:' ? null : url.href;
    }
    case 'other':
      return null;
  }
}

/** A srcset kept only when every candidate may load. */
function imageSourceSet(raw: string, policy: MailResourcePolicy, blocked: () => void): string | null {
  const candidates = raw.split(/,(?=\s*\S)/).map((entry) => entry.trim()).filter((entry) => entry !== '');
  const rewritten: string[] = [];
  let wasBlocked = false;
  for (const candidate of candidates) {
    const [url = '', ...descriptor] = candidate.split(/\s+/);
    const source = imageSource(url, policy, () => {
      wasBlocked = true;
    });
    if (source === null) {
      if (wasBlocked) blocked();
      return null;
    }
    rewritten.push([source, ...descriptor].join(' '));
  }
  return rewritten.length === 0 ? null : rewritten.join(', ');
}

/**
 * An inline part's data: URL that may be written into serialized HTML as it is: a plain image type and
 * base64 text only, so it holds no quote, ampersand, angle bracket or space.
 */
const PLAIN_DATA_URL = /^data:image\/[a-z0-9.+-]+;base64,[A-Za-z0-9+/]*={0,2}$/;

/** Random hex text that a message cannot guess, so it cannot write a stand-in of its own. */
function unguessable(): string {
  return Array.from(crypto.getRandomValues(new Uint32Array(4)), (word) => word.toString(16).padStart(8, '0')).join('');
}

/**
 * Inline parts as short stand-ins while DOMPurify works, swapped for their data: URLs in the serialized
 * result: thousands of long URLs set on elements and carried through the tree made opening a message
 * with many cid: images block the window. A URL that is not plain base64 image data goes in as before.
 */
function withStandIns(policy: MailResourcePolicy): { policy: MailResourcePolicy; restore: (text: string) => string } {
  const prefix = `mailbag-inline-${unguessable()}-`;
  const urls: string[] = [];
  const standIns = new Map<string, string>();
  const resolveContentId = (contentId: string): string | null => {
    const known = standIns.get(contentId);
    if (known !== undefined) return known;
    const url = policy.resolveContentId(contentId);
    if (url === null || !PLAIN_DATA_URL.test(url)) return url;
    const standIn = `${prefix}${urls.length}`;
    urls.push(url);
    standIns.set(contentId, standIn);
    return standIn;
  };
  const pattern = new RegExp(`${prefix}(\\d+)`, 'g');
  const restore = (text: string): string => (urls.length === 0 ? text : text.replace(pattern, (match, index: string) => urls[Number(index)] ?? match));
  return { policy: { allowRemote: policy.allowRemote, resolveContentId }, restore };
}

/**
 * Sanitizes one message's HTML for the frame. Runs in a window (DOMPurify needs a DOM); the policy
 * says whether remote images may load and supplies the data: URLs of inline parts.
 */
export function sanitizeMessageHtml(html: string, messagePolicy: MailResourcePolicy): SanitizedMessage {
  const { policy, restore } = withStandIns(messagePolicy);
  const purify = DOMPurify();
  let blockedRemote = 0;
  const blocked = (): void => {
    blockedRemote += 1;
  };

  purify.addHook('uponSanitizeElement', (node, data) => {
    if (data.tagName !== 'style') return;
    const clean = cleanMailCss(node.textContent ?? '', policy);
    blockedRemote += clean.blockedRemote;
    node.textContent = clean.css;
  });
  purify.addHook('uponSanitizeAttribute', (_node, data) => {
    if (data.attrName !== 'style') return;
    const clean = cleanMailCss(data.attrValue, policy);
    blockedRemote += clean.blockedRemote;
    data.attrValue = clean.css;
  });
  // The same source is often written many times (one image in every row of a table): judged once.
  const judged = new Map<string, string | null>();
  const source = (raw: string): string | null => {
    const known = judged.get(raw);
    if (known !== undefined) return known;
    const kind = classifyMailUrl(raw);
    const result = imageSource(raw, policy, blocked);
    // Only judgements without side effects are kept: a blocked remote source is counted every time.
    if (kind === 'cid' || kind === 'data-image') judged.set(raw, result);
    return result;
  };
  purify.addHook('afterSanitizeAttributes', (element) => {
    const href = element.getAttribute('href');
    if (href !== null) {
      const url = LINK_TAGS.has(element.tagName) ? parseExternalUrl(href.trim()) : null;
      if (url === null) {
        element.removeAttribute('href');
      } else {
        element.setAttribute('href', url.href);
        element.setAttribute('target', '_blank');
        element.setAttribute('rel', 'noopener noreferrer');
      }
    } else if (element.hasAttribute('target')) {
      element.removeAttribute('target');
    }
    for (const name of ['src', 'srcset', 'background'] as const) {
      const value = element.getAttribute(name);
      if (value === null) continue;
      const allowedHere = name === 'background' || IMAGE_SOURCE_TAGS.has(element.tagName);
      const rewritten = !allowedHere ? null : name === 'srcset' ? imageSourceSet(value, policy, blocked) : source(value);
      if (rewritten === null) element.removeAttribute(name);
      else element.setAttribute(name, rewritten);
    }
  });

  const root = purify.sanitize(html, PURIFY_CONFIG);
  if (!(root instanceof Element)) return { styles: '', body: '<body></body>', content: '', blockedRemote };
  const styleElements = [...root.querySelectorAll('style')];
  const styles = restore(styleElements.map((style) => `<style>${style.textContent ?? ''}</style>`).join(''));
  for (const style of styleElements) style.remove();
  const body = root.querySelector('body');
  return { styles, body: body === null ? '<body></body>' : restore(body.outerHTML), content: body === null ? '' : restore(body.innerHTML), blockedRemote };
}

/** Base look of a message: what mail writers expect (white paper, readable text), and images that fit. */
const FRAME_STYLE = [
  ':root{color-scheme:light}',
  'body{margin:12px 16px;font:14px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1b1f24;background:#fff;overflow-wrap:anywhere}',
  'img{max-width:100%;height:auto}',
  'pre{white-space:pre-wrap}',
  'table{max-width:100%}',
  'blockquote{margin:0 0 0 .4em;padding-left:.8em;border-left:3px solid #c5cbd3;color:#4a525c}',
  'a{color:#0b5cad}',
  '.mail-part+.mail-part{margin-top:12px;padding-top:12px;border-top:1px dashed #c5cbd3}',
  'pre.mail-part-text{margin-bottom:0;font:inherit;white-space:pre-wrap}',
].join('');

/**
 * The frame's Content Security Policy: nothing by default, inline styles, images only from data: URLs
 * (the message's own parts) unless remote content is allowed, then http and https images too.
 */
export function messageFramePolicy(allowRemote: boolean): string {
  return [
    "default-src 'none'",
    "style-src 'unsafe-inline'",
    `img-src data:${allowRemote ? ' http: https:' : ''}`,
    "font-src 'none'",
    "form-action 'none'",
    "base-uri 'none'",
  ].join('; ');
}

function escapeAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

/** The whole srcdoc of the message frame: its policy first, then the base look, then the message. */
export function messageFrameDocument(sanitized: SanitizedMessage, allowRemote: boolean): string {
  return (
    '<!doctype html><html><head><meta charset="utf-8">' +
    `<meta http-equiv="Content-Security-Policy" content="${escapeAttribute(messageFramePolicy(allowRemote))}">` +
    '<meta name="referrer" content="no-referrer">' +
    `<style>${FRAME_STYLE}</style>${sanitized.styles}` +
    `</head>${sanitized.body}</html>`
  );
}
