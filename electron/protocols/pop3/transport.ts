import type { Duplex, Writable } from 'node:stream';
import { connectionProblemOf, connectionProblemWords, systemCodeOf } from '../../../shared/connection-words';
import { BodyDecoder } from './body-decoder';
import { Pop3Error, wordedPop3Error } from './errors';
import type { ErrorWords } from '../../../shared/errors';
import { englishMessage } from '../../../shared/error-words';
import { FirstLineGuard } from './first-line-guard';
import { LineBuffer, LineTooLongError } from './line-buffer';
import { record, REDACTED, type TranscriptSink } from '../transcript';
import { commandLine, redactedCommandLine, type Pop3Command } from './transcript';

/** What the transport needs to know; timeouts are passed per read. */
export interface Pop3TransportOptions {
  readonly transcript?: TranscriptSink | undefined;
  readonly highWaterBytes: number;
  /** The progress watchdog: at least `minBytes` per `windowMs` while an answer is awaited; `windowMs` 0 disables it. */
  readonly progress?: { readonly windowMs: number; readonly minBytes: number };
}

/** Called with the running byte count while a body streams into its sink. */
export type BodyProgress = (bytes: number) => void;

const FORBIDDEN_IN_COMMAND = /[\r\n\0]/;

/** A SASL challenge keeps its `+` but not its payload in the transcript; status lines stay whole. */
function redactServerLine(line: string): string {
  return line.startsWith('+ ') ? `+ ${REDACTED}` : line;
}

/** The too-slow sentence: the minimum in whole KB where it is one (`1 KB`), else in bytes, over the window in seconds. */
function tooSlowWords(minBytes: number, windowMs: number): ErrorWords {
  const seconds = String(windowMs >= 1000 ? Math.round(windowMs / 1000) : windowMs / 1000);
  return minBytes >= 1024 && minBytes % 1024 === 0
    ? { id: 'protocolError.tooSlowKilobytes', values: { kilobytes: String(minBytes / 1024), seconds } }
    : { id: 'protocolError.tooSlowBytes', values: { bytes: String(minBytes), seconds } };
}

/**
 * The byte level of a POP3 session: writes commands, reads status lines, listings and bodies with
 * per-phase timeouts, bounds what it buffers, and fails the whole session on anything unexpected.
 *
 * It counts the answers it is owed. Bytes arriving while no answer is owed are unsolicited, which
 * RFC 1939 §3 does not allow; the session ends as a protocol error before anything else happens.
 * Once failed, every pending and later operation rejects with the same error.
 */
export class Pop3Transport {
  private socket: Duplex;
  private readonly sockets: Duplex[] = [];
  private readonly buffer = new LineBuffer();
  private readonly failureListeners = new Set<(error: Pop3Error) => void>();
  private waiter: { resolve: () => void; reject: (error: Pop3Error) => void } | undefined;
  private failure: Pop3Error | undefined;
  private owed = 0;
  private paused = false;
  private encrypted: boolean;
  /** Start of the progress window and the bytes received in it (see `checkProgress`). */
  private windowStart = Date.now();
  private windowBytes = 0;

  constructor(
    socket: Duplex,
    encrypted: boolean,
    private readonly options: Pop3TransportOptions,
  ) {
    this.socket = socket;
    this.encrypted = encrypted;
    this.attach(socket);
  }

  /** Whether the connection is protected by TLS (implicit or after STLS). */
  get isEncrypted(): boolean {
    return this.encrypted;
  }

  /** The error that ended the session, if it has ended. */
  get failed(): Pop3Error | undefined {
    return this.failure;
  }

  /** Answers owed by the server (sent commands, greeting) not yet completely read. */
  get outstanding(): number {
    return this.owed;
  }

  /** Notes that the server owes one more answer (the greeting, before any command). */
  expectAnswer(): void {
    this.owed += 1;
  }

  /**
   * Notes that one owed answer has been read completely. Leftover bytes with nothing owed are
   * unsolicited: a protocol error.
   */
  answerRead(): void {
    this.owed = Math.max(0, this.owed - 1);
    if (this.owed === 0 && this.buffer.length > 0) {
      this.fail(wordedPop3Error('PROTOCOL_ERROR', { id: 'protocolError.unsolicitedData' }));
    }
  }

  /** Sends commands in one write (one command is lock-step; several are a pipelined batch). */
  send(commands: readonly Pop3Command[]): void {
    this.throwIfFailed();
    let wire = '';
    for (const cmd of commands) {
      const line = commandLine(cmd);
      if (FORBIDDEN_IN_COMMAND.test(line)) {
        throw wordedPop3Error('VALIDATION', { id: 'protocolError.argumentLineBreak' }, { command: cmd.verb });
      }
      wire += `${line}\r\n`;
    }
    for (const cmd of commands) record(this.options.transcript, 'client', redactedCommandLine(cmd));
    // After an idle pause the server owes nothing, so its progress is measured from now.
    if (this.owed === 0) this.restartProgressWindow();
    this.owed += commands.length;
    this.socket.write(wire);
  }

