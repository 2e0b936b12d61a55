/**
 * Cleans the CSS of a message (style elements and style attributes) before it is shown: no imported
 * stylesheets, no web fonts, no legacy expressions, and no url() that could reach the network unless the
 * user allowed remote content for the message. The frame's own Content Security Policy enforces the
 * same; cleaning here keeps blocked requests from even being attempted and counts them for the banner.
 */
import { classifyMailUrl, contentIdOfUrl } from './mail-urls';

/** What a message's CSS may load. */
export interface MailResourcePolicy {
  /** Whether remote http/https images may load (the user allowed remote content). */
  readonly allowRemote: boolean;
  /** The data: URL standing for an inline part, or null when the message has no such part. */
  readonly resolveContentId: (contentId: string) => string | null;
}

/** Cleaned CSS and how many remote references were held back. */
export interface CleanCss {
  readonly css: string;
  readonly blockedRemote: number;
}

const COMMENT = /\/\*[\s\S]*?(?:\*\/|$)/g;
const AT_IMPORT = /@import\b[^;]*(?:;|$)/gi;
const FONT_FACE = /@font-face\s*\{[^}]*\}?/gi;
const URL_FUNCTION = /url\(\s*(?:"([^"]*)"|'([^']*)'|([^)"'\s]*))\s*\)/gi;
/** Functions that can fetch without url(), or ran code in old engines: made invalid, never kept. */
const OTHER_FETCHES = /(?:-webkit-)?image-set\s*\(|\bimage\s*\(|\bexpression\s*\(|-moz-binding|behavior\s*:|url\s*\(/gi;
/** Stands in for a URL while the rest of the text is checked (a private-use character, removed from the input first). */
const MARK = '\ue000';
const PLACEHOLDER = /\ue000(\d+)\ue000/g;

/**
 * Cleans one style sheet or style attribute. Backslash escapes and `<` are removed first (an escaped
 * `\75rl(` is a url() to a browser; `</style>` could end the element), then every url() is rewritten:
 * data: images stay, cid: parts become their data: URL, remote URLs stay only when allowed, anything
 * else becomes `none`.
 */
export function cleanMailCss(input: string, policy: MailResourcePolicy): CleanCss {
  let blockedRemote = 0;
  const kept: string[] = [];
  const text = input
    .replace(/\ue000/g, '')
    .replace(COMMENT, ' ')
    .replace(/\\/g, '')
    .replace(/</g, '')
    .replace(AT_IMPORT, (rule) => {
      if (/(?:https?:)?\/\//i.test(rule)) blockedRemote += 1;
      return '';
    })
    .replace(FONT_FACE, '')
    .replace(URL_FUNCTION, (_match, doubled: string | undefined, single: string | undefined, bare: string | undefined) => {
      const target = (doubled ?? single ?? bare ?? '').trim();
      let replacement = 'none';
      switch (classifyMailUrl(target)) {
        case 'data-image':
          replacement = `url("${target.replace(/["\s]/g, '')}")`;
          break;
        case 'cid': {
          const data = policy.resolveContentId(contentIdOfUrl(target));
          if (data !== null) replacement = `url("${data}")`;
          break;
        }
        case 'remote':
          if (policy.allowRemote) replacement = `url("${encodeURI(decodeSafely(target))}")`;
          else blockedRemote += 1;
          break;
        case 'other':
          break;
      }
      kept.push(replacement);
      return `${MARK}${kept.length - 1}${MARK}`;
    })
    .replace(OTHER_FETCHES, 'invalid(')
    .replace(PLACEHOLDER, (_match, index: string) => kept[Number(index)] ?? 'none');
  return { css: text, blockedRemote };
}

function decodeSafely(text: string): string {
  try {
    return decodeURI(text);
  } catch {
    return text;
  }
}
