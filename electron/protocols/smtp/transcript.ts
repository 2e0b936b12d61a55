/**
 * The SMTP session transcript, built from nodemailer's transaction log (commands and replies only,
 * never message data). Secrets never reach it: an AUTH command keeps only its mechanism name, and every
 * client line answering a 334 challenge (RFC 4954 §4) is replaced by a placeholder, whatever nodemailer
 * itself already masked.
 */
import type { ExternalLogger } from 'nodemailer/lib/shared';

import { record, REDACTED, type TranscriptSink } from '../transcript';

function format(message: unknown, args: readonly unknown[]): string {
  let index = 0;
  return String(message ?? '').replace(/%[sdj]/g, () => String(args[index++] ?? ''));
}

/** Observes the session's lines (already redacted) as they pass, for facts such as HELO fallback. */
export type LineObserver = (direction: 'client' | 'server', text: string) => void;

/**
 * A bunyan-style logger for SMTPConnection (`logger` with `transactionLog: true`) that forwards a
 * redacted transcript. `debug` (which would include message data) must stay off.
 */
export function createTranscriptLogger(sink: TranscriptSink | undefined, observe?: LineObserver): ExternalLogger {
  let challenged = false;
  const write = (data: unknown, message: unknown, ...args: unknown[]): void => {
    const entry = typeof data === 'object' && data !== null ? (data as { tnx?: unknown }) : {};
    const line = typeof data === 'object' && data !== null ? format(message, args) : format(data, [message, ...args]);
    switch (entry.tnx) {
      case 'client': {
        let text = line;
        const auth = /^AUTH\s+(\S+)/i.exec(line);
        if (auth !== null) text = line.trim().length > auth[0].length ? `${auth[0]} ${REDACTED}` : auth[0];
        else if (challenged) text = REDACTED;
        challenged = false;
        observe?.('client', text);
        record(sink, 'client', text);
        return;
      }
      case 'server':
        challenged = /^334\b/.test(line);
        observe?.('server', line);
        for (const part of line.split(/\r?\n/)) record(sink, 'server', part);
        return;
      default:
        record(sink, 'info', line);
    }
  };
  return { trace: write, debug: write, info: write, warn: write, error: write, fatal: write };
}
