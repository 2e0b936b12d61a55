/**
 * The line-by-line record of a protocol session that the account doctor and the Server mailbox show,
 * in one shape for POP3 and SMTP. Each engine fills it its own way; neither ever lets a secret in.
 */
import { englishMessage } from '../../shared/error-words';
import type { ErrorWords } from '../../shared/errors';

/** One transcript line. */
export interface TranscriptEntry {
  /** `client` and `server` are protocol lines; `info` is the engine's own note (connect, TLS, sizes). */
  readonly direction: 'client' | 'server' | 'info';
  readonly text: string;
  /** An `info` note as a catalog message, so the account doctor can say it in the reader's language; `text` holds its English. */
  readonly words?: ErrorWords;
  /** Milliseconds since the epoch. */
  readonly time: number;
}

/** Receives transcript entries; must not throw (errors thrown by it are ignored). */
export type TranscriptSink = (entry: TranscriptEntry) => void;

/** Placeholder for anything secret. */
export const REDACTED = '<redacted>';

/** Hands an entry to the sink without letting a failing sink disturb the session. */
export function record(sink: TranscriptSink | undefined, direction: TranscriptEntry['direction'], text: string): void {
  if (sink === undefined) return;
  try {
    sink({ direction, text, time: Date.now() });
  } catch {
    // A broken logger must never break mail retrieval or sending.
  }
}

/** Records the engine's own note (connecting, TLS) as a catalog message, with its English as the text. */
export function recordNote(sink: TranscriptSink | undefined, words: ErrorWords): void {
  if (sink === undefined) return;
  try {
    sink({ direction: 'info', text: englishMessage(words), words, time: Date.now() });
  } catch {
    // A broken logger must never break mail retrieval or sending.
  }
}
