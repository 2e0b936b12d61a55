/**
 * Worker of the concurrent-writers test: opens its own connection to the profile and stores many
 * messages, one commit each (a read of the journal, then the inserts), while other workers do the same.
 */
import path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../../../electron/storage/database';
import { openMessageStore } from '../../../electron/storage/message-store';

const { directory, prefix, count } = workerData as { directory: string; prefix: string; count: number };

async function main(): Promise<void> {
  const database = openDatabase(path.join(directory, 'mailbag.sqlite'));
  try {
    const store = await openMessageStore({ database, rawDirectory: path.join(directory, 'messages'), maintenance: false });
    for (let index = 0; index < count; index += 1) {
      const bytes = Buffer.from(`Subject: ${prefix} ${index}\r\n\r\nBody ${index}\r\n`);
      await store.addMessage({ accountId: 'a1', folder: 'inbox', pop: { uidl: `${prefix}-${index}`, state: 'downloaded' } }, bytes);
    }
    parentPort?.postMessage({ ok: true });
  } catch (error) {
    parentPort?.postMessage({
      ok: false,
      message: error instanceof Error ? `${error.message} ${String((error as { detail?: string }).detail ?? '')}` : String(error),
    });
  } finally {
    database.close();
  }
}

void main();
