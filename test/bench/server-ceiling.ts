/**
 * The server's ceiling for a benchmark: how fast the same Dovecot hands over a whole mailbox when the
 * client does nothing with it. One plain socket to 127.0.0.1, USER and PASS, then every `RETR n` written
 * at once (pipelined, RFC 2449 §6.6) while the replies are read and discarded, counting each reply's
 * terminating line (RFC 1939 §3: a dot-stuffed body never holds CRLF "." CRLF, so each occurrence ends
 * one reply); then QUIT. No client can receive the mailbox faster than this over the same connection.
 */
import net from 'node:net';
import { performance } from 'node:perf_hooks';

/** Where and as whom to retrieve. */
export interface CeilingTarget {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly password: string;
}

/** What a ceiling run measured. */
export interface CeilingResult {
  /** Connect to QUIT's reply. */
  readonly ms: number;
  readonly messages: number;
  /** Bytes read from the socket during the retrieval (replies with their status lines). */
  readonly bytes: number;
}

/** How long one ceiling run may take before it is abandoned. */
const CEILING_TIMEOUT_MS = 10 * 60 * 1000;
const TERMINATOR = Buffer.from('\r\n.\r\n', 'latin1');

/** Reads single-line replies in order; a reply other than `+OK` rejects. */
class LineReader {
  private buffered = '';
  private waiting: ((line: string) => void) | undefined;

  push(chunk: Buffer): void {
    this.buffered += chunk.toString('latin1');
    this.deliver();
  }

  next(): Promise<string> {
    const line = new Promise<string>((resolve, reject) => {
      this.waiting = (text) => (text.startsWith('+OK') ? resolve(text) : reject(new Error(`server said: ${text}`)));
    });
    this.deliver();
    return line;
  }

  private deliver(): void {
    const end = this.buffered.indexOf('\r\n');
    if (end < 0 || this.waiting === undefined) return;
    const line = this.buffered.slice(0, end);
    this.buffered = this.buffered.slice(end + 2);
    const resolve = this.waiting;
    this.waiting = undefined;
    resolve(line);
  }
}

/** Retrieves all `count` messages of the mailbox as fast as the server sends them (see the module comment). */
export async function measureServerCeiling(target: CeilingTarget, count: number): Promise<CeilingResult> {
  const started = performance.now();
  const socket = net.connect({ host: target.host, port: target.port });
  socket.setNoDelay(true);
  const lines = new LineReader();
  let retrieving = false;
  let found = 0;
  let bytes = 0;
  let tail: Buffer = Buffer.alloc(0);
  let allRetrieved: () => void = () => undefined;
  const retrieved = new Promise<void>((resolve) => (allRetrieved = resolve));
  const countTerminators = (chunk: Buffer): void => {
    bytes += chunk.length;
    // The terminator may straddle two chunks: look through the last four bytes of the one before too.
    const window = tail.length === 0 ? chunk : Buffer.concat([tail, chunk]);
    for (let at = window.indexOf(TERMINATOR); at >= 0; at = window.indexOf(TERMINATOR, at + TERMINATOR.length)) found += 1;
    tail = window.subarray(Math.max(0, window.length - (TERMINATOR.length - 1)));
    if (found >= count) allRetrieved();
  };
  const failed = new Promise<never>((_resolve, reject) => {
    socket.once('error', reject);
    socket.once('close', () => reject(new Error(`the connection closed after ${found} of ${count} messages`)));
    setTimeout(() => reject(new Error('the server ceiling run took too long')), CEILING_TIMEOUT_MS).unref();
  });
  failed.catch(() => undefined);
  socket.on('data', (chunk: Buffer) => {
    if (retrieving) {
      countTerminators(chunk);
      return;
    }
    lines.push(chunk);
  });
  const reply = (): Promise<string> => Promise.race([lines.next(), failed]);
  await reply();
  socket.write(`USER ${target.user}\r\n`);
  await reply();
  socket.write(`PASS ${target.password}\r\n`);
  await reply();
  // Every reply from here on is multi-line; its "+OK" line is discarded with the body.
  retrieving = true;
  const commands: string[] = [];
  for (let number = 1; number <= count; number += 1) commands.push(`RETR ${number}\r\n`);
  socket.write(commands.join(''));
  await Promise.race([retrieved, failed]);
  retrieving = false;
  socket.removeAllListeners('close');
  socket.write('QUIT\r\n');
  await new Promise<void>((resolve) => socket.once('close', resolve).end());
  return { ms: performance.now() - started, messages: found, bytes };
}
