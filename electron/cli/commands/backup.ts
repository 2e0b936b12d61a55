/**
 * `mailbag backup DEST` and `mailbag restore SRC [--force]`: a whole profile (index, raw mail,
 * settings) copied consistently while the app may be running, and put back all or nothing. Passwords
 * are never copied: they stay in the system keychain (see services/backup).
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { backupProfile, type BackupProgress } from '../../services/backup/profile-backup';
import { restoreProfile, type RestoreProgress } from '../../services/backup/profile-restore';
import { translatorOf, UsageError, type Command } from '../command';
import { formatByteSize } from '../../../shared/byte-size';
import { formattingLocale, type Translate } from '../../../shared/i18n/catalogs';
import { formatDate } from '../mail-selection';
import { EXIT } from '../exit-codes';
import { writeResult } from '../output';
import { createProgressReporter, type ProgressReporter } from '../progress';

/** Bytes per unit the progress display counts in (whole kilobytes read better than bytes). */
const PROGRESS_UNIT_BYTES = 1024;
/** What the output says about passwords, so nobody expects them in a backup. */

const BACKUP_USAGE = 'mailbag backup DEST';

const RESTORE_USAGE = 'mailbag restore SRC [--force]';

function onlyPath(positionals: readonly string[], what: 'cli.backup.nameDestination' | 'cli.restore.nameSource'): string {
  const [first, ...extra] = positionals;
  if (first === undefined || first === '') throw new UsageError(what);
  if (extra.length > 0) throw new UsageError('cli.usage.unexpected', { argument: extra[0] ?? '' });
  return path.resolve(first);
}

function progressOf(reporter: ProgressReporter | undefined, t: Translate): (progress: BackupProgress | RestoreProgress) => void {
  return ({ phase, done, total }) =>
    reporter?.update(
      t(phase === 'copying' ? 'cli.backup.copying' : 'cli.backup.checking'),
      Math.floor(done / PROGRESS_UNIT_BYTES),
      Math.floor(total / PROGRESS_UNIT_BYTES),
    );
}

/** `mailbag backup`. */
export const backupCommand: Command = {
  name: 'backup',
  summary: 'cli.backup.summary',
  usage: BACKUP_USAGE,
  help: 'cli.backup.help',
  async run(args, context) {
    const { positionals } = parseArgs({ args: [...args], options: {}, strict: true, allowPositionals: true });
    const destination = onlyPath(positionals, 'cli.backup.nameDestination');
    const translator = translatorOf(context);
    const { t } = translator;
    const progress = context.json ? undefined : createProgressReporter(context.streams.stderr, translator);
    const report = await backupProfile(context.profileDir, destination, { onProgress: progressOf(progress, t) });
    progress?.finish(t('cli.backup.done'));
    writeResult(
      context.streams,
      context.json,
      { ...report, passwordsIncluded: false },
      () =>
        `${t('cli.backup.result', { count: report.messages, size: formatByteSize(report.bytes, formattingLocale(translator.locale)), profile: context.profileDir, destination: report.destination })}\n${t('cli.backup.passwords')}`,
    );
    return EXIT.SUCCESS;
  },
};

/** `mailbag restore`. */
export const restoreCommand: Command = {
  name: 'restore',
  summary: 'cli.restore.summary',
  usage: RESTORE_USAGE,
  help: 'cli.restore.help',
  async run(args, context) {
    const { values, positionals } = parseArgs({ args: [...args], options: { force: { type: 'boolean' } }, strict: true, allowPositionals: true });
    const source = onlyPath(positionals, 'cli.restore.nameSource');
    const translator = translatorOf(context);
    const { t } = translator;
    const progress = context.json ? undefined : createProgressReporter(context.streams.stderr, translator);
    const report = await restoreProfile(source, context.profileDir, { force: values.force === true, onProgress: progressOf(progress, t) });
    progress?.finish(t('cli.restore.done'));
    writeResult(context.streams, context.json, { source, ...report }, () =>
      [
        t('cli.restore.result', { count: report.messages, date: formatDate(report.backupCreatedAt, translator), profile: report.profileDir }),
        ...(report.replacedProfile === undefined ? [] : [t('cli.restore.replaced', { path: report.replacedProfile })]),
        t('cli.restore.passwords'),
      ].join('\n'),
    );
    return EXIT.SUCCESS;
  },
};
