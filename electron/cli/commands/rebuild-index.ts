/**
 * `mailbag rebuild-index`: forgets everything derived from the raw bytes (index columns, attachment
 * metadata, the full-text index) and rebuilds it in the parse workers, which write it too, with progress. Raw mail, flags,
 * folders, the POP journal and the audit log are untouched.
 */
import { parseArgs } from 'node:util';
import { countMessages, countMessagesWithParseProblems } from '../../storage/message-counts';
import type { MessageIndexer, MessageParser } from '../../storage/message-index';
import { startParseWorkers } from '../../workers/parse-client';
import { translatorOf, type Command } from '../command';
import { EXIT } from '../exit-codes';
import { writeResult } from '../output';
import { createProgressReporter } from '../progress';

/** Label of the progress display. */

/** `mailbag rebuild-index`. */
export const rebuildIndexCommand: Command = {
  name: 'rebuild-index',
  summary: 'cli.rebuildIndex.summary',
  usage: 'mailbag rebuild-index',
  async run(args, context) {
    parseArgs({ args: [...args], options: {}, strict: true, allowPositionals: false });
    const core = await context.openCore();
    const parser = startParseWorkers();
    try {
      const total = countMessages(core.database);
      const translator = translatorOf(context);
      const { t } = translator;
      const label = t('cli.rebuildIndex.progress');
      const progress = context.json ? undefined : createProgressReporter(context.streams.stderr, translator);
      let done = 0;
      const parse: MessageParser = async (requests) => {
        const results = await parser.parse(requests);
        done += results.length;
        progress?.update(label, done, total);
        return results;
      };
      const started = Date.now();
      const write = parser.indexer({ databaseFile: core.paths.databaseFile });
      const indexer: MessageIndexer = async (requests) => {
        const applied = await write(requests);
        done += requests.length;
        progress?.update(label, done, total);
        return applied;
      };
      const report = await core.store.rebuildIndex(parse, indexer);
      const seconds = (Date.now() - started) / 1000;
      const withProblems = countMessagesWithParseProblems(core.database);
      progress?.finish(t('cli.rebuildIndex.done'));
      const result = { messages: total, indexed: report.indexed, withProblems, seconds };
      writeResult(context.streams, context.json, result, () =>
        t(withProblems > 0 ? 'cli.rebuildIndex.resultProblems' : 'cli.rebuildIndex.result', {
          indexed: report.indexed,
          total,
          seconds: translator.intl.formatNumber(seconds, { style: 'unit', unit: 'second', maximumFractionDigits: 1, minimumFractionDigits: 1 }),
          problems: withProblems,
        }),
      );
      return EXIT.SUCCESS;
    } finally {
      await parser.close();
      await core.close();
    }
  },
};
