/**
 * Fuzzing of the response side: random and mutated server bytes must never crash the engine, hang it,
 * or make it hold more than its bounds. Deterministic (seeded) and bounded in iterations and time.
 */
import assert from 'node:assert/strict';
import { Duplex } from 'node:stream';
import { test } from 'node:test';
import { connectPop3, Pop3Error } from '../../../../electron/protocols/pop3';
import { BodyDecoder } from '../../../../electron/protocols/pop3/body-decoder';
import { parseCapabilities } from '../../../../electron/protocols/pop3/capabilities';
import { parseListLine, parseStat, parseUidlLine } from '../../../../electron/protocols/pop3/commands/maildrop';
import { LineBuffer, LineTooLongError } from '../../../../electron/protocols/pop3/line-buffer';
import { parseContinuation, parseGreeting, parseStatusLine } from '../../../../electron/protocols/pop3/status-line';
import { FAST_TIMEOUTS, MemorySink } from './helpers';

const SEED = Number(process.env.MAILBAG_FUZZ_SEED ?? 20261122);
const TIME_BUDGET_MS = 6_000;

function generator(seed: number) {
  let state = seed >>> 0 || 1;
  const next = (): number => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state;
  };
  return {
    int: (limit: number): number => next() % Math.max(1, limit),
    pick: <T>(items: readonly T[]): T => items[next() % items.length] as T,
  };
}

const VALID = [
  '+OK POP3 ready <1896.697170952@dbc.mtview.ca.us>',
  '+OK 2 320',
  '-ERR [IN-USE] locked',
  '-ERR [SYS/TEMP] later',
  '+OK',
  '+ ',
  '+ dj1ybUY5cHFWOFM3c3VBb1pXamE0ZEpSa0ZzS1E9',
  '1 120',
  '1 whqtswO00WBw418f9t5JxYwZ',
  'SASL PLAIN SCRAM-SHA-256',
  'LOGIN-DELAY 900',
  'EXPIRE NEVER',
  '.',
  '..stuffed',
  'From: a@example.org',
  '',
];
const TOKENS = [
  '+OK',
  '-ERR',
  '+',
  '[',
  ']',
  '/',
  ' ',
  '.',
  '\r',
  '\n',
  '\r\n',
  '\0',
  '\u00ff',
  'é',
  '<',
  '@',
  '>',
  '999999999999999999999',
  '0',
  '-1',
  'A'.repeat(300),
];

function mutate(random: ReturnType<typeof generator>, input: string): string {
  let text = input;
  const edits = 1 + random.int(4);
  for (let edit = 0; edit < edits; edit += 1) {
    const position = random.int(text.length + 1);
    switch (random.int(4)) {
      case 0:
        text = text.slice(0, position) + random.pick(TOKENS) + text.slice(position);
        break;
      case 1:
        text = text.slice(0, position) + text.slice(position + 1 + random.int(5));
        break;
      case 2:
        text = text.slice(0, position) + String.fromCharCode(random.int(256)) + text.slice(position + 1);
        break;
      default:
        text = text + text.slice(0, position);
        break;
    }
  }
  return text;
}

function randomLine(random: ReturnType<typeof generator>): string {
  if (random.int(2) === 0) return mutate(random, random.pick(VALID));
  let text = '';
  const length = random.int(40);
  for (let index = 0; index < length; index += 1) text += random.int(3) === 0 ? random.pick(TOKENS) : String.fromCharCode(random.int(128));
  return text;
}

test('line parsers accept any string without throwing', () => {
  const random = generator(SEED);
  const started = Date.now();
  for (let iteration = 0; iteration < 20_000 && Date.now() - started < TIME_BUDGET_MS; iteration += 1) {
    const line = randomLine(random);
    const status = parseStatusLine(line);
    if (status !== undefined) assert.equal(typeof status.ok, 'boolean');
    parseGreeting(line);
    parseContinuation(line);
    parseStat(line);
    parseListLine(line);
    const uid = parseUidlLine(line);
    if (uid !== undefined) assert.ok(uid.uid.length <= 70 && uid.number > 0);
    parseCapabilities([line, randomLine(random)]);
  }
});

