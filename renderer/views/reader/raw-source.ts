/**
 * A message's raw bytes for View source and Save as .eml: fetched once from main, decoded for showing
 * as plain text (never as markup), and named for saving.
 */
import { bridge } from '../../bridge';
import { bytesOf, downloadBytes } from './reader-actions';
import { emlFileName } from './source-text';

/** The stored bytes of a message exactly as received, or the plain-words error. */
export async function loadRawMessage(messageId: number): Promise<{ readonly bytes: Uint8Array<ArrayBuffer> } | { readonly error: string }> {
  const result = await bridge.getRawMessage(messageId);
  return result.ok ? { bytes: bytesOf(result.value.base64) } : { error: result.error.message };
}

/**
 * Saves the message byte for byte as an .eml file through the browser's own download (the same in the
 * app and in a browser tab). Returns the plain-words error, or null when the download began.
 */
export async function saveAsEml(messageId: number, subject: string | null): Promise<string | null> {
  const raw = await loadRawMessage(messageId);
  if ('error' in raw) return raw.error;
  downloadBytes(raw.bytes, 'message/rfc822', emlFileName(subject, messageId));
  return null;
}

/**
 * Opens a message in a window of its own: main opens a hardened window in the app; in a browser tab
 * main cannot, so the page opens this same page for the message alone in a new tab.
 */
export async function openMessageWindow(messageId: number): Promise<string | null> {
  const result = await bridge.openMessageWindow(messageId);
  if (!result.ok) return result.error.message;
  if (!result.value.opened) {
    const url = new URL(window.location.href);
    url.searchParams.set('message', String(messageId));
    url.hash = '';
    window.open(url.href, '_blank', 'noopener');
  }
  return null;
}
