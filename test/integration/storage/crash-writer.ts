/**
 * A child process for the crash-safety test: stores COUNT messages in batches, as Send/Receive will
 * (skip UIDLs the journal knows, stream each message into a sink, one commit per batch), printing
 * `ready` once the store is open and `committed <uidl…>` after each commit. The test kills it at a
 * random moment.
 *
 *   node --import tsx crash-writer.ts PROFILE COUNT BATCH
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { readPopJournal } from '../../../electron/storage/pop-journal';
import type { MessageSink } from '../../../electron/storage/raw-batch';
import { ACCOUNT, openTestStore } from '../../unit/storage/store-fixture';
import { crashMessage } from './crash-messages';

async function main(): Promise<void> {
  const [profile, countText, batchText] = process.argv.slice(2);
  if (profile === undefined) throw new Error('usage: crash-writer PROFILE COUNT BATCH');
  const count = Number(countText);
  const batchSize = Number(batchText);
  const { database, store } = await openTestStore(profile);
  process.stdout.write('ready\n');
  const known = readPopJournal(database, ACCOUNT);
  const wanted = Array.from({ length: count }, (_, index) => `UID-${index}`).filter((uidl) => !known.has(uidl));
  for (let first = 0; first < wanted.length; first += batchSize) {
    const uidls = wanted.slice(first, first + batchSize);
    const batch = store.beginBatch();
    const sinks: MessageSink[] = [];
    for (const uidl of uidls) {
      const sink = batch.createMessageSink();
      const bytes = crashMessage(uidl);
      const chunks = [];
      for (let offset = 0; offset < bytes.length; offset += 16 * 1024) chunks.push(bytes.subarray(offset, offset + 16 * 1024));
      await pipeline(Readable.from(chunks), sink);
      sinks.push(sink);
    }
    await batch.commit(
      uidls.map((uidl, index) => ({
        accountId: ACCOUNT,
        folder: 'inbox' as const,
        message: sinks[index] ?? sink0(),
        pop: { uidl, state: 'downloaded' as const },
      })),
    );
    process.stdout.write(`committed ${uidls.join(' ')}\n`);
  }
  database.close();
}

function sink0(): never {
  throw new Error('missing sink');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
