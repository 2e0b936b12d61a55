/**
 * The one place that turns a file name from a message into a name that is safe to create on Windows,
 * macOS and Linux: used when saving, opening and exporting. A name from mail may try to climb out of a
 * folder (`../`), name a Windows device (`CON`, `nul.txt`, `COM1.txt`, `CONIN$`), hide itself (a
 * leading dot), replace a folder's settings (`desktop.ini`), disguise its type with bidi controls
 * (`invoice‮fdp.exe` reads "invoiceexe.pdf") or exceed what file systems allow.
 */

/** Most UTF-8 bytes of a file name (ext4, APFS and NTFS all allow 255). */
export const MAX_FILE_NAME_BYTES = 255;
/** Longest extension kept whole when a name is shortened, in bytes with its dot. */
const MAX_EXTENSION_BYTES = 32;

/** Control, format (bidi, zero-width) and line/paragraph separator characters: never in a file name. */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu;
/** Characters Windows forbids in names, and the path separators of every system. */
const FORBIDDEN = /[/\\:*?"<>|]/g;
/** Names Windows reserves for devices, whatever extension follows (and with trailing spaces). */
const RESERVED_WINDOWS_NAME = /^(?:con|prn|aux|nul|com[0-9\u00B9\u00B2\u00B3]|lpt[0-9\u00B9\u00B2\u00B3]|conin\$|conout\$|clock\$)\s*(?:\.|$)/i;
/** Files a Windows or macOS folder reads as its own settings. */
const FOLDER_SETTINGS_FILES = new Set(['desktop.ini', 'thumbs.db', 'autorun.inf', '.ds_store']);
export { hasBidiControls } from './bidi';

/** UTF-8 length of a string. */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (const character of text) {
    const code = character.codePointAt(0) ?? 0;
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }
  return bytes;
}

/** Cuts text, whole code points only, until it fits in `maxBytes` of UTF-8. */
function fitBytes(text: string, maxBytes: number): string {
  let result = '';
  let bytes = 0;
  for (const character of text) {
    const size = utf8Length(character);
    if (bytes + size > maxBytes) break;
    result += character;
    bytes += size;
  }
  return result;
}

/** The extension of a name with its dot (`.pdf`), or '' when there is none worth keeping. */
export function fileExtension(name: string): string {
  const dot = name.lastIndexOf('.');
  if (dot <= 0 || dot === name.length - 1) return '';
  const extension = name.slice(dot);
  return /\s/.test(extension) || utf8Length(extension) > MAX_EXTENSION_BYTES ? '' : extension;
}

/**
 * A safe file name for `name`, or `fallback` when nothing of it is usable: no folders or `..`, no
 * control or bidi characters, nothing Windows forbids or reserves, no leading dot and no name of dots
 * only, at most `maxBytes` of UTF-8 with the real extension kept visible when it is shortened.
 */
export function safeFileName(name: string | null, fallback: string, maxBytes: number = MAX_FILE_NAME_BYTES): string {
  let cleaned = (name ?? '')
    .normalize('NFC')
    .replace(INVISIBLE, '')
    .replace(FORBIDDEN, '_')
    .replace(/\.{2,}/g, '.')
    .replace(/^[.\s]+|[.\s]+$/g, '');
  if (RESERVED_WINDOWS_NAME.test(cleaned) || FOLDER_SETTINGS_FILES.has(cleaned.toLowerCase())) cleaned = `_${cleaned}`;
  if (utf8Length(cleaned) > maxBytes) {
    const extension = fileExtension(cleaned);
    const stem = fitBytes(cleaned.slice(0, cleaned.length - extension.length), maxBytes - utf8Length(extension)).replace(/[.\s]+$/, '');
    cleaned = stem === '' ? fitBytes(cleaned, maxBytes) : stem + extension;
  }
  return cleaned === '' ? fallback : cleaned;
}