  /** Reads one line (status, listing or SASL), waiting at most `timeoutMs` for each arrival of data. */
  async readLine(maxBytes: number, timeoutMs: number, redact = false): Promise<string> {
    for (;;) {
      const line = this.takeBufferedLine(maxBytes, redact);
      if (line !== undefined) return line;
      await this.waitForData(timeoutMs);
    }
  }

  /**
   * Takes one line that has already arrived, without waiting: `undefined` when none is complete yet
   * (then `readLine` waits for it). A listing reads its thousands of lines this way while they are
   * buffered, rather than waiting on a promise for each.
   */
  takeBufferedLine(maxBytes: number, redact = false): string | undefined {
    this.throwIfFailed();
    let text: string | undefined;
    try {
      text = this.buffer.takeText(maxBytes);
    } catch (error) {
      if (!(error instanceof LineTooLongError)) throw error;
      throw this.fail(wordedPop3Error('PROTOCOL_ERROR', { id: 'protocolError.lineTooLong', values: { maxBytes: String(maxBytes) } }));
    }
    if (text === undefined) return undefined;
    this.resumeIfDrained();
    record(this.options.transcript, 'server', redact ? redactServerLine(text) : text);
    return text;
  }

  /**
   * Streams a multi-line body into `sink`, dot-unstuffed and byte-exact (RFC 1939 §3), honouring the
   * sink's backpressure: while the sink is full, reading pauses once `highWaterBytes` are buffered.
   * Resolves with the body size once the terminator is read and everything is handed to the sink.
   */
  async readBody(sink: Writable, idleTimeoutMs: number, onProgress?: BodyProgress): Promise<number> {
    const decoder = new BodyDecoder();
    const firstLine = new FirstLineGuard();
    let bytes = 0;
    const onSinkError = (error: unknown): void => {
      this.fail(wordedPop3Error('STORAGE', { id: 'protocolError.writeFailed' }, { cause: error }));
    };
    sink.on('error', onSinkError);
    try {
      for (;;) {
        this.throwIfFailed();
        if (this.buffer.length === 0) {
          await this.waitForData(idleTimeoutMs);
          continue;
        }
        const chunk = this.buffer.takeChunk();
        const decoded = decoder.decode(chunk);
        if (decoded.consumed < chunk.length) this.buffer.unshift(chunk.subarray(decoded.consumed));
        if (decoded.output.length > 0) {
          if (firstLine.looksLikeStatus(decoded.output)) {
            throw this.fail(wordedPop3Error('PROTOCOL_ERROR', { id: 'protocolError.secondStatusLine' }, { response: firstLine.text() }));
          }
          bytes += decoded.output.length;
          onProgress?.(bytes);
          if (!sink.write(decoded.output)) await this.waitForDrain(sink);
        }
        if (decoded.done) {
          record(this.options.transcript, 'info', `<message body: ${bytes} bytes>`);
          record(this.options.transcript, 'server', '.');
          return bytes;
        }
        this.resumeIfDrained();
      }
    } finally {
      sink.off('error', onSinkError);
    }
  }

  /**
   * Replaces the socket with its TLS successor after STLS. Bytes received before the handshake are
   * dropped unread (RFC 2595 §4; they could have been injected by an attacker).
   */
  detachForUpgrade(): Duplex {
    this.throwIfFailed();
    const dropped = this.buffer.clear();
    if (dropped > 0) record(this.options.transcript, 'info', `<discarded ${dropped} bytes received before TLS>`);
    this.detach(this.socket);
    return this.socket;
  }

  /** Continues the session over the TLS socket returned by the handshake. */
  attachUpgraded(socket: Duplex): void {
    this.socket = socket;
    this.encrypted = true;
    this.attach(socket);
  }

  /** Registers a callback for the moment the session ends (failed or closed); returns its removal. */
  onFailure(listener: (error: Pop3Error) => void): () => void {
    this.failureListeners.add(listener);
    return () => this.failureListeners.delete(listener);
  }

  /** Ends the session with `error`: destroys the socket and rejects everything pending. Returns the error in effect. */
  fail(error: Pop3Error): Pop3Error {
    if (this.failure !== undefined) return this.failure;
    this.failure = error;
    for (const socket of this.sockets) socket.destroy();
    const waiter = this.waiter;
    this.waiter = undefined;
    waiter?.reject(error);
    for (const listener of this.failureListeners) listener(error);
    this.failureListeners.clear();
    return error;
  }

