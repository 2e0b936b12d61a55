/**
 * `mailbag search QUERY [--account ACCOUNT] [--folder FOLDER] [--sort date|relevance] [--limit N |
 * --all] [--offset N]`: search in the same language as the window's search box (README, "Search"),
 * newest first or most relevant first, in the same table as `list`.
 */
import { parseArgs } from 'node:util';
import { MailbagError } from '../../../shared/errors';
import { describeSearchSyntaxError } from '../../../shared/search-query';
import { DEFAULT_PAGE_SIZE } from '../../storage/message-queries';
import type { SearchSort } from '../../storage/message-search';
import { translatorOf, UsageError, type Command } from '../command';
import { EXIT } from '../exit-codes';
import { flagLegend, integerFlag, limitOrAll, messageTable, selectAccounts, selectFolders } from '../mail-selection';
import { writeResult } from '../output';
import { MAX_LIST_OFFSET } from './list';
import { storeMissingHeaderSections } from '../../storage/rule-engine';

const USAGE = `mailbag search QUERY [--account ACCOUNT] [--folder FOLDER] [--sort date|relevance] [--limit N | --all] [--offset N]
QUERY: words (the last may be the start of a word), "exact phrases", from: to: cc: subject: filename:
has:attachment is:unread is:read is:flagged in:FOLDER before: after: on: (2026-03-14 or your own
short date) larger: smaller: (5M, 200K), OR, -word for NOT and (parentheses). Quote QUERY for the shell.`;

/** The locale whose short date form QUERY's dates may be written in: the one the environment sets. */
function environmentLocale(): string {
  return Intl.DateTimeFormat().resolvedOptions().locale;
}

function sortFlag(text: string | undefined): SearchSort {
  if (text === undefined || text === 'date' || text === 'relevance') return text ?? 'date';
  throw new UsageError('--sort takes date or relevance.');
}

/** `mailbag search`. */
export const searchCommand: Command = {
  name: 'search',
  summary: 'Search stored mail (words, "phrases", from:, subject:, is:unread, before:, OR, -word, …)',
  usage: USAGE,
  async run(args, context) {
    const { values, positionals } = parseArgs({
      args: [...args],
      options: {
        folder: { type: 'string' },
        account: { type: 'string' },
        limit: { type: 'string' },
        all: { type: 'boolean' },
        offset: { type: 'string' },
        sort: { type: 'string' },
      },
      strict: true,
      allowPositionals: true,
    });
    const query = positionals.join(' ').trim();
    if (query === '') throw new UsageError('Say what to search for.');
    const limit = limitOrAll(values.limit, values.all === true, DEFAULT_PAGE_SIZE);
    const offset = integerFlag('--offset', values.offset, 0, 0, MAX_LIST_OFFSET);
    const sort = sortFlag(values.sort);
    const core = await context.openCore();
    try {
      // Mail stored since the last indexing (by `receive`, or before a crash) is indexed first.
      await core.indexPending();
      await storeMissingHeaderSections(core.store, query);
      const accounts = values.account === undefined ? undefined : selectAccounts(core, values.account);
      const folderIds =
        values.folder === undefined
          ? undefined
          : selectFolders(core, accounts ?? selectAccounts(core, undefined), values.folder, { localByName: accounts === undefined }).map((folder) => folder.id);
      const accountId = accounts?.[0]?.id;
      const outcome = core.store.search(query, {
        sort,
        locale: environmentLocale(),
        offset,
        limit,
        ...(accountId === undefined ? {} : { accountId }),
        ...(folderIds === undefined ? {} : { folderIds }),
      });
      if (!outcome.ok)
        throw new MailbagError('VALIDATION', describeSearchSyntaxError(query, outcome.error), { detail: `position ${outcome.error.position} of the query` });
      const { total, messages } = outcome;
      const shown = `${offset + 1}–${offset + messages.length}`;
      writeResult(context.streams, context.json, { query, sort, total, offset, messages }, () =>
        messages.length === 0
          ? `No messages match “${query}”${offset > 0 && total > 0 ? ` from position ${offset + 1}` : ''} (${total} in all).`
          : `${messageTable(messages)}\n\n${total === messages.length ? `${total} message(s)` : `Messages ${shown} of ${total}`} match “${query}”${
              offset + messages.length < total ? ' (use --offset or --all for more)' : ''
            }. ${flagLegend(translatorOf(context).t)}`,
      );
      return EXIT.SUCCESS;
    } finally {
      await core.close();
    }
  },
};
