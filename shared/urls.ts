/** URL schemes that may leave Mailbag for the system browser or mail handler. */
export const EXTERNAL_URL_SCHEMES: readonly string[] = ['http:', 'https:', 'mailto:'];

/** Longest URL Mailbag will hand to the system (anything longer is refused, not truncated). */
export const MAX_EXTERNAL_URL_LENGTH = 8192;

/**
 * Parses a link from the UI or from a message and returns it only when it may be opened outside Mailbag:
 * http, https or mailto after WHATWG URL parsing, without credentials in it. Everything else (file:,
 * javascript:, custom protocol handlers, malformed text) returns null.
 */
export function parseExternalUrl(text: string): URL | null {
  if (text.length > MAX_EXTERNAL_URL_LENGTH) return null;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  if (!EXTERNAL_URL_SCHEMES.includes(url.protocol)) return null;
  if (url.username !== '' || url.password !== '') return null;
  if (url.protocol !== 'mailto:' && url.hostname === '') return null;
  return url;
}
