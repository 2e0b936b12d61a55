/**
 * A message's raw bytes as View source shows them and the name Save as .eml gives them: pure functions,
 * apart from the bridge so they are tested on their own.
 */
import { MAX_FILE_NAME_BYTES, safeFileName } from '../../../shared/file-name';

/** The extension Save as .eml gives a message. */
const EML_EXTENSION = '.eml';

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
 * The file name offered for Save as .eml: the subject made safe by the one file-name rule that saving
 * and opening attachments use (no folders, nothing Windows refuses or reserves, no control or bidi
 * characters that could disguise the extension, no leading dots, at most 255 bytes), then ".eml";
 * "message-ID.eml" when nothing of the subject is usable.
 */
export function emlFileName(subject: string | null, messageId: number): string {
  const fallback = `message-${messageId}`;
  const stem = safeFileName(subject, fallback, MAX_FILE_NAME_BYTES - EML_EXTENSION.length);
  return safeFileName(`${stem}${EML_EXTENSION}`, `${fallback}${EML_EXTENSION}`);
}
