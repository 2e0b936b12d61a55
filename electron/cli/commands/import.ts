/**
 * `mailbag import mbox|eml|maildir PATH [--folder NAME] [--account ACCOUNT] [--dialect D]`: brings
 * mail from another program into a folder of an account, through the store's normal write path (see
 * services/import). Messages already stored in the account are not stored again; what cannot be read
 * is listed with its offset; Ctrl-C stops after the batch in progress, keeping what was imported.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { MailbagError } from '../../../shared/errors';
import { importProblemWords } from '../../../shared/import-problems';
import { terminalJson, visibleControls } from '../../../shared/terminal-text';
import { folderDisplayName } from '../../../shared/folder-words';
import type { FolderRoleName } from '../../../shared/mail';
import type { Core } from '../../main/core';
import { IMPORT_FORMATS, type ImportFormat } from '../../jobs/import/import-job';
import type { ImportReport } from '../../jobs/import/import-messages';
import { MBOX_DIALECTS, type MboxDialect } from '../../jobs/import/mbox-reader';
import { runImportInWorker } from '../../workers/import-client';
import { CliError, translatorOf, UsageError, type Command } from '../command';
import type { Translate } from '../../../shared/i18n/catalogs';
import { EXIT } from '../exit-codes';
import { selectFolders } from '../mail-selection';
import { createProgressReporter } from '../progress';
import { EUDORA_USAGE, runEudoraImport } from './import-eudora';
import { runThunderbirdImport, THUNDERBIRD_USAGE } from './import-thunderbird';
import { processInterrupts, type InterruptSource } from './receive';

/** Problems printed in full; the rest are counted (all of them are in `--json`). */
export const MAX_PROBLEMS_PRINTED = 50;

const USAGE = `mailbag import mbox|eml|maildir PATH [--folder NAME] [--account ACCOUNT] [--dialect auto|mboxo|mboxrd|mboxcl|mboxcl2]
       mailbag import outlook FILE [--folder NAME] [--account ACCOUNT]
       ${THUNDERBIRD_USAGE}
${EUDORA_USAGE}`;

function formatOf(text: string | undefined): ImportFormat {
  const format = IMPORT_FORMATS.find((candidate) => candidate === text);
  if (format === undefined) throw new UsageError('cli.import.sayFormat');
  return format;
}

function dialectOf(text: string | undefined): MboxDialect | 'auto' {
  if (text === undefined || text === 'auto') return 'auto';
  const dialect = MBOX_DIALECTS.find((candidate) => candidate === text);
  if (dialect === undefined) throw new UsageError('cli.import.dialect');
  return dialect;
}

/** The name of the folder an import makes by default: the source's file or folder name. */
export function folderNameFor(source: string): string {
  const base =
    source
      .replace(/[\\/]+$/, '')
      .split(/[\\/]/)
      .at(-1) ?? '';
  const withoutExtension = base.replace(/\.(mbox|mbx|eml|pst|ost)$/i, '');
  return (withoutExtension === '' ? base : withoutExtension).slice(0, 200) || 'Imported';
}

function accountFor(core: Core, reference: string | undefined): string {
  if (reference !== undefined) return core.accounts.find(reference).id;
  const accounts = core.accounts.list();
  if (accounts.length === 1 && accounts[0] !== undefined) return accounts[0].id;
  throw new UsageError(accounts.length === 0 ? 'cli.import.noAccount' : 'cli.import.nameAccount');
}

/** The folder called NAME in the account (by name or role), created when there is none. */
function folderFor(core: Core, accountId: string, name: string): { id: number; name: string; role: FolderRoleName | null; created: boolean } {
  core.store.ensureDefaultFolders(accountId);
  try {
    const [found] = selectFolders(core, [core.accounts.get(accountId)], name, { localByName: false });
    if (found !== undefined) return { id: found.id, name: found.name, role: found.role, created: false };
  } catch (error) {
    if (!(error instanceof MailbagError && error.code === 'NOT_FOUND')) throw error;
  }
  return { id: core.store.createFolder(accountId, name), name: name.trim(), role: null, created: true };
}

/** Checks the source before a worker starts: it must exist and be of the kind named. */
async function checkSource(format: ImportFormat, source: string): Promise<number> {
  const stat = await fs.stat(source).catch((error: unknown) => {
    throw new CliError('NOT_FOUND', 'cli.import.noSource', { source, code: (error as NodeJS.ErrnoException).code ?? 'error' });
  });
  if ((format === 'mbox' || format === 'outlook') && !stat.isFile()) throw new CliError('VALIDATION', 'cli.import.notFile', { source });
  if (format === 'maildir' && !stat.isDirectory()) throw new CliError('VALIDATION', 'cli.import.notMaildir', { source });
  return format === 'mbox' ? stat.size : 0;
}

