/**
 * `mailbag search QUERY [--account ACCOUNT] [--folder FOLDER] [--sort date|relevance] [--limit N |
 * --all] [--offset N]`: search in the same language as the window's search box (README, "Search"),
 * newest first or most relevant first, in the same table as `list`.
 */
import { parseArgs } from 'node:util';
import { describeSearchSyntaxError } from '../../../shared/search-query';
import { DEFAULT_PAGE_SIZE } from '../../storage/message-queries';
import type { SearchSort } from '../../storage/message-search';
import { CliError, translatorOf, UsageError, type Command } from '../command';
import { EXIT } from '../exit-codes';
import { flagLegend, integerFlag, limitOrAll, messageTable, selectAccounts, selectFolders } from '../mail-selection';
import { writeResult } from '../output';
import { MAX_LIST_OFFSET } from './list';
import { storeMissingHeaderSections } from '../../storage/rule-engine';

const USAGE = 'mailbag search QUERY [--account ACCOUNT] [--folder FOLDER] [--sort date|relevance] [--limit N | --all] [--offset N]';

/** The locale whose short date form QUERY's dates may be written in: the one the environment sets. */
function environmentLocale(): string {
  return Intl.DateTimeFormat().resolvedOptions().locale;
}

function sortFlag(text: string | undefined): SearchSort {
  if (text === undefined || text === 'date' || text === 'relevance') return text ?? 'date';
  throw new UsageError('cli.search.sort');
}

/** `mailbag search`. */
export const searchCommand: Command = {
  name: 'search',
  summary: 'cli.search.summary',
  usage: USAGE,
  help: 'cli.search.help',
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
    if (query === '') throw new UsageError('cli.search.nothing');
    const limit = limitOrAll(values.limit, values.all === true, DEFAULT_PAGE_SIZE);
    const offset = integerFlag('--offset', values.offset, 0, 0, MAX_LIST_OFFSET);
    const sort = sortFlag(values.sort);
    const core = await context.openCore();
    try {
      // Mail stored since the last indexing (by `receive`, or before a crash) is indexed first.
      await core.indexPending();
      // A run that stopped early (the store too busy for too long) leaves the rest for the next search,
      // and this search says its answer may miss mail rather than answer from a partial index silently.
      if (core.store.hasUnindexed()) context.streams.stderr.write(`mailbag: ${translatorOf(context).t('cli.search.indexIncomplete')}\n`);
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
        throw new CliError(
          'VALIDATION',
          'cli.search.syntax',
          { description: describeSearchSyntaxError(query, outcome.error) },
          {
            detail: { id: 'cli.search.position', values: { position: outcome.error.position } },
            localized: (t) => ({ description: describeSearchSyntaxError(query, outcome.error, t) }),
          },
        );
      const { total, messages } = outcome;
      const translator = translatorOf(context);
      const { t } = translator;
      const more = offset + messages.length < total;
      const found =
        total === messages.length
          ? t(more ? 'cli.search.countMore' : 'cli.search.count', { total, query })
          : t(more ? 'cli.search.rangeMore' : 'cli.search.range', { first: offset + 1, last: offset + messages.length, total, query });
      writeResult(context.streams, context.json, { query, sort, total, offset, messages }, () =>
        messages.length === 0
          ? offset > 0 && total > 0
            ? t('cli.search.noneFrom', { query, offset: offset + 1, total })
            : t('cli.search.none', { query, total })
          : `${messageTable(messages, translator)}\n\n${found} ${flagLegend(t)}`,
      );
      return EXIT.SUCCESS;
    } finally {
      await core.close();
    }
  },
};
