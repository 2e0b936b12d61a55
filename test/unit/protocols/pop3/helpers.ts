/** Shared helpers of the POP3 engine tests. */
import { Writable } from 'node:stream';
import { connectPop3, type Pop3ConnectOptions, type Pop3Session, type Pop3Timeouts, type TranscriptEntry } from '../../../../electron/protocols/pop3';
import type { FakePop3Server } from '../../../fakes/pop3-server';

/** Short timeouts so fault tests finish quickly. */
export const FAST_TIMEOUTS: Pop3Timeouts = {
  connect: 2_000,
  tlsHandshake: 2_000,
  greeting: 2_000,
  command: 2_000,
  dataIdle: 2_000,
  quit: 1_000,
  keepAlive: 0,
  progressWindow: 60_000,
};

/** A sink that keeps what it receives. */
export class MemorySink extends Writable {
  private readonly chunks: Buffer[] = [];
  constructor(options: { highWaterMark?: number; delayMs?: number } = {}) {
    const delay = options.delayMs;
    super({
      ...(options.highWaterMark === undefined ? {} : { highWaterMark: options.highWaterMark }),
      write: (chunk: Buffer, _encoding, callback) => {
        this.chunks.push(chunk);
        if (delay === undefined) callback();
        else setTimeout(callback, delay);
      },
    });
  }
  data(): Buffer {
    return Buffer.concat(this.chunks);
  }
}

/** Connects to a fake with fast timeouts and a collected transcript. */
export async function connectTo(
  server: FakePop3Server,
  overrides: Partial<Pop3ConnectOptions> = {},
): Promise<{ session: Pop3Session; transcript: TranscriptEntry[] }> {
  const transcript: TranscriptEntry[] = [];
  const session = await connectPop3({
    host: server.host,
    port: server.port,
    security: 'none',
    allowInsecureAuth: true,
    transcript: (entry) => transcript.push(entry),
    ...overrides,
    timeouts: { ...FAST_TIMEOUTS, ...overrides.timeouts },
  });
  return { session, transcript };
}

/** A message in RFC 5322 shape with CRLF line endings. */
export function sampleMessage(subject: string, bodyLines: readonly string[]): string {
  return [`From: a@example.org`, `To: b@example.org`, `Subject: ${subject}`, '', ...bodyLines].map((line) => `${line}\r\n`).join('');
}

/** Asserts a promise rejects with a given error code. */
export async function rejectsWithCode(promise: Promise<unknown>, code: string): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    const actual = (error as { code?: unknown }).code;
    if (actual !== code) throw new Error(`Expected ${code}, got ${String(actual)}: ${(error as Error).message}`, { cause: error });
    return error;
  }
  throw new Error(`Expected rejection with ${code}, but it resolved.`);
}
