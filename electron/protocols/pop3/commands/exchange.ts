import { errorFromResponse, type Pop3ErrorPhase } from '../classify-response';
import { wordedPop3Error } from '../errors';
import type { Pop3Limits, Pop3Timeouts } from '../options';
import { parseStatusLine, type Pop3StatusLine } from '../status-line';
import type { Pop3Command } from '../transcript';
import type { Pop3Transport } from '../transport';

/** What every command exchange needs: the transport and the session's bounds. */
export interface ExchangeContext {
  readonly transport: Pop3Transport;
  readonly timeouts: Pop3Timeouts;
  readonly limits: Pop3Limits;
}

/** A positive status line with the raw line kept for errors and display. */
export interface OkResponse extends Pop3StatusLine {
  readonly line: string;
}

/**
 * Reads one status line. A line that is neither `+OK` nor `-ERR` ends the session (RFC 1939 §3
 * allows nothing else). A `-ERR` consumes the answer and throws the classified error; the session
 * stays usable.
 */
export async function readStatus(context: ExchangeContext, verb: string, phase: Pop3ErrorPhase, timeoutMs = context.timeouts.command): Promise<OkResponse> {
  const line = await context.transport.readLine(context.limits.maxLineBytes, timeoutMs);
  const status = parseStatusLine(line);
  if (status === undefined) {
    throw context.transport.fail(wordedPop3Error('PROTOCOL_ERROR', { id: 'protocolError.answerNotStatus' }, { response: line, command: verb }));
  }
  if (!status.ok) {
    context.transport.answerRead();
    throw errorFromResponse(status, line, phase, verb);
  }
  return { ...status, line };
}

/**
 * Reads the lines of a multi-line listing after its `+OK` (RFC 1939 §3): dot-unstuffed, up to the
 * terminating dot, bounded in line count and bytes.
 */
export async function readListingLines(context: ExchangeContext, verb: string, maxLines?: number): Promise<string[]> {
  const lines: string[] = [];
  const lineLimit = maxLines ?? context.limits.maxListingLines;
  let bytes = 0;
  for (;;) {
    const line =
      context.transport.takeBufferedLine(context.limits.maxLineBytes) ??
      (await context.transport.readLine(context.limits.maxLineBytes, context.timeouts.dataIdle));
    if (line === '.') break;
    bytes += line.length + 2;
    if (lines.length >= lineLimit || bytes > context.limits.maxListingBytes) {
      throw context.transport.fail(wordedPop3Error('PROTOCOL_ERROR', { id: 'protocolError.listingTooLarge', values: { command: verb } }, { command: verb }));
    }
    lines.push(line.startsWith('.') ? line.slice(1) : line);
  }
  context.transport.answerRead();
  return lines;
}

/**
 * Sends one command and reads its status line (RFC 1939 §3), lock-step; what follows the status (a
 * listing, a TLS handshake) is the caller's to read, and the caller marks the answer read.
 */
export async function sendForStatus(context: ExchangeContext, cmd: Pop3Command, phase: Pop3ErrorPhase, timeoutMs?: number): Promise<OkResponse> {
  context.transport.send([cmd]);
  return readStatus(context, cmd.verb, phase, timeoutMs);
}

/** Sends one command and reads its single-line answer (lock-step). */
export async function simpleCommand(context: ExchangeContext, cmd: Pop3Command, phase: Pop3ErrorPhase, timeoutMs?: number): Promise<OkResponse> {
  const ok = await sendForStatus(context, cmd, phase, timeoutMs);
  context.transport.answerRead();
  return ok;
}

/** Sends one command and reads its multi-line answer (the listing marks the answer read). */
export async function listingCommand(
  context: ExchangeContext,
  cmd: Pop3Command,
  phase: Pop3ErrorPhase,
  maxLines?: number,
): Promise<{ readonly status: OkResponse; readonly lines: string[] }> {
  const status = await sendForStatus(context, cmd, phase);
  return { status, lines: await readListingLines(context, cmd.verb, maxLines) };
}
