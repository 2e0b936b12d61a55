/**
 * The parse step of full-text indexing, per parser, on the benchmark's 2,000 messages of typical sizes
 * (the same generated mail as the as-users-time benchmark, read as POP3 delivers it): processor time
 * per MiB of mail in this one thread, for
 *   - the indexer as it is (parse-message.ts: simple text mail read directly, other shapes by walking
 *     their text parts, whatever those leave through mailparser);
 *   - mailparser for every message (streaming, attachments counted, never held);
 *   - postal-mime for every message (the whole message in memory, every attachment decoded).
 * It also counts the messages for which postal-mime would give the index other text or other
 * attachment records than the indexer does now. Nothing is asserted; it prints a table and a JSON line.
 *
 *   node --import tsx test/bench/index-parsers.bench.ts
 *   MAILBAG_BENCH_SCALE=0.1 node --import tsx test/bench/index-parsers.bench.ts
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import PostalMime from 'postal-mime';
import { indexedText, parseRawMessage } from '../../electron/jobs/parse/parse-message';
import { parsePlainMessage } from '../../electron/jobs/parse/parse-plain';
import { walkTextParts } from '../../electron/jobs/parse/text-parts';
import type { AttachmentInfo, ParsedMessage } from '../../electron/storage/message-index';
import { generateMessages, readExpectedMessage, TYPICAL_MAIL_SIZES } from '../servers/maildir';

const SCALE = Number(process.env['MAILBAG_BENCH_SCALE'] ?? 1);
const COUNT = Math.max(1, Math.round(2_000 * SCALE));
const SEED = 2028;
const MEGABYTE = 1024 * 1024;
/** Messages parsed before timing starts (the code paths warm up). */
const WARM_UP = 100;

/** The indexer's parse of one message held in memory (parse-message.ts's parseStoredMessage, from bytes). */
async function indexerParse(bytes: Buffer): Promise<ParsedMessage> {
  return (await parsePlainMessage(bytes, indexedText)) ?? (await walkTextParts(bytes, indexedText)) ?? parseRawMessage(Readable.from([bytes]));
}

/** What the index would store from a postal-mime parse: the body text and the attachment records. */
async function postalMimeParse(bytes: Buffer): Promise<Pick<ParsedMessage, 'text' | 'attachments'>> {
  const email = await PostalMime.parse(bytes);
  const attachments: AttachmentInfo[] = email.attachments.map((attachment) => ({
    fileName: attachment.filename ?? null,
    contentType: attachment.mimeType,
    size: typeof attachment.content === 'string' ? Buffer.byteLength(attachment.content) : attachment.content.byteLength,
    contentId: attachment.contentId?.replace(/^<|>$/g, '') ?? null,
    inline: attachment.disposition === 'inline' || attachment.related === true,
  }));
  return { text: indexedText(email.text ?? '').text, attachments };
}

/** Processor time (user + system, milliseconds) of parsing every message with `parse`, after a warm-up. */
async function cpuOf(messages: readonly Buffer[], parse: (bytes: Buffer) => Promise<unknown>): Promise<number> {
  for (const bytes of messages.slice(0, WARM_UP)) await parse(bytes);
  const before = process.cpuUsage();
  for (const bytes of messages) await parse(bytes);
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}

async function main(): Promise<void> {
  console.log(
    `Load: ${os
      .loadavg()
      .map((value) => value.toFixed(2))
      .join(' ')} on ${os.cpus().length} cores.`,
  );
  const work = await mkdtemp(path.join(os.tmpdir(), 'mailbag-bench-parsers-'));
  try {
    const generated = await generateMessages(path.join(work, 'Maildir'), { count: COUNT, seed: SEED, sizes: TYPICAL_MAIL_SIZES });
    const messages = await Promise.all(generated.map((message) => readExpectedMessage(message.path)));
    const mib = messages.reduce((sum, bytes) => sum + bytes.length, 0) / MEGABYTE;
    let quick = 0;
    let walked = 0;
    for (const bytes of messages) {
      if ((await parsePlainMessage(bytes, indexedText)) !== undefined) quick += 1;
      else if ((await walkTextParts(bytes, indexedText)) !== undefined) walked += 1;
    }
    console.log(
      `${COUNT} messages, ${mib.toFixed(1)} MiB: ${quick} read directly, ${walked} by their text parts, ${COUNT - quick - walked} through mailparser.`,
    );
    const results = {
      indexer: await cpuOf(messages, indexerParse),
      mailparser: await cpuOf(messages, (bytes) => parseRawMessage(Readable.from([bytes]))),
      postalMime: await cpuOf(messages, postalMimeParse),
    };
    let otherText = 0;
    let otherAttachments = 0;
    for (const bytes of messages) {
      const now = await indexerParse(bytes);
      const postal = await postalMimeParse(bytes);
      if (postal.text !== now.text) otherText += 1;
      if (JSON.stringify(postal.attachments) !== JSON.stringify(now.attachments)) otherAttachments += 1;
    }
    console.log('\nParsing for the index, one thread (processor time)\n');
    console.log('| parser | CPU ms | CPU ms per MiB |\n| --- | --- | --- |');
    for (const [name, ms] of Object.entries(results)) console.log(`| ${name} | ${ms.toFixed(0)} | ${(ms / mib).toFixed(2)} |`);
    console.log(`\npostal-mime would index other text for ${otherText} and other attachment records for ${otherAttachments} of ${COUNT} messages.`);
    console.log(
      JSON.stringify({
        benchmark: 'index-parsers',
        scale: SCALE,
        load: os.loadavg(),
        messages: COUNT,
        mib: Number(mib.toFixed(1)),
        cpuMsPerMib: Object.fromEntries(Object.entries(results).map(([name, ms]) => [name, Number((ms / mib).toFixed(2))])),
        postalMimeOtherText: otherText,
        postalMimeOtherAttachments: otherAttachments,
      }),
    );
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