test('line buffer and body decoder stay bounded and always progress on random bytes', () => {
  const random = generator(SEED + 1);
  const started = Date.now();
  const maxLine = 512;
  for (let iteration = 0; iteration < 3_000 && Date.now() - started < TIME_BUDGET_MS; iteration += 1) {
    const buffer = new LineBuffer();
    const decoder = new BodyDecoder();
    let inBody = false;
    const chunks = 1 + random.int(20);
    for (let chunkIndex = 0; chunkIndex < chunks; chunkIndex += 1) {
      const bytes = Buffer.from(Array.from({ length: random.int(200) }, () => random.pick([0x2e, 0x0d, 0x0a, 0x61, random.int(256)])));
      buffer.push(bytes);
      try {
        for (;;) {
          if (inBody) {
            const chunk = buffer.takeChunk();
            const decoded = decoder.decode(chunk);
            assert.ok(decoded.consumed <= chunk.length);
            assert.ok(decoded.output.length <= decoded.consumed);
            buffer.unshift(chunk.subarray(decoded.consumed));
            if (!decoded.done) {
              if (buffer.length === 0) break;
              continue;
            }
            inBody = false;
          }
          const line = buffer.takeLine(maxLine);
          if (line === undefined) break;
          assert.ok(line.length < maxLine);
          if (random.int(4) === 0) inBody = true;
        }
      } catch (error) {
        assert.ok(error instanceof LineTooLongError);
        buffer.clear();
      }
      assert.ok(buffer.length < maxLine + 200, 'the line buffer holds at most one bounded line plus a chunk');
    }
  }
});

/** A socket whose server side answers every command with random or mutated lines. */
function fuzzSocket(random: ReturnType<typeof generator>): Duplex {
  let closed = false;
  const socket: Duplex = new Duplex({
    read() {},
    write(_chunk, _encoding, callback) {
      const answers = random.int(3);
      for (let index = 0; index < answers; index += 1) {
        const line = random.int(3) === 0 ? random.pick(VALID) : randomLine(random);
        setImmediate(() => {
          if (!closed) socket.push(`${line}${random.int(8) === 0 ? '' : '\r\n'}`);
        });
      }
      if (random.int(30) === 0) setImmediate(() => !closed && socket.push(null));
      callback();
    },
    destroy(error, callback) {
      closed = true;
      callback(error);
    },
  });
  setImmediate(() => socket.push(random.int(5) === 0 ? `${randomLine(random)}\r\n` : '+OK fuzz <1.2@fuzz>\r\n'));
  return socket;
}

test('whole sessions against a server speaking random bytes end cleanly with typed errors', async () => {
  const random = generator(SEED + 2);
  const started = Date.now();
  let sessions = 0;
  const outcomes = new Map<string, number>();
  /** A command may fail, but only with the engine's typed error; the session then goes on to the next. */
  const typedFailure = (error: unknown): void => {
    assert.ok(error instanceof Pop3Error, `untyped failure (seed ${SEED}): ${error instanceof Error ? error.stack : String(error)}`);
    outcomes.set(`command ${error.code}`, (outcomes.get(`command ${error.code}`) ?? 0) + 1);
  };
  while (sessions < 300 && Date.now() - started < TIME_BUDGET_MS) {
    sessions += 1;
    const attempt = (async () => {
      const session = await connectPop3({
        host: 'fuzz.invalid',
        port: 110,
        security: 'none',
        allowInsecureAuth: true,
        socketFactory: () => fuzzSocket(random),
        timeouts: { ...FAST_TIMEOUTS, greeting: 50, command: 50, dataIdle: 50, quit: 50 },
        limits: { maxLineBytes: 1024, maxListingLines: 50, maxListingBytes: 4096 },
      });
      await session
        .authenticate({ username: 'u', password: 'p', mechanisms: [random.pick(['USER', 'PLAIN', 'SCRAM-SHA-1', 'CRAM-MD5', 'LOGIN', 'APOP'] as const)] })
        .catch(typedFailure);
      await session.uidl().catch(typedFailure);
      await session.retrieveMany([{ number: 1 }, { number: 2 }], () => new MemorySink()).catch(typedFailure);
      await session.quit();
    })();
    try {
      await attempt;
      outcomes.set('ok', (outcomes.get('ok') ?? 0) + 1);
    } catch (error) {
      if (error instanceof assert.AssertionError) throw error;
      assert.ok(error instanceof Pop3Error, `untyped failure (seed ${SEED}): ${String(error)}`);
      outcomes.set(error.code, (outcomes.get(error.code) ?? 0) + 1);
    }
  }
  assert.ok(sessions >= 50, `only ${sessions} sessions ran in the time budget`);
  assert.ok(outcomes.size > 1, 'the fuzzer reached several outcomes');
});
