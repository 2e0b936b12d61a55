import type { Writable } from 'node:stream';
import { authenticate, type Pop3AuthResult } from './auth/authenticate';
import type { Pop3Credentials } from './auth/mechanisms';
import type { Pop3Capabilities } from './capabilities';
import { deleteBatch, listBatch, retrieveBatch, uidlBatch, type Pop3BatchOutcome, type Pop3RetrieveItem, type Pop3RetrieveProgress } from './batches';
import { checkedCount, checkedNumber } from './commands/arguments';
import { readCapabilities } from './commands/capa';
import { errorFromResponse } from './classify-response';
import { Pop3Error, wordedPop3Error } from './errors';
import { listingCommand, simpleCommand, type ExchangeContext } from './commands/exchange';
import {
  findDuplicateUids,
  findRepeatedNumber,
  parseListLine,
  parseStat,
  parseUidlLine,
  splitListing,
  type Pop3ListEntry,
  type Pop3SizeListing,
  type Pop3MaildropStatus,
  type Pop3UidlEntry,
  type Pop3UidlListing,
} from './commands/maildrop';
import { readMessage, retrCommand, topCommand, type SinkOptions } from './commands/retrieval';
import type { Pop3Limits, Pop3Timeouts } from './options';
import type { PipelineWindow } from './pipeline';
import { parseStatusLine, type Pop3Greeting } from './status-line';
import { QUIT_CLOSE_WAIT_MS } from './constants';
import { command } from './transcript';
import type { Pop3Transport } from './transport';

/** RFC 1939 §3 states, plus the end of the session. */
export type Pop3SessionState = 'authorization' | 'transaction' | 'closed';

/** Everything the session is built from (see `connectPop3`). */
export interface Pop3SessionParts {
  readonly transport: Pop3Transport;
  readonly greeting: Pop3Greeting;
  readonly capabilities: Pop3Capabilities;
  readonly timeouts: Pop3Timeouts;
  readonly limits: Pop3Limits;
  readonly allowInsecureAuth: boolean;
  readonly forceLockStep: boolean;
}

/**
 * An open POP3 session. Calls may be made concurrently; they run one after the other. Any network,
 * timeout or protocol failure ends the session and every later call rejects with the same error; a
 * plain `-ERR` to one command only rejects that call.
 */
export class Pop3Session {
  /** The server's greeting, including any APOP timestamp. */
  readonly greeting: Pop3Greeting;
  private caps: Pop3Capabilities;
  private current: Pop3SessionState = 'authorization';
  private readonly context: ExchangeContext;
  private readonly transport: Pop3Transport;
  private readonly allowInsecureAuth: boolean;
  private readonly forceLockStep: boolean;
  private queue: Promise<unknown> = Promise.resolve();
  private keepAliveTimer: NodeJS.Timeout | undefined;
  private utf8Mode = false;
  private quitWritten = false;

  constructor(parts: Pop3SessionParts) {
    this.transport = parts.transport;
    this.greeting = parts.greeting;
    this.caps = parts.capabilities;
    this.allowInsecureAuth = parts.allowInsecureAuth;
    this.forceLockStep = parts.forceLockStep;
    this.context = { transport: parts.transport, timeouts: parts.timeouts, limits: parts.limits };
    this.transport.onFailure(() => {
      this.current = 'closed';
      this.stopKeepAlive();
    });
  }

  /** The capabilities in effect: after STLS only those announced over TLS, after sign-in the new ones. */
  get capabilities(): Pop3Capabilities {
    return this.caps;
  }

  get state(): Pop3SessionState {
    return this.transport.failed === undefined ? this.current : 'closed';
  }

  /**
   * Whether QUIT was written to the server. Until then the server removes nothing (RFC 1939 §6); once
   * it was, deletions may have happened even if its answer never arrived.
   */
  get quitSent(): boolean {
    return this.quitWritten;
  }

  /** Whether the connection is encrypted. */
  get encrypted(): boolean {
    return this.transport.isEncrypted;
  }

  /** Whether batches are pipelined (the server announced PIPELINING and lock-step was not forced). */
  get pipelining(): boolean {
    return this.caps.pipelining && !this.forceLockStep;
  }

