/**
 * The part of `mailbag import thunderbird|eudora` after the sources are known: one import worker for
 * every tree (the same worker and write path as `import mbox`), progress on a terminal, Ctrl-C keeping
 * what was stored, and the summary with every part that could not be read, by file and offset.
 */
import { MailbagError } from '../../../shared/errors';
import { importProblemWords } from '../../../shared/import-problems';
import { visibleControls } from '../../../shared/terminal-text';
import type { Core } from '../../main/core';
import type { ImportTree, TreeImportFormat } from '../../jobs/import/import-job';
import type { ImportReport } from '../../jobs/import/import-messages';
import { runImportInWorker } from '../../workers/import-client';
import { translatorOf, type CommandContext } from '../command';
import type { Translator } from '../../../shared/i18n/catalogs';
import { createProgressReporter } from '../progress';
import type { InterruptSource } from './receive';

/** Problems printed in full; the rest are counted (all of them are in `--json`). */
const MAX_PROBLEMS_PRINTED = 50;

/** What a tree import did. */
export interface TreeImportResult {
  readonly report: ImportReport;
  readonly mailboxes: number;
}

/** Runs the import of `trees` in the import worker (see the module comment). */
export async function importTreesInWorker(
  core: Core,
  context: CommandContext,
  interrupts: InterruptSource,
  format: TreeImportFormat,
  trees: readonly ImportTree[],
  totalBytes: number,
): Promise<TreeImportResult> {
  const cancelling = new AbortController();
  const stopListening = interrupts(() => cancelling.abort());
  try {
    const translator = translatorOf(context);
    const { t } = translator;
    const label = t('cli.import.progress');
    const progress = context.json ? undefined : createProgressReporter(context.streams.stderr, translator);
    const outcome = await runImportInWorker(
      { format, trees, ...core.paths },
      {
        signal: cancelling.signal,
        onProgress: ({ messages, sourceBytes }) =>
          totalBytes > 0 ? progress?.update(label, Math.min(sourceBytes, totalBytes), totalBytes) : progress?.update(label, messages, messages),
      },
    );
    if (outcome.status === 'failed') {
      progress?.finish(t('cli.import.finished', { outcome: 'failed' }));
      throw MailbagError.fromData(outcome.error);
    }
    progress?.finish(t('cli.import.finished', { outcome: outcome.report.cancelled ? 'cancelled' : 'done' }));
    return { report: outcome.report, mailboxes: outcome.mailboxes ?? 0 };
  } finally {
    stopListening();
  }
}

/** The summary lines of a tree import. */
export function treeSummary(result: TreeImportResult, translator: Translator): string[] {
  const { t } = translator;
  const { report } = result;
  const lines = [
    t('cli.import.treeSummary', {
      cancelled: report.cancelled ? 'yes' : 'no',
      imported: report.imported,
      mailboxes: result.mailboxes,
      duplicates: report.duplicates,
      skipped: report.skipped,
      problems: report.problems.length,
    }),
  ];
  for (const problem of report.problems.slice(0, MAX_PROBLEMS_PRINTED)) {
    const values = {
      file: visibleControls(problem.file ?? ''),
      from: problem.offset,
      to: problem.offset + problem.length,
      reason: visibleControls(importProblemWords(t, problem.reason)),
    };
    lines.push(`  ${t('cli.import.fileProblem', values)}`);
  }
  if (report.problems.length > MAX_PROBLEMS_PRINTED) lines.push(`  ${t('cli.import.moreProblems', { count: report.problems.length - MAX_PROBLEMS_PRINTED })}`);
  return lines;
}