function summaryText(report: ImportReport, folder: string, t: Translate): string {
  const lines = [
    t('cli.import.summaryLine', {
      cancelled: report.cancelled ? 'yes' : 'no',
      imported: report.imported,
      folder: visibleControls(folder),
      duplicates: report.duplicates,
      skipped: report.skipped,
      problems: report.problems.length,
    }),
  ];
  for (const problem of report.problems.slice(0, MAX_PROBLEMS_PRINTED)) {
    const reason = visibleControls(importProblemWords(t, problem.reason));
    lines.push(
      `  ${
        problem.file === undefined
          ? t('cli.import.bytesProblem', { from: problem.offset, to: problem.offset + problem.length, reason })
          : t('cli.import.messageProblem', { file: visibleControls(problem.file), reason })
      }`,
    );
  }
  if (report.problems.length > MAX_PROBLEMS_PRINTED) lines.push(`  ${t('cli.import.moreProblems', { count: report.problems.length - MAX_PROBLEMS_PRINTED })}`);
  return lines.join('\n');
}

/** `mailbag import`, with the Ctrl-C source (tests pass their own). */
export function createImportCommand(interrupts: InterruptSource): Command {
  return {
    name: 'import',
    summary: 'cli.import.summary',
    usage: USAGE,
    help: 'cli.import.help',
    async run(args, context) {
      if (args[0] === 'thunderbird') return runThunderbirdImport(args.slice(1), context, interrupts);
      if (args[0] === 'eudora') return runEudoraImport(args.slice(1), context, interrupts);
      const { values, positionals } = parseArgs({
        args: [...args],
        options: { folder: { type: 'string' }, account: { type: 'string' }, dialect: { type: 'string' } },
        strict: true,
        allowPositionals: true,
      });
      const [formatText, sourceText, ...extra] = positionals;
      const format = formatOf(formatText);
      if (sourceText === undefined || sourceText === '') throw new UsageError('cli.import.nameSource');
      if (extra.length > 0) throw new UsageError('cli.usage.unexpected', { argument: extra[0] ?? '' });
      const dialect = dialectOf(values.dialect);
      if (dialect !== 'auto' && format !== 'mbox') throw new UsageError('cli.import.dialectMbox');
      const source = path.resolve(sourceText);
      const core = await context.openCore();
      const cancelling = new AbortController();
      const stopListening = interrupts(() => cancelling.abort());
      try {
        const accountId = accountFor(core, values.account);
        const total = await checkSource(format, source);
        const folder = folderFor(core, accountId, values.folder ?? folderNameFor(source));
        const translator = translatorOf(context);
        const { t } = translator;
        const label = t('cli.import.progress');
        const progress = context.json ? undefined : createProgressReporter(context.streams.stderr, translator);
        const outcome = await runImportInWorker(
          { format, source, dialect, accountId, folderId: folder.id, ...core.paths },
          {
            signal: cancelling.signal,
            onProgress: ({ messages, sourceBytes }) =>
              total > 0 ? progress?.update(label, Math.min(sourceBytes, total), total) : progress?.update(label, messages, messages),
          },
        );
        if (outcome.status === 'failed') {
          progress?.finish(t('cli.import.finished', { outcome: 'failed' }));
          throw MailbagError.fromData(outcome.error);
        }
        const { report, dialect: used } = outcome;
        progress?.finish(t('cli.import.finished', { outcome: report.cancelled ? 'cancelled' : 'done' }));
        const result = {
          format,
          source,
          ...(used === undefined ? {} : { dialect: used }),
          account: accountId,
          folder: folder.name,
          folderCreated: folder.created,
          ...report,
        };
        if (context.json) context.streams.stdout.write(`${terminalJson(result)}\n`);
        else context.streams.stdout.write(`${summaryText(report, folderDisplayName(t, folder), t)}\n`);
        if (report.cancelled) return EXIT.FAILURE;
        return report.problems.length > 0 ? EXIT.PARTIAL : EXIT.SUCCESS;
      } finally {
        stopListening();
        await core.close();
      }
    },
  };
}

/** `mailbag import`, cancelled by Ctrl-C (SIGINT). */
export const importCommand: Command = createImportCommand(processInterrupts);