  /** Whether the server accepted UTF8 (RFC 6856 §2): it then sends messages as stored, UTF-8 headers included. */
  get utf8Enabled(): boolean {
    return this.utf8Mode;
  }

  /**
   * Signs in (see `authenticate` for the mechanism choice), then reads CAPA again, because servers may
   * announce different capabilities in the TRANSACTION state (RFC 2449 §5). When UTF8 is announced
   * (before or after sign-in), it is sent right after signing in: some servers (Courier) otherwise
   * replace every message with raw UTF-8 in its header by a notice that it cannot be shown. A refusal
   * leaves the session as it was (the messages simply come as the server converts them).
   */
  authenticate(credentials: Pop3Credentials): Promise<Pop3AuthResult> {
    return this.exclusive('authorization', async () => {
      const result = await authenticate(
        {
          ...this.context,
          capabilities: this.caps,
          apopTimestamp: this.greeting.apopTimestamp,
          allowInsecureAuth: this.allowInsecureAuth,
        },
        credentials,
      );
      this.current = 'transaction';
      const announcedBefore = this.caps.utf8;
      if (this.caps.announced) {
        const renewed = await readCapabilities(this.context);
        if (renewed.announced) this.caps = renewed;
      }
      if (!this.utf8Mode && (announcedBefore || this.caps.utf8)) await this.enableUtf8();
      return result;
    });
  }

  /** Switches the session to UTF-8 (RFC 6856 §2) before signing in; only if announced. */
  utf8(): Promise<void> {
    return this.exclusive('authorization', async () => {
      if (!this.caps.utf8) throw wordedPop3Error('VALIDATION', { id: 'protocolError.utf8NotAnnounced' }, { command: 'UTF8' });
      await simpleCommand(this.context, command('UTF8'), 'authentication');
      this.utf8Mode = true;
    });
  }

  /** UTF8 after sign-in: a plain `-ERR` is tolerated, anything that ends the session is not. */
  private async enableUtf8(): Promise<void> {
    try {
      await simpleCommand(this.context, command('UTF8'), 'transaction');
      this.utf8Mode = true;
    } catch (error) {
      if (!(error instanceof Pop3Error) || this.transport.failed !== undefined) throw error;
    }
  }

  /** STAT (RFC 1939 §5). */
  stat(): Promise<Pop3MaildropStatus> {
    return this.exclusive('transaction', async () => {
      const ok = await simpleCommand(this.context, command('STAT'), 'transaction');
      return parseStat(ok.text) ?? this.malformed('STAT', ok.line);
    });
  }

  /** LIST (RFC 1939 §5): every message's size. */
  list(): Promise<Pop3ListEntry[]> {
    return this.exclusive('transaction', async () => {
      const { lines } = await listingCommand(this.context, command('LIST'), 'transaction');
      const entries = lines.map((line) => parseListLine(line) ?? this.malformed('LIST', line));
      if (findRepeatedNumber(entries) !== undefined) this.malformed('LIST', 'a message number appears twice');
      return entries;
    });
  }

  /** LIST n (RFC 1939 §5): one message's size. */
  listOne(messageNumber: number): Promise<Pop3ListEntry> {
    return this.exclusive('transaction', async () => {
      const ok = await simpleCommand(this.context, command('LIST', String(checkedNumber(messageNumber))), 'transaction');
      return parseListLine(ok.text) ?? this.malformed('LIST', ok.line);
    });
  }

  /**
   * LIST (RFC 1939 §5) that tolerates bad lines: each one is reported in `invalid` so the caller can
   * skip that one message instead of failing the whole mailbox; repeated message numbers end the session.
   */
  sizes(): Promise<Pop3SizeListing> {
    return this.exclusive('transaction', async () => {
      const { lines } = await listingCommand(this.context, command('LIST'), 'transaction');
      const { entries, invalid, answeredTwice } = splitListing(lines, parseListLine);
      if (answeredTwice !== undefined) this.malformed('LIST', answeredTwice);
      if (findRepeatedNumber(entries) !== undefined) this.malformed('LIST', 'a message number appears twice');
      return { entries, invalid };
    });
  }

