/**
 * The batch operations of a session: RETR/TOP, DELE, UIDL n and LIST n for many messages, run
 * through the pipeline (RFC 2449 §6.6) with the session's window, which is plain lock-step when the
 * server does not announce PIPELINING.
 */
import type { Writable } from 'node:stream';
import { checkedCount, checkedNumber } from './commands/arguments';
import { readStatus, type ExchangeContext } from './commands/exchange';
import { parseListLine, parseUidlLine, type Pop3ListEntry, type Pop3UidlEntry } from './commands/maildrop';
import { readMessage, retrCommand, SinkFinisher, topCommand } from './commands/retrieval';
import { Pop3Error, wordedPop3Error } from './errors';
import { runPipelined, type PipelinedOutcome, type PipelineWindow } from './pipeline';
import { command } from './transcript';

/** Progress of a message being retrieved. */
export interface Pop3RetrieveProgress {
  /** Position of the message in the request. */
  readonly index: number;
  readonly number: number;
  /** Bytes of this message handed to its sink so far (after dot-unstuffing). */
  readonly bytes: number;
}

/** One message to fetch: its number, and for TOP the body lines wanted. */
export interface Pop3RetrieveItem {
  readonly number: number;
  /** When set, TOP n lines instead of RETR (RFC 2449 §6.1). */
  readonly topLines?: number;
}

/** What happened to one item of a batch: its value, or the error that refused it. */
export type Pop3BatchOutcome<TItem, TValue> =
  { readonly item: TItem; readonly ok: true; readonly value: TValue } | { readonly item: TItem; readonly ok: false; readonly error: Pop3Error };

/** Pairs each outcome with the item it belongs to. */
function withItems<TItem, TValue>(items: readonly TItem[], outcomes: ReadonlyArray<PipelinedOutcome<TValue>>): Array<Pop3BatchOutcome<TItem, TValue>> {
  return outcomes.map((outcome, index) => {
    const item = items[index] as TItem;
    return outcome.ok ? { item, ok: true, value: outcome.value } : { item, ok: false, error: outcome.error };
  });
}

function malformed(context: ExchangeContext, verb: string, line: string): never {
  throw context.transport.fail(
    wordedPop3Error('PROTOCOL_ERROR', { id: 'protocolError.answerNotUnderstood', values: { command: verb } }, { command: verb, response: line }),
  );
}

/** See `Pop3Session.retrieveMany`. */
export async function retrieveBatch<T extends Pop3RetrieveItem>(
  context: ExchangeContext,
  window: PipelineWindow,
  items: readonly T[],
  openSink: (item: T) => Writable | Promise<Writable>,
  onProgress: ((progress: Pop3RetrieveProgress) => void) | undefined,
): Promise<Array<Pop3BatchOutcome<T, number>>> {
  const finisher = new SinkFinisher(context.limits.maxUnfinishedSinks);
  const steps = items.map((item, index) => {
    const verb = item.topLines === undefined ? 'RETR' : 'TOP';
    return {
      cmd: item.topLines === undefined ? retrCommand(checkedNumber(item.number)) : topCommand(checkedNumber(item.number), checkedCount(item.topLines)),
      read: async () => {
        let sink: Writable | undefined;
        const open = async (): Promise<Writable> => (sink = await openSink(item));
        const progress = onProgress === undefined ? undefined : (bytes: number) => onProgress({ index, number: item.number, bytes });
        const bytes = await readMessage(context, verb, open, progress, { end: false });
        if (sink === undefined) throw wordedPop3Error('STORAGE', { id: 'protocolError.noSink' });
        return { bytes, ...(await finisher.finish(sink)) };
      },
    };
  });
  const received = await runPipelined(context, steps, window);
  const outcomes = await Promise.all(
    received.map(async (outcome): Promise<PipelinedOutcome<number>> => {
      if (!outcome.ok) return outcome;
      try {
        await outcome.value.finished;
        return { ok: true, value: outcome.value.bytes };
      } catch (error) {
        if (error instanceof Pop3Error) return { ok: false, error };
        throw error;
      }
    }),
  );
  return withItems(items, outcomes);
}

/** DELE for each number (RFC 1939 §5). */
export async function deleteBatch(
  context: ExchangeContext,
  window: PipelineWindow,
  messageNumbers: readonly number[],
): Promise<Array<Pop3BatchOutcome<number, true>>> {
  const steps = messageNumbers.map((messageNumber) => ({
    cmd: command('DELE', String(checkedNumber(messageNumber))),
    read: async (): Promise<true> => {
      await readStatus(context, 'DELE', 'transaction');
      context.transport.answerRead();
      return true;
    },
  }));
  return withItems(messageNumbers, await runPipelined(context, steps, window));
}

/** UIDL n for each number (RFC 1939 §7). */
export async function uidlBatch(
  context: ExchangeContext,
  window: PipelineWindow,
  messageNumbers: readonly number[],
): Promise<Array<Pop3BatchOutcome<number, Pop3UidlEntry>>> {
  const steps = messageNumbers.map((messageNumber) => ({
    cmd: command('UIDL', String(checkedNumber(messageNumber))),
    read: async (): Promise<Pop3UidlEntry> => {
      const ok = await readStatus(context, 'UIDL', 'transaction');
      context.transport.answerRead();
      return parseUidlLine(ok.text) ?? malformed(context, 'UIDL', ok.line);
    },
  }));
  return withItems(messageNumbers, await runPipelined(context, steps, window));
}

/** LIST n for each number (RFC 1939 §5). */
export async function listBatch(
  context: ExchangeContext,
  window: PipelineWindow,
  messageNumbers: readonly number[],
): Promise<Array<Pop3BatchOutcome<number, Pop3ListEntry>>> {
  const steps = messageNumbers.map((messageNumber) => ({
    cmd: command('LIST', String(checkedNumber(messageNumber))),
    read: async (): Promise<Pop3ListEntry> => {
      const ok = await readStatus(context, 'LIST', 'transaction');
      context.transport.answerRead();
      return parseListLine(ok.text) ?? malformed(context, 'LIST', ok.line);
    },
  }));
  return withItems(messageNumbers, await runPipelined(context, steps, window));
}
