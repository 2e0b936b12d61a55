/**
 * Helpers shared by the POP3 tests against a real Dovecot and by the retrieval benchmark: connecting
 * the engine to a test server, sinks that collect a message in memory or write it durably to a file,
 * and a byte comparison that reports where two messages differ instead of dumping megabytes.
 */
import assert from 'node:assert/strict';
import { closeSync, fsyncSync, openSync, renameSync, writevSync } from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import { connectPop3, type Pop3ConnectOptions, type Pop3Session } from '../../../electron/protocols/pop3';
import type { DovecotServer } from '../../servers/dovecot';

/** How the engine reaches the test server. */
export type TestSecurity = Pop3ConnectOptions['security'];

/** Bound for each test against a real server (startup, a few hundred messages, shutdown). */
export const SERVER_TEST_TIMEOUT_MS = 60_000;

/**
 * Connects the engine to a test Dovecot: the plain port for `none` and `starttls`, the implicit-TLS
 * port for `tls`, trusting the server's test CA, and allowing a password on the plain connection
 * (loopback only). Anything in `overrides` wins.
 */
export function connectToServer(server: DovecotServer, security: TestSecurity, overrides: Partial<Pop3ConnectOptions> = {}): Promise<Pop3Session> {
  return connectPop3({
    host: server.host,
    port: security === 'tls' ? server.tlsPort : server.port,
    security,
    ca: server.certificates.caPem,
    allowInsecureAuth: security === 'none',
    ...overrides,
  });
}

/** Connects and signs in with the test account (the engine chooses the mechanism unless told). */
export async function openMailbox(server: DovecotServer, security: TestSecurity, overrides: Partial<Pop3ConnectOptions> = {}): Promise<Pop3Session> {
  const session = await connectToServer(server, security, overrides);
  try {
    await session.authenticate({ username: server.user, password: server.password });
  } catch (error) {
    session.close();
    throw error;
  }
  return session;
}

/** A sink that keeps a message in memory; `bytes()` gives it once the engine has ended the sink. */
export class MemorySink extends Writable {
  private readonly chunks: Buffer[] = [];
  private finished = false;

  constructor() {
    super();
    this.once('finish', () => (this.finished = true));
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.chunks.push(Buffer.from(chunk));
    callback();
  }

  /** The message as received; fails if the sink was not ended (the message is incomplete). */
  bytes(): Buffer {
    assert.ok(this.finished, 'the engine did not end the sink, so the message is incomplete');
    return Buffer.concat(this.chunks);
  }
}

/**
 * A sink that writes a message the way the message store must (invariant 1 of the architecture): into
 * a temporary file, fsynced, then renamed to its final name when the engine ends the sink. A destroyed
 * sink leaves only the temporary file, never a complete-looking message. It uses synchronous file
 * calls, as a store running in a worker thread may (no event loop of a window to keep responsive):
 * the same system calls as mpop's maildir delivery, without a thread-pool round trip for each.
 */
export class DurableFileSink extends Writable {
  private fd: number | undefined;
  private readonly temporaryPath: string;

  constructor(readonly filePath: string) {
    super({ highWaterMark: 256 * 1024 });
    this.temporaryPath = path.join(path.dirname(filePath), `.${path.basename(filePath)}.part`);
  }

  override _construct(callback: (error?: Error | null) => void): void {
    try {
      this.fd = openSync(this.temporaryPath, 'wx', 0o600);
      callback();
    } catch (error) {
      callback(error as Error);
    }
  }

  override _writev(chunks: Array<{ chunk: Buffer }>, callback: (error?: Error | null) => void): void {
    try {
      if (this.fd === undefined) throw new Error('file not open');
      let buffers = chunks.map((entry) => entry.chunk);
      while (buffers.length > 0) {
        let written = writevSync(this.fd, buffers);
        const rest: Buffer[] = [];
        for (const buffer of buffers) {
          if (written >= buffer.length) written -= buffer.length;
          else {
            rest.push(buffer.subarray(written));
            written = 0;
          }
        }
        buffers = rest;
      }
      callback();
    } catch (error) {
      callback(error as Error);
    }
  }

  override _final(callback: (error?: Error | null) => void): void {
    try {
      const fd = this.fd;
      if (fd === undefined) throw new Error('file not open');
      fsyncSync(fd);
      this.fd = undefined;
      closeSync(fd);
      renameSync(this.temporaryPath, this.filePath);
      callback();
    } catch (error) {
      callback(error as Error);
    }
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    const fd = this.fd;
    this.fd = undefined;
    if (fd !== undefined) closeSync(fd);
    callback(error);
  }
}

/** Asserts two messages are identical, naming the first differing offset and showing bytes around it. */
export function assertSameBytes(actual: Buffer, expected: Buffer, label: string): void {
  if (actual.equals(expected)) return;
  let offset = 0;
  while (offset < actual.length && offset < expected.length && actual[offset] === expected[offset]) offset += 1;
  const around = (bytes: Buffer): string => JSON.stringify(bytes.subarray(Math.max(0, offset - 40), offset + 40).toString('latin1'));
  assert.fail(
    `${label}: ${actual.length} bytes received, ${expected.length} expected; first difference at offset ${offset}\n` +
      `  received: ${around(actual)}\n  expected: ${around(expected)}`,
  );
}

/** How long Dovecot may take to write a log line about a connection that just ended. */
const LOG_WAIT_MS = 5_000;
const LOG_POLL_MS = 25;

/** Waits until the server's log matches `pattern` and returns the match; fails after a few seconds. */
export async function waitForLog(server: DovecotServer, pattern: RegExp): Promise<RegExpMatchArray> {
  const deadline = Date.now() + LOG_WAIT_MS;
  for (;;) {
    const log = await server.readLog();
    const match = log.match(pattern);
    if (match !== null) return match;
    if (Date.now() > deadline) assert.fail(`Dovecot's log never matched ${String(pattern)}:\n${log}`);
    await new Promise((resolve) => setTimeout(resolve, LOG_POLL_MS));
  }
}

/**
 * Waits until the server's log has at least `count` matches of `pattern` (which must be global) and
 * returns them all. Dovecot writes its log through a separate process, so a line about a session can
 * appear a moment after the session's last answer.
 */
export async function waitForLogMatches(server: DovecotServer, pattern: RegExp, count: number): Promise<RegExpMatchArray[]> {
  assert.ok(pattern.global, 'the pattern must be global');
  const deadline = Date.now() + LOG_WAIT_MS;
  for (;;) {
    const log = await server.readLog();
    const matches = [...log.matchAll(pattern)];
    if (matches.length >= count) return matches;
    if (Date.now() > deadline) assert.fail(`Dovecot's log has ${matches.length} of ${count} lines matching ${String(pattern)}:\n${log}`);
    await new Promise((resolve) => setTimeout(resolve, LOG_POLL_MS));
  }
}
