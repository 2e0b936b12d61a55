import { safeFileName } from '../../../shared/file-name';
import type { Translate } from '../../../shared/i18n/catalogs';
import { bridge } from '../../bridge';
import { programRefusalWords } from './program-refusal-words';

/** How long a saved file's blob: URL stays valid after the download started. */
const BLOB_URL_LIFETIME_MS = 60_000;

/** Bytes that crossed the bridge as base64. */
export function bytesOf(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index);
  return bytes;
}

/**
 * Saves one attachment through the browser's own download (a Blob and an `<a download>`), which works
 * the same in the app and in a browser. Returns the plain-words error, or null when the download began.
 */
export async function saveAttachment(messageId: number, index: number, fallbackName: string): Promise<string | null> {
  const result = await bridge.getAttachment(messageId, index);
  if (!result.ok) return result.error.message;
  downloadBytes(bytesOf(result.value.base64), 'application/octet-stream', safeFileName(result.value.fileName, fallbackName));
  return null;
}

/**
 * Hands bytes to the browser's own download (a Blob and an `<a download>`), which works the same in
 * the app and in a browser tab. `fileName` must already be safe (see shared/file-name).
 */
export function downloadBytes(bytes: Uint8Array<ArrayBuffer>, type: string, fileName: string): void {
  const url = URL.createObjectURL(new Blob([bytes], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), BLOB_URL_LIFETIME_MS);
}

/**
 * Opens one attachment with the system's program for its type. Main refuses programs and scripts (said
 * here in the window's language); where main cannot open files (a browser tab) the attachment is saved
 * instead. Returns the plain-words error, or null when it opened or the download began.
 */
export async function openAttachment(t: Translate, messageId: number, index: number, fallbackName: string): Promise<string | null> {
  const result = await bridge.openAttachment(messageId, index);
  if (!result.ok) return result.error.message;
  if (result.value.opened) return null;
  const { refused } = result.value;
  return refused === null ? saveAttachment(messageId, index, fallbackName) : programRefusalWords(t, refused.fileName, refused.kind);
}

/**
 * Opens a link from a message outside Mailbag: main checks it and opens it in the system browser; in a
 * browser tab main cannot, so the page opens the checked URL itself, without access back to Mailbag.
 * Returns the plain-words error, or null.
 */
export async function openLink(url: string): Promise<string | null> {
  const result = await bridge.openExternalLink(url);
  if (!result.ok) return result.error.message;
  if (!result.value.opened) window.open(result.value.url, '_blank', 'noopener,noreferrer');
  return null;
}