  /**
   * UIDL (RFC 1939 §7): every message's unique-id. Unique-ids given to several messages are reported
   * in `duplicates` and lines that cannot be understood in `invalid` (see `Pop3UidlListing`);
   * repeated message numbers end the session.
   */
  uidl(): Promise<Pop3UidlListing> {
    return this.exclusive('transaction', async () => {
      const { lines } = await listingCommand(this.context, command('UIDL'), 'transaction');
      const { entries, invalid, answeredTwice } = splitListing(lines, parseUidlLine);
      if (answeredTwice !== undefined) this.malformed('UIDL', answeredTwice);
      if (findRepeatedNumber(entries) !== undefined) this.malformed('UIDL', 'a message number appears twice');
      return { entries, duplicates: findDuplicateUids(entries), invalid };
    });
  }

  /** UIDL n (RFC 1939 §7). */
  uidlOne(messageNumber: number): Promise<Pop3UidlEntry> {
    return this.exclusive('transaction', async () => {
      const ok = await simpleCommand(this.context, command('UIDL', String(checkedNumber(messageNumber))), 'transaction');
      return parseUidlLine(ok.text) ?? this.malformed('UIDL', ok.line);
    });
  }

  /** RETR n (RFC 1939 §5) streamed into `sink`; resolves with the byte count once the sink finished. */
  retr(messageNumber: number, sink: Writable, options: SinkOptions = {}, onProgress?: (bytes: number) => void): Promise<number> {
    return this.exclusive('transaction', async () => {
      this.context.transport.send([retrCommand(checkedNumber(messageNumber))]);
      return readMessage(this.context, 'RETR', () => sink, onProgress, options);
    });
  }

  /** TOP n k (RFC 1939 §7): headers and the first `lines` body lines, streamed into `sink`. */
  top(messageNumber: number, lines: number, sink: Writable, options: SinkOptions = {}): Promise<number> {
    return this.exclusive('transaction', async () => {
      this.context.transport.send([topCommand(checkedNumber(messageNumber), checkedCount(lines))]);
      return readMessage(this.context, 'TOP', () => sink, undefined, options);
    });
  }

  /** DELE n (RFC 1939 §5): marks a message; it is removed only if QUIT succeeds. */
  dele(messageNumber: number): Promise<void> {
    return this.exclusive('transaction', async () => {
      await simpleCommand(this.context, command('DELE', String(checkedNumber(messageNumber))), 'transaction');
    });
  }

  /** RSET (RFC 1939 §5): unmarks every message marked for deletion. */
  rset(): Promise<void> {
    return this.exclusive('transaction', async () => {
      await simpleCommand(this.context, command('RSET'), 'transaction');
    });
  }

  /** NOOP (RFC 1939 §5). */
  noop(): Promise<void> {
    return this.exclusive('transaction', async () => {
      await simpleCommand(this.context, command('NOOP'), 'transaction');
    });
  }

  /**
   * Retrieves several messages, pipelined when the server allows it (RFC 2449 §6.6), lock-step
   * otherwise. `openSink` is called once a message's `+OK` arrives; each sink is ended when its
   * message is complete, and a message counts as retrieved only once its `finish` has been emitted
   * (so a sink that fsyncs in `_final` is durable). Up to `limits.maxUnfinishedSinks` sinks may
   * finish in the background while later messages arrive. A refused message (`-ERR`) or a failed
   * sink is reported in its outcome and the rest continue; a session failure rejects the whole call,
   * and the sink of the message in progress is destroyed (complete ones still finish).
   */
  retrieveMany<T extends Pop3RetrieveItem>(
    items: readonly T[],
    openSink: (item: T) => Writable | Promise<Writable>,
    onProgress?: (progress: Pop3RetrieveProgress) => void,
  ): Promise<Array<Pop3BatchOutcome<T, number>>> {
    return this.exclusive('transaction', () => retrieveBatch(this.context, this.window(), items, openSink, onProgress));
  }

  /** DELE for several messages, pipelined when possible. They are removed only by a successful QUIT. */
  deleteMany(messageNumbers: readonly number[]): Promise<Array<Pop3BatchOutcome<number, true>>> {
    return this.exclusive('transaction', () => deleteBatch(this.context, this.window(), messageNumbers));
  }

  /** UIDL n for several messages, pipelined when possible. */
  uidlMany(messageNumbers: readonly number[]): Promise<Array<Pop3BatchOutcome<number, Pop3UidlEntry>>> {
    return this.exclusive('transaction', () => uidlBatch(this.context, this.window(), messageNumbers));
  }

