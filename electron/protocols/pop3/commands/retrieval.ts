import type { Writable } from 'node:stream';
import { Pop3Error, wordedPop3Error } from '../errors';
import { command, type Pop3Command } from '../transcript';
import type { BodyProgress } from '../transport';
import { readStatus, type ExchangeContext } from './exchange';

/** Whether `sink.end()` is called once the message is complete. */
export interface SinkOptions {
  /** Default `true`: the sink is ended and its `finish` awaited, so its final flush (fsync) is done. */
  readonly end?: boolean;
}

/** RETR n (RFC 1939 §5). */
export function retrCommand(messageNumber: number): Pop3Command {
  return command('RETR', String(messageNumber));
}

/** TOP n k (RFC 1939 §7, RFC 2449 §6.1). */
export function topCommand(messageNumber: number, lines: number): Pop3Command {
  return command('TOP', String(messageNumber), String(lines));
}

/** Waits for a sink to finish after `end()`, or fails with STORAGE. */
export function endSink(sink: Writable): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const onFinish = (): void => {
      sink.off('error', onError);
      resolve();
    };
    const onError = (error: unknown): void => {
      sink.off('finish', onFinish);
      reject(wordedPop3Error('STORAGE', { id: 'protocolError.writeFailed' }, { cause: error }));
    };
    sink.once('finish', onFinish);
    sink.once('error', onError);
    sink.end();
  });
}

/**
 * Reads the answer to RETR or TOP: on `+OK`, asks for the sink, streams the body into it, then ends it
 * (unless told not to). If the session fails mid-body, the sink is destroyed with the error, so a
 * partial file is never mistaken for a message.
 */
export async function readMessage(
  context: ExchangeContext,
  verb: string,
  openSink: () => Writable | Promise<Writable>,
  onProgress: BodyProgress | undefined,
  options: SinkOptions,
): Promise<number> {
  await readStatus(context, verb, 'transaction');
  let sink: Writable;
  try {
    sink = await openSink();
  } catch (error) {
    throw context.transport.fail(wordedPop3Error('STORAGE', { id: 'protocolError.openFileFailed' }, { cause: error }));
  }
  let bytes: number;
  try {
    bytes = await context.transport.readBody(sink, context.timeouts.dataIdle, onProgress);
  } catch (error) {
    sink.destroy();
    if (error instanceof Pop3Error) context.transport.fail(error);
    throw error;
  }
  context.transport.answerRead();
  if (options.end !== false) await endSink(sink);
  return bytes;
}

/**
 * Ends the sinks of a batch without waiting for each in turn: at most `limit` may still be finishing
 * (their final flush and fsync) while the next messages are received, so disk and network overlap.
 */
export class SinkFinisher {
  private readonly pending = new Set<Promise<void>>();

  constructor(private readonly limit: number) {}

  /** Ends `sink` and returns its finish; first waits until there is room for another unfinished sink. */
  async finish(sink: Writable): Promise<{ readonly finished: Promise<void> }> {
    const finished = endSink(sink);
    const tracked: Promise<void> = finished.then(
      () => {
        this.pending.delete(tracked);
      },
      () => {
        this.pending.delete(tracked);
      },
    );
    this.pending.add(tracked);
    while (this.pending.size >= Math.max(1, this.limit)) await Promise.race(this.pending);
    return { finished };
  }
}
