/**
 * Turns a message's HTML into the document of its sandboxed frame. DOMPurify removes everything that
 * could run or reach out (scripts, event handlers, forms, frames, objects, SVG and MathML, meta refresh,
 * base, link), hooks then rewrite what may load: links become http/https/mailto opened in a new window,
 * cid: images become data: URLs from the store, remote images stay only when the user allowed them.
 * The frame document carries a Content Security Policy of its own that enforces the same.
 */
import DOMPurify, { type Config, type DOMPurify as Purifier } from 'dompurify';
import { parseExternalUrl } from '../../shared/urls';
import { cleanMailCss, type MailResourcePolicy } from './mail-css';
import { classifyMailUrl, contentIdOfUrl } from './mail-urls';
import { runToEnd, sanitizeDocumentSteps, type SanitizeSteps } from './sanitize-slices';

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
  'script',
  'noscript',
  'template',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'applet',
  'portal',
  'form',
  'input',
  'button',
  'select',
  'option',
  'optgroup',
  'textarea',
  'datalist',
  'output',
  'keygen',
  'base',
  'meta',
  'link',
  'title',
  'audio',
  'video',
  'source',
  'track',
  'picture',
  'dialog',
  'svg',
  'math',
  'foreignobject',
  'slot',
  'canvas',
  // Raw-text elements whose end tag a parser may not honour: their text would run into what follows.
  'plaintext',
  'xmp',
  'noembed',
  'noframes',
];

/** Attributes removed wherever they appear (navigation, pings, alternative image sources, forms). */
export const FORBIDDEN_ATTRIBUTES: readonly string[] = [
  'action',
  'formaction',
  'ping',
  'poster',
  'lowsrc',
  'dynsrc',
  'longdesc',
  'usemap',
  'srcdoc',
  'xmlns',
  'xlink:href',
  'http-equiv',
  'autofocus',
  'popover',
  'popovertarget',
  'form',
  'manifest',
  'codebase',
  'archive',
  'data',
  'is',
];

/** Elements whose `src` is an image Mailbag may show; every other `src` goes. */
const IMAGE_SOURCE_TAGS = new Set(['IMG']);
/** Elements that may link out. */
const LINK_TAGS = new Set(['A', 'AREA']);

const PURIFY_CONFIG = {
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
  const candidates = raw
    .split(/,(?=\s*\S)/)
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
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

/** A DOMPurify instance with the reader's hooks for one message part, and what it held back. */
function mailPurifier(policy: MailResourcePolicy): { purify: Purifier; blockedRemote: () => number } {
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
      const rewritten = !allowedHere ? null : name === 'srcset' ? imageSourceSet(value, policy, blocked) : imageSource(value, policy, blocked);
      if (rewritten === null) element.removeAttribute(name);
      else element.setAttribute(name, rewritten);
    }
  });
  return { purify, blockedRemote: () => blockedRemote };
}

/**
 * Sanitizes one message's HTML for the frame as steps of bounded work (see sanitize-slices): a part of
 * thousands of elements is sanitized a slice at a time, each slice before it joins the result, and only
 * the finished, sanitized tree is serialized. Runs in a window (DOMPurify needs a DOM); the policy says
 * whether remote images may load and supplies the data: URLs of inline parts.
 */
export function* sanitizeMessageHtmlSteps(html: string, policy: MailResourcePolicy): SanitizeSteps<SanitizedMessage> {
  const { purify, blockedRemote } = mailPurifier(policy);
  const tree = yield* sanitizeDocumentSteps(purify, PURIFY_CONFIG, html);
  const styleElements = [...tree.head.querySelectorAll('style'), ...tree.body.querySelectorAll('style')];
  const styles = styleElements.map((style) => `<style>${style.textContent ?? ''}</style>`).join('');
  for (const style of styleElements) style.remove();
  yield;
  return { styles, body: tree.body.outerHTML, content: tree.body.innerHTML, blockedRemote: blockedRemote() };
}

/** Sanitizes one message's HTML for the frame at once (compose's quotes, small HTML). */
export function sanitizeMessageHtml(html: string, policy: MailResourcePolicy): SanitizedMessage {
  return runToEnd(sanitizeMessageHtmlSteps(html, policy));
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
