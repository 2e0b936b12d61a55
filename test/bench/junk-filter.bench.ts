/**
 * The learning junk filter's speed: tokenizing, training on and scoring 10,000 generated messages
 * (half junk, half good mail, from a seed), in memory, as the store's batch does between two reads of
 * the counts. The target is under 5 s for all of it on an ordinary machine; a benchmark, not a test:
 * nothing here asserts a time. It prints a table and one JSON line.
 *
 *   node --import tsx test/bench/junk-filter.bench.ts
 *   MAILBAG_BENCH_MESSAGES=2000 node --import tsx test/bench/junk-filter.bench.ts
 */
import { performance } from 'node:perf_hooks';
import { JUNK_THRESHOLD, junkScore, junkTokens, MemoryJunkCorpus } from '../../electron/storage/junk-bayes';
import { junkCorpus } from '../support/junk-corpus';

const MESSAGE_COUNT = positiveInteger('MAILBAG_BENCH_MESSAGES', 10_000);
const SEED = 2026;
const TARGET_MS = 5_000;

function positiveInteger(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isSafeInteger(value) || value <= 0) throw new Error(`${name} must be a positive whole number`);
  return value;
}

const corpus = junkCorpus(SEED, Math.ceil(MESSAGE_COUNT / 2));
const started = performance.now();
const tokens = corpus.map((message) => junkTokens(message.document));
const tokenized = performance.now();
const filter = new MemoryJunkCorpus();
corpus.forEach((message, index) => filter.train(tokens[index] ?? [], message.junk ? 'junk' : 'ham'));
const trained = performance.now();
let judgedJunk = 0;
for (const own of tokens) if (junkScore(filter, own) >= JUNK_THRESHOLD) judgedJunk += 1;
const scored = performance.now();

const rows: Array<[string, number]> = [
  ['tokenize', tokenized - started],
  ['train', trained - tokenized],
  ['score', scored - trained],
  ['total', scored - started],
];
console.log(`Junk filter on ${corpus.length} messages (target: total under ${TARGET_MS} ms)`);
for (const [step, ms] of rows) console.log(`${step.padEnd(10)} ${ms.toFixed(0).padStart(8)} ms`);
console.log(`judged junk: ${judgedJunk} of ${corpus.length}`);
console.log(
  JSON.stringify({
    benchmark: 'junk-filter',
    messages: corpus.length,
    ...Object.fromEntries(rows.map(([step, ms]) => [`${step}Ms`, Math.round(ms)])),
    targetMs: TARGET_MS,
  }),
);
