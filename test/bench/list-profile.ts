/**
 * A profile with one account and a large Inbox, built quickly for timing `mailbag list`: one real
 * message is stored through the store's API, then its row is repeated (same raw bytes, its own
 * subject, sender and date) in one transaction, as indexed mail.
 */
import path from 'node:path';
import { openDatabase } from '../../electron/storage/database';
import { openMessageStore, RAW_DIRECTORY_NAME } from '../../electron/storage/message-store';

const ACCOUNT_ID = 'bench-list';
const MINUTE_MS = 60_000;

/** Creates `count` Inbox messages in the profile directory `profile` (which must be empty). */
export async function buildListProfile(profile: string, count: number): Promise<void> {
  const database = openDatabase(path.join(profile, 'mailbag.sqlite'));
  try {
    database.prepare("insert into accounts (id, name, email, created_at) values (?, 'Bench list', 'list@example.com', 1)").run(ACCOUNT_ID);
    const store = await openMessageStore({ database, rawDirectory: path.join(profile, RAW_DIRECTORY_NAME) });
    try {
      store.ensureDefaultFolders(ACCOUNT_ID);
      const batch = store.beginBatch();
      const written = await batch.addMessage(Buffer.from('From: A <a@example.com>\r\nSubject: Hello\r\n\r\nBody\r\n'));
      await batch.commit([{ accountId: ACCOUNT_ID, folder: 'inbox', message: written }]);
    } finally {
      await store.close();
    }
    const template = database.prepare('select * from messages limit 1').get() as Record<string, unknown>;
    const insert = database.prepare(
      `insert into messages (account_id, folder_id, pack_id, pack_offset, raw_file, size, sha256, received_at, sort_date, indexed_at,
         subject, from_name, from_address, date, snippet, seen)
       values (@account_id, @folder_id, @pack_id, @pack_offset, @raw_file, @size, @sha256, @at, @at, @at, @subject, @name, @address, @at, @snippet, @seen)`,
    );
    const start = Date.now() - count * MINUTE_MS;
    database
      .transaction(() => {
        for (let index = 1; index < count; index += 1) {
          insert.run({
            ...template,
            at: start + index * MINUTE_MS,
            subject: `Message number ${index} about the quarterly report`,
            name: `Sender ${index % 97}`,
            address: `sender${index % 97}@example.com`,
            snippet: 'Lorem ipsum dolor sit amet, consectetur adipiscing elit.',
            seen: index % 10 === 0 ? 0 : 1,
          });
        }
      })
      .immediate();
  } finally {
    database.close();
  }
}
