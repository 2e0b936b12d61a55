/**
 * `mailbag search QUERY [--account ACCOUNT] [--folder FOLDER] [--limit N] [--offset N]`: full-text
 * search over subject, addresses and body text (every word must match, the last as a prefix), most
 * recently stored first, in the same table as `list`.
 */
import { parseArgs } from 'node:util';
import { DEFAULT_PAGE_SIZE } from '../../storage/message-queries';
import { UsageError, type Command } from '../command';
import { EXIT } from '../exit-codes';
import { byIdDescending, FLAG_LEGEND, integerFlag, limitFlag, mergedPage, messageTable, selectAccounts, selectFolders, type PageReader } from '../mail-selection';
import { writeResult } from '../output';
import { MAX_LIST_OFFSET } from './list';

const USAGE = `mailbag search QUERY [--account ACCOUNT] [--folder FOLDER] [--limit N] [--offset N]
Every word of QUERY must appear in the subject, an address or the text; the last may be the start of a word.`;

/** `mailbag search`. */
export const searchCommand: Command = {
  name: 'search',
  summary: 'Search the text, subjects and addresses of stored mail',
  usage: USAGE,
  async run(args, context) {
    const { values, positionals } = parseArgs({
      args: [...args],
      options: { folder: { type: 'string' }, account: { type: 'string' }, limit: { type: 'string' }, offset: { type: 'string' } },
      strict: true,
      allowPositionals: true,
    });
    const query = positionals.join(' ').trim();
    if (query === '') throw new UsageError('Say what to search for.');
    const limit = limitFlag(values.limit, DEFAULT_PAGE_SIZE);
    const offset = integerFlag('--offset', values.offset, 0, 0, MAX_LIST_OFFSET);
    const core = await context.openCore();
    try {
      // Mail stored since the last indexing (by `receive`, or before a crash) is indexed first.
      await core.indexPending();
      const accounts = values.account === undefined ? undefined : selectAccounts(core, values.account);
      let sources: PageReader[];
      if (values.folder !== undefined) {
        sources = selectFolders(core, accounts ?? selectAccounts(core, undefined), values.folder).map(
          (folder) => (from: number, count: number) => core.store.search(query, { folderId: folder.id, offset: from, limit: count }),
        );
      } else {
        const accountId = accounts?.[0]?.id;
        sources = [(from: number, count: number) => core.store.search(query, { ...(accountId === undefined ? {} : { accountId }), offset: from, limit: count })];
      }
      const messages = sources.length === 0 ? [] : mergedPage(sources, byIdDescending, offset, limit);
      writeResult(context.streams, context.json, { query, offset, messages }, () =>
        messages.length === 0
          ? `No messages match “${query}”.`
          : `${messageTable(messages)}\n\n${messages.length} message(s) match “${query}”${messages.length === limit ? ` (the first ${limit} from position ${offset + 1}; use --offset for more)` : ''}. ${FLAG_LEGEND}`,
      );
      return EXIT.SUCCESS;
    } finally {
      await core.close();
    }
  },
};
