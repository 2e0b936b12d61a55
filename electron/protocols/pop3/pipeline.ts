import type { ExchangeContext } from './commands/exchange';
import { Pop3Error } from './errors';
import { commandLine, type Pop3Command } from './transcript';

/** One command of a batch and the reader of its answer (which must consume the answer completely). */
export interface PipelinedStep<T> {
  readonly cmd: Pop3Command;
  read(): Promise<T>;
}

/** The outcome of one step: its value, or the `-ERR` it got (the session carries on after those). */
export type PipelinedOutcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: Pop3Error };

/** How many commands may be in flight. `maxCommands: 1` is plain lock-step. */
export interface PipelineWindow {
  readonly maxBytes: number;
  readonly maxCommands: number;
}

/**
 * Runs commands with a sliding window (RFC 2449 §6.6): before an answer is read, once no more than half
 * the window is in flight, further commands are sent as long as the unanswered command bytes stay
 * within `maxBytes` and their number within `maxCommands` (at least one is always in flight). Because the unanswered bytes are far below any
 * socket buffer, the server can always accept them while we are busy reading, so neither side
 * blocks the other. Answers are read strictly in order. A `-ERR` becomes that step's outcome; any
 * failure of the session itself rejects the whole batch.
 */
export async function runPipelined<T>(
  context: ExchangeContext,
  steps: ReadonlyArray<PipelinedStep<T>>,
  window: PipelineWindow,
): Promise<Array<PipelinedOutcome<T>>> {
  const sizes = steps.map((step) => Buffer.byteLength(commandLine(step.cmd)) + 2);
  const outcomes: Array<PipelinedOutcome<T>> = [];
  let sent = 0;
  let outstandingBytes = 0;
  for (let index = 0; index < steps.length; index += 1) {
    const batch: Pop3Command[] = [];
    // The window is refilled once it is half empty rather than one command per answer: one write of
    // many commands instead of a system call (and a tiny packet) per message, still deeply pipelined.
    const inFlightNow = sent - index;
    const refill = inFlightNow === 0 || (inFlightNow <= window.maxCommands / 2 && outstandingBytes <= window.maxBytes / 2);
    while (refill && sent < steps.length) {
      const inFlight = sent - index;
      const size = sizes[sent] ?? 0;
      if (inFlight > 0 && (outstandingBytes + size > window.maxBytes || inFlight >= window.maxCommands)) break;
      const step = steps[sent];
      if (step === undefined) break;
      batch.push(step.cmd);
      outstandingBytes += size;
      sent += 1;
    }
    if (batch.length > 0) context.transport.send(batch);
    const step = steps[index];
    if (step === undefined) break;
    try {
      outcomes.push({ ok: true, value: await step.read() });
    } catch (error) {
      if (!(error instanceof Pop3Error) || context.transport.failed !== undefined) throw error;
      outcomes.push({ ok: false, error });
    }
    outstandingBytes -= sizes[index] ?? 0;
  }
  return outcomes;
}
