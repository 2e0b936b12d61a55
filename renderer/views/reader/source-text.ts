/**
 * A message's raw bytes as View source shows them and the name Save as .eml gives them: pure functions,
 * apart from the bridge so they are tested on their own.
 */

/** Longest file name offered before ".eml" (file systems allow 255 bytes; names stay well below). */
const MAX_FILE_NAME_CHARACTERS = 120;

/** Most characters View source shows; the rest is left to Save as .eml (a browser's text box slows down beyond this). */
export const MAX_SOURCE_CHARACTERS = 2_000_000;

/**
 * The bytes as text to look at: UTF-8 when they are valid UTF-8 (most mail today), otherwise one
 * character per byte (Windows-1252, which every browser decodes), so 8-bit headers and bodies in older
 * charsets still show byte for byte instead of as replacement marks.
 */
export function sourceText(bytes: Uint8Array): { readonly text: string; readonly cut: boolean } {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    text = new TextDecoder('windows-1252').decode(bytes);
  }
  const cut = text.length > MAX_SOURCE_CHARACTERS;
  return { text: cut ? text.slice(0, MAX_SOURCE_CHARACTERS) : text, cut };
}

/**
 * The file name offered for Save as .eml: the subject without folder separators, characters Windows
 * refuses, control and bidi-formatting characters (which could disguise the extension), or leading
 * dots; "message-ID" when nothing is left.
 */
export function emlFileName(subject: string | null, messageId: number): string {
  const base = (subject ?? '')
    .replace(/[\p{Cc}\p{Cf}/\\:*?"<>|]/gu, '_')
    .replace(/\s+/g, ' ')
    .replace(/^[.\s_]+|[.\s]+$/g, '')
    .slice(0, MAX_FILE_NAME_CHARACTERS)
    .trim();
  return `${base === '' ? `message-${messageId}` : base}.eml`;
}

