/**
 * Thunderbird's `prefs.js`: one `user_pref("name", value);` per line, where a value is a JavaScript
 * string (with `\"`, `\\`, `\n`, `\xNN` and `\uNNNN` escapes), an integer or true/false. Lines that
 * are not such a call (comments, anything a person added) are passed over, never evaluated.
 */

/** A preference value. */
export type PrefValue = string | number | boolean;

const USER_PREF = /user_pref\s*\(\s*"((?:[^"\\\r\n]|\\.)*)"\s*,\s*("(?:[^"\\]|\\.)*"|-?\d+|true|false)\s*\)\s*;/g;

/** A JavaScript string literal's body, unescaped. */
export function unescapeJsString(body: string): string {
  return body.replace(/\\(u[0-9A-Fa-f]{4}|x[0-9A-Fa-f]{2}|.)/gs, (_, escape: string) => {
    if (escape.length > 1) return String.fromCharCode(Number.parseInt(escape.slice(1), 16));
    switch (escape) {
      case 'n':
        return '\n';
      case 'r':
        return '\r';
      case 't':
        return '\t';
      case '0':
        return '\0';
      default:
        return escape;
    }
  });
}

/** The preferences of a prefs.js text, by name (a later line wins, as in Thunderbird). */
export function parsePrefs(text: string): Map<string, PrefValue> {
  const prefs = new Map<string, PrefValue>();
  for (const match of text.matchAll(USER_PREF)) {
    const [, name, value] = match;
    if (name === undefined || value === undefined) continue;
    const parsed: PrefValue = value.startsWith('"')
      ? unescapeJsString(value.slice(1, -1))
      : value === 'true'
        ? true
        : value === 'false'
          ? false
          : Number(value);
    prefs.set(unescapeJsString(name), parsed);
  }
  return prefs;
}
