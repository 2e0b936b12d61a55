/**
 * The part of `mailbag import thunderbird|eudora` after the sources are known: one import worker for
 * every tree (the same worker and write path as `import mbox`), progress on a terminal, Ctrl-C keeping
 * what was stored, and the summary with every part that could not be read, by file and offset.
 */
import { MailbagError } from '../../../shared/errors';
import { visibleControls } from '../../../shared/terminal-text';
import type { Core } from '../../main/core';
import type { ImportTree, TreeImportFormat } from '../../jobs/import/import-job';
import type { ImportReport } from '../../jobs/import/import-messages';
import { runImportInWorker } from '../../workers/import-client';
import type { CommandContext } from '../command';
import { createProgressReporter } from '../progress';
import type { InterruptSource } from './receive';

const PROGRESS_LABEL = 'Importing';
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
    const progress = context.json ? undefined : createProgressReporter(context.streams.stderr);
    const outcome = await runImportInWorker(
      { format, trees, ...core.paths },
      {
        signal: cancelling.signal,
        onProgress: ({ messages, sourceBytes }) =>
          totalBytes > 0
            ? progress?.update(PROGRESS_LABEL, Math.min(sourceBytes, totalBytes), totalBytes)
            : progress?.update(PROGRESS_LABEL, messages, messages),
      },
    );
    if (outcome.status === 'failed') {
      progress?.finish(`${PROGRESS_LABEL}: failed.`);
      throw MailbagError.fromData(outcome.error);
    }
    progress?.finish(`${PROGRESS_LABEL}: ${outcome.report.cancelled ? 'cancelled' : 'done'}.`);
    return { report: outcome.report, mailboxes: outcome.mailboxes ?? 0 };
  } finally {
    stopListening();
  }
}

/** The summary lines of a tree import. */
export function treeSummary(result: TreeImportResult): string[] {
  const { report } = result;
  const lines = [
    `${report.cancelled ? 'Cancelled: imported' : 'Imported'} ${report.imported} message(s) from ${result.mailboxes} mailbox(es); ${report.duplicates} already stored, ${report.skipped} deleted there and left out, ${report.problems.length} part(s) could not be read.`,
  ];
  for (const problem of report.problems.slice(0, MAX_PROBLEMS_PRINTED)) {
    lines.push(
      `  not imported: ${visibleControls(problem.file ?? '')} bytes ${problem.offset}–${problem.offset + problem.length}: ${visibleControls(problem.reason)}`,
    );
  }
  if (report.problems.length > MAX_PROBLEMS_PRINTED) lines.push(`  … and ${report.problems.length - MAX_PROBLEMS_PRINTED} more (--json lists them all)`);
  return lines;
}
