/**
 * The line-by-line record of a protocol session that the account doctor and the Server mailbox show,
 * in one shape for POP3 and SMTP. Each engine fills it its own way; neither ever lets a secret in.
 */

/** One transcript line. */
export interface TranscriptEntry {
  /** `client` and `server` are protocol lines; `info` is the engine's own note (connect, TLS, sizes). */
  readonly direction: 'client' | 'server' | 'info';
  readonly text: string;
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
