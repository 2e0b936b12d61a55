/**
 * Records the protocol transcript of one POP3 session for the Server mailbox's transcript view, with
 * bounded memory: the first lines (greeting, capabilities, sign-in) and the most recent ones are
 * kept, and a very long session (thousands of RETRs) drops lines from the middle and counts them.
 * Passwords never reach it: the engine redacts sensitive arguments before any sink sees them.
 */
import type { TranscriptLine, TranscriptKind } from '../../../shared/server-mailbox';
import type { StoredTranscript } from '../../storage/server-mailbox-records';

/** Lines kept from the start of a session. */
export const TRANSCRIPT_HEAD_LINES = 400;
/** Lines kept from the end of a session. */
export const TRANSCRIPT_TAIL_LINES = 1_600;
/** Longest line kept (a server may send long lines; the transcript is for reading). */
export const TRANSCRIPT_MAX_LINE_CHARS = 1_000;

/** Collects a session's transcript lines; `sink` goes into the POP3 connect options. */
export class TranscriptRecorder {
  private readonly head: TranscriptLine[] = [];
  private readonly tail: TranscriptLine[] = [];
  private tailStart = 0;
  private omitted = 0;
  readonly startedAt: number;

  constructor(
    private readonly kind: TranscriptKind,
    private readonly clock: () => number = Date.now,
  ) {
    this.startedAt = clock();
  }

  /** The transcript sink for `connectPop3`. */
  readonly sink = (entry: TranscriptLine): void => {
    const line: TranscriptLine = {
      direction: entry.direction,
      text: entry.text.length > TRANSCRIPT_MAX_LINE_CHARS ? `${entry.text.slice(0, TRANSCRIPT_MAX_LINE_CHARS)}…` : entry.text,
      time: entry.time,
    };
    if (this.head.length < TRANSCRIPT_HEAD_LINES) {
      this.head.push(line);
      return;
    }
    if (this.tail.length < TRANSCRIPT_TAIL_LINES) {
      this.tail.push(line);
      return;
    }
    this.tail[this.tailStart] = line;
    this.tailStart = (this.tailStart + 1) % TRANSCRIPT_TAIL_LINES;
    this.omitted += 1;
  };

  /** Adds a note of Mailbag's own (for example why the session ended). */
  note(text: string): void {
    this.sink({ direction: 'info', text, time: this.clock() });
  }

  /** The transcript as it is now, ready to store. */
  finish(): StoredTranscript {
    const tail = [...this.tail.slice(this.tailStart), ...this.tail.slice(0, this.tailStart)];
    return { kind: this.kind, startedAt: this.startedAt, endedAt: this.clock(), omitted: this.omitted, lines: [...this.head, ...tail] };
  }
}