  /** LIST n for several messages, pipelined when possible. */
  listMany(messageNumbers: readonly number[]): Promise<Array<Pop3BatchOutcome<number, Pop3ListEntry>>> {
    return this.exclusive('transaction', () => listBatch(this.context, this.window(), messageNumbers));
  }

  /**
   * QUIT (RFC 1939 §6): in the TRANSACTION state this commits the deletions. It resolves only on a
   * real `+OK` to a QUIT that was really sent: a session that already failed (or was closed) rejects
   * with its error without sending anything, and a `-ERR` means the server could not remove them,
   * which rejects too; the connection is closed either way.
   */
  quit(): Promise<void> {
    return this.run(async () => {
      this.stopKeepAlive();
      // A failed session never sent QUIT, so nothing marked for deletion was removed (RFC 1939 §6).
      const failed = this.transport.failed;
      if (failed !== undefined) throw failed;
      if (this.current === 'closed') throw wordedPop3Error('NETWORK', { id: 'protocolError.sessionClosed' }, { command: 'QUIT' });
      const phase = this.current === 'transaction' ? 'update' : 'authentication';
      try {
        this.transport.send([command('QUIT')]);
        this.quitWritten = true;
        const line = await this.transport.readLine(this.context.limits.maxLineBytes, this.context.timeouts.quit);
        const status = parseStatusLine(line);
        if (status !== undefined && !status.ok) throw errorFromResponse(status, line, phase, 'QUIT');
        if (status === undefined) {
          throw wordedPop3Error('PROTOCOL_ERROR', { id: 'protocolError.quitAnswerUnexpected' }, { command: 'QUIT', response: line });
        }
        // Only a lone +OK is QUIT's answer: anything after it means the answers were out of step.
        this.transport.answerRead();
        await this.transport.awaitServerClose(Math.min(this.context.timeouts.quit, QUIT_CLOSE_WAIT_MS));
      } finally {
        this.current = 'closed';
        this.transport.close();
      }
    });
  }

  /** Drops the connection without QUIT: nothing marked for deletion is removed (RFC 1939 §6). */
  close(): void {
    this.stopKeepAlive();
    this.current = 'closed';
    this.transport.close();
  }

  private window(): PipelineWindow {
    return this.pipelining
      ? {
          maxBytes: this.context.limits.pipelineMaxOutstandingBytes,
          maxCommands: this.context.limits.pipelineMaxOutstandingCommands,
        }
      : { maxBytes: 0, maxCommands: 1 };
  }

  private malformed(verb: string, line: string): never {
    throw this.transport.fail(
      wordedPop3Error('PROTOCOL_ERROR', { id: 'protocolError.answerNotUnderstood', values: { command: verb } }, { command: verb, response: line }),
    );
  }

  private exclusive<T>(required: Exclude<Pop3SessionState, 'closed'>, work: () => Promise<T>): Promise<T> {
    return this.run(async () => {
      const failed = this.transport.failed;
      if (failed !== undefined) throw failed;
      if (this.current !== required) {
        throw wordedPop3Error('VALIDATION', { id: required === 'transaction' ? 'protocolError.signInFirst' : 'protocolError.alreadySignedIn' });
      }
      return work();
    });
  }

  private run<T>(work: () => Promise<T>): Promise<T> {
    const result = this.queue.then(async () => {
      this.stopKeepAlive();
      try {
        return await work();
      } finally {
        this.scheduleKeepAlive();
      }
    });
    this.queue = result.catch(() => undefined);
    return result;
  }

  /**
   * Sends NOOP while the caller holds an idle signed-in session, so the server's autologout timer
   * (RFC 1939 §3, at least ten minutes) never fires while a slow consumer works.
   */
  private scheduleKeepAlive(): void {
    const interval = this.context.timeouts.keepAlive;
    if (interval <= 0 || this.state !== 'transaction') return;
    this.keepAliveTimer = setTimeout(() => {
      this.keepAliveTimer = undefined;
      this.noop().catch(() => undefined);
    }, interval);
    this.keepAliveTimer.unref();
  }

  private stopKeepAlive(): void {
    if (this.keepAliveTimer !== undefined) clearTimeout(this.keepAliveTimer);
    this.keepAliveTimer = undefined;
  }
}
