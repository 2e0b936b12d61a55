/**
 * Text from servers and from mail, made safe to print on a terminal. A terminal obeys control
 * characters: ESC starts CSI and OSC sequences that move the cursor, rewrite earlier lines, set the
 * window title or plant links, BEL rings, and C1 controls (U+0080–U+009F) are CSI and OSC on some
 * terminals too. So every C0 and C1 control character, and DEL, is shown visibly as `\xNN` instead;
 * only the line breaks and tabs the caller keeps stay as they are.
 */

/** C0 controls, DEL and C1 controls: everything a terminal may act on. */
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/g;

/** Which layout characters survive: none (one-line fields) or line breaks and tabs (message bodies). */
export type KeptLayout = 'none' | 'lines';

/** `\x1b` for ESC: visible, unambiguous, and copyable back into a bug report. */
function visible(character: string): string {
  return `\\x${character.charCodeAt(0).toString(16).padStart(2, '0')}`;
}

/**
 * The text with control characters shown visibly. With `keep: 'lines'`, LF and TAB stay (a CR is
 * kept only before LF), so a message body keeps its shape but can no longer drive the terminal.
 */
export function visibleControls(text: string, keep: KeptLayout = 'none'): string {
  return text.replace(CONTROL_CHARACTERS, (character, offset: number) => {
    if (keep === 'lines') {
      if (character === '\n' || character === '\t') return character;
      if (character === '\r' && text[offset + 1] === '\n') return character;
    }
    return visible(character);
  });
}

/** Characters JSON.stringify leaves raw although a terminal or a script's `eval` may act on them. */
const JSON_UNSAFE = /[\u007f-\u009f\u2028\u2029]/g;

/**
 * Leaves out an error's `words` and `detailWords` (the catalog messages its text and detail were worded
 * from, for the window and the command line's own text): scripts read an error's code, message and
 * detail, the same in every version's catalogs. Likewise any other `…Words` field holding a catalog
 * message beside its English text (a discovery source's `reasonWords` beside `reason`).
 */
function withoutErrorWords(this: unknown, key: string, value: unknown): unknown {
  if (key.endsWith('Words') && key !== 'detailWords' && isCatalogWords(value)) return undefined;
  if ((key !== 'words' && key !== 'detailWords') || typeof this !== 'object' || this === null) return value;
  return 'code' in this && 'message' in this ? undefined : value;
}

/** Whether a value is a catalog message carried as data (`{id, values?}`), such as a discovery source's `reasonWords`. */
function isCatalogWords(value: unknown): boolean {
  return typeof value === 'object' && value !== null && typeof (value as { id?: unknown }).id === 'string';
}

/**
 * JSON for a terminal or a pipe: like `JSON.stringify`, and DEL, the C1 controls and the line and
 * paragraph separators are written as `\uXXXX` escapes too (C0 controls already are), so the document
 * is pure, printable text that parses to exactly the same strings.
 */
export function terminalJson(value: unknown): string {
  return JSON.stringify(value, withoutErrorWords).replace(JSON_UNSAFE, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * Most characters of a server's words shown in a message or a window: enough for any honest reply,
 * short enough that a hostile one cannot fill the screen or hide the real message below it.
 */
export const MAX_SERVER_TEXT_CHARS = 300;

/** Web addresses and bare `www.` host names, as a phishing line would write them. */
const LINK = /\b(?:[a-z][a-z0-9+.-]*:\/\/|www\.)\S*/gi;
/** What stands in for a link taken out of a server's words. */
export const LINK_REMOVED = '[link removed]';

/**
 * A server's words with every link taken out. For what a server said before sign-in (and, with
 * STARTTLS, before encryption): anyone on the network path may have written it, so it must not send
 * the user anywhere ("re-enter your password at http://…").
 */
export function withoutLinks(text: string): string {
  return text.replace(LINK, LINK_REMOVED);
}

/** Most characters of one transcript line shown in a window (the rest is cut with an ellipsis). */
export const MAX_TRANSCRIPT_LINE_CHARS = 1000;

/**
 * A server's words as plain, bounded text for people: control characters visible (see
 * `visibleControls`), cut to `maxChars` with an ellipsis. Used wherever a reply is quoted in an error.
 */
export function serverTextForDisplay(text: string, maxChars: number = MAX_SERVER_TEXT_CHARS): string {
  const visible = visibleControls(text);
  return visible.length > maxChars ? `${visible.slice(0, maxChars)}…` : visible;
}
