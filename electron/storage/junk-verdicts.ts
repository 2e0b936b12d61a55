/**
 * The junk verdict of messages as the user gives it (Mark as junk / Not junk): junk goes to the Junk
 * folder of its account, mail marked not junk that sits in Junk goes back to the Inbox. Only this
 * computer's copy moves: a junk verdict never deletes anything on the server.
 */
import { MailbagError } from '../../shared/errors';
import type { SqliteDatabase } from './database';
import { folderIdForRole } from './folders';

/** junk or ham (not junk), as stored in message_junk. */
export type JunkVerdict = 'junk' | 'ham';

/** What marking did: the messages whose verdict changed, and those moved. */
export interface JunkMarking {
  readonly marked: number;
  readonly moved: number;
}

/** Records the user's verdict on messages and files them accordingly, in one transaction. */
export function markJunk(database: SqliteDatabase, ids: readonly number[], verdict: JunkVerdict, now = Date.now()): JunkMarking {
  const find = database.prepare<[number], { account_id: string | null; folder_id: number; role: string | null }>(
    'select m.account_id, m.folder_id, f.role from messages m join folders f on f.id = m.folder_id where m.id = ?',
  );
  const record = database.prepare(
    `insert into message_junk (message_id, verdict, source, score, updated_at) values (?, ?, 'user', null, ?)
       on conflict (message_id) do update set verdict = excluded.verdict, source = 'user', score = null, updated_at = excluded.updated_at`,
  );
  const move = database.prepare('update messages set folder_id = ? where id = ?');
  return database
    .transaction(() => {
      let moved = 0;
      for (const id of ids) {
        const message = find.get(id);
        if (message === undefined) throw new MailbagError('NOT_FOUND', `There is no message ${id}.`);
        record.run(id, verdict, now);
        if (message.account_id === null) continue;
        if (verdict === 'junk' && message.role !== 'junk') {
          moved += move.run(folderIdForRole(database, message.account_id, 'junk'), id).changes;
        } else if (verdict === 'ham' && message.role === 'junk') {
          moved += move.run(folderIdForRole(database, message.account_id, 'inbox'), id).changes;
        }
      }
      return { marked: ids.length, moved };
    })
    .immediate();
}