  /**
   * After the answer to QUIT: waits up to `timeoutMs` for the server to close the connection. Resolves
   * when it closes or the time is up; rejects with PROTOCOL_ERROR if it sends anything more (no
   * command is owed an answer, so more data means the answers were out of step).
   */
  awaitServerClose(timeoutMs: number): Promise<void> {
    const settled = (error: Pop3Error): void => {
      if (error.code === 'PROTOCOL_ERROR') throw error;
    };
    if (this.failure !== undefined) {
      settled(this.failure);
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        remove();
        resolve();
      }, timeoutMs);
      const remove = this.onFailure((error) => {
        clearTimeout(timer);
        if (error.code === 'PROTOCOL_ERROR') reject(error);
        else resolve();
      });
    });
  }

  /** Closes politely after QUIT: ends our side and releases the socket. */
  close(): void {
    if (this.failure !== undefined) return;
    this.socket.end();
    this.fail(wordedPop3Error('NETWORK', { id: 'protocolError.sessionClosed' }));
  }

  private throwIfFailed(): void {
    if (this.failure !== undefined) throw this.failure;
  }

  private readonly onData = (chunk: Buffer): void => {
    if (this.failure !== undefined) return;
    if (this.owed === 0) {
      this.fail(wordedPop3Error('PROTOCOL_ERROR', { id: 'protocolError.unsolicitedData' }));
      return;
    }
    this.buffer.push(chunk);
    this.windowBytes += chunk.length;
    if (this.buffer.length >= this.options.highWaterBytes && !this.paused) {
      this.paused = true;
      this.socket.pause();
    }
    const waiter = this.waiter;
    this.waiter = undefined;
    waiter?.resolve();
  };

  private readonly onEnd = (): void => {
    this.fail(wordedPop3Error('NETWORK', { id: 'protocolError.closedUnexpectedly' }));
  };

  private readonly onError = (error: Error): void => {
    const problem = connectionProblemOf(systemCodeOf(error));
    const words: ErrorWords = problem === undefined ? { id: 'connection.failedTryAgain' } : connectionProblemWords(problem);
    this.fail(new Pop3Error(problem === 'timed-out' ? 'TIMEOUT' : 'NETWORK', englishMessage(words), { cause: error, words, technical: error.message }));
  };

  private attach(socket: Duplex): void {
    this.sockets.push(socket);
    socket.on('data', this.onData);
    socket.on('end', this.onEnd);
    socket.on('close', this.onEnd);
    socket.on('error', this.onError);
    if (this.paused) {
      this.paused = false;
      socket.resume();
    }
  }

  private detach(socket: Duplex): void {
    socket.off('data', this.onData);
    socket.off('end', this.onEnd);
    socket.off('close', this.onEnd);
    socket.off('error', this.onError);
  }

  private resumeIfDrained(): void {
    if (this.paused && this.buffer.length < this.options.highWaterBytes / 2) {
      this.paused = false;
      this.socket.resume();
    }
  }

  private restartProgressWindow(): void {
    this.windowStart = Date.now();
    this.windowBytes = 0;
  }

  /**
   * The progress watchdog. The idle timeout restarts on every byte, so it alone cannot stop a server
   * that trickles; here, each time Mailbag waits for the server, a full window with fewer than the
   * minimum bytes ends the session with TIMEOUT (what was already stored stays stored).
   */
  private checkProgress(): void {
    const progress = this.options.progress;
    if (progress === undefined || progress.windowMs <= 0) return;
    if (Date.now() - this.windowStart < progress.windowMs) return;
    if (this.windowBytes < progress.minBytes) {
      throw this.fail(wordedPop3Error('TIMEOUT', tooSlowWords(progress.minBytes, progress.windowMs)));
    }
    this.restartProgressWindow();
  }

  private waitForData(timeoutMs: number): Promise<void> {
    this.throwIfFailed();
    this.checkProgress();
    if (this.paused) {
      this.paused = false;
      this.socket.resume();
    }
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.fail(wordedPop3Error('TIMEOUT', { id: 'protocolError.silentFor', values: { seconds: String(Math.round(timeoutMs / 1000)) } }));
      }, timeoutMs);
      this.waiter = {
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      };
    });
  }

  private waitForDrain(sink: Writable): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const cleanup = (): void => {
        sink.off('drain', onDrain);
        sink.off('close', onClose);
        removeFailure();
      };
      const onDrain = (): void => {
        cleanup();
        // Mailbag's own disk was the slow side here: the server's progress is measured afresh.
        this.restartProgressWindow();
        resolve();
      };
      const onClose = (): void => {
        cleanup();
        reject(this.fail(wordedPop3Error('STORAGE', { id: 'protocolError.sinkClosedEarly' })));
      };
      const removeFailure = this.onFailure((error) => {
        cleanup();
        reject(error);
      });
      sink.on('drain', onDrain);
      sink.on('close', onClose);
    });
  }
}
