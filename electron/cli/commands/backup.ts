/**
 * `mailbag backup DEST` and `mailbag restore SRC [--force]`: a whole profile (index, raw mail,
 * settings) copied consistently while the app may be running, and put back all or nothing. Passwords
 * are never copied: they stay in the system keychain (see services/backup).
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { backupProfile, type BackupProgress } from '../../services/backup/profile-backup';
import { restoreProfile, type RestoreProgress } from '../../services/backup/profile-restore';
import { UsageError, type Command } from '../command';
import { EXIT } from '../exit-codes';
import { writeResult } from '../output';
import { createProgressReporter, type ProgressReporter } from '../progress';

/** Bytes per unit the progress display counts in (whole kilobytes read better than bytes). */
const PROGRESS_UNIT_BYTES = 1024;
/** What the output says about passwords, so nobody expects them in a backup. */
export const PASSWORDS_NOTE = 'Passwords are not in the backup: they stay in this computer’s keychain. On another computer, enter them again.';

const BACKUP_USAGE = `mailbag backup DEST
Copies the whole profile (mail index, raw mail, settings and accounts) into the new or empty folder
DEST, consistently even while Mailbag is running or receiving. Passwords are not copied.`;

const RESTORE_USAGE = `mailbag restore SRC [--force]
Puts the backup in SRC in place of the profile, after checking every file and message of it. A
profile that already holds mail is replaced only with --force, and is then kept beside it, renamed.`;

function onlyPath(positionals: readonly string[], what: string): string {
  const [first, ...extra] = positionals;
  if (first === undefined || first === '') throw new UsageError(`Name the ${what}.`);
  if (extra.length > 0) throw new UsageError(`Unexpected argument: ${extra[0] ?? ''}`);
  return path.resolve(first);
}

function progressOf(reporter: ProgressReporter | undefined): (progress: BackupProgress | RestoreProgress) => void {
  return ({ phase, done, total }) =>
    reporter?.update(phase === 'copying' ? 'Copying (KB)' : 'Checking (KB)', Math.floor(done / PROGRESS_UNIT_BYTES), Math.floor(total / PROGRESS_UNIT_BYTES));
}

/** `mailbag backup`. */
export const backupCommand: Command = {
  name: 'backup',
  summary: 'Back up the whole profile into a folder (safe while Mailbag runs)',
  usage: BACKUP_USAGE,
  async run(args, context) {
    const { positionals } = parseArgs({ args: [...args], options: {}, strict: true, allowPositionals: true });
    const destination = onlyPath(positionals, 'folder to back up into');
    const progress = context.json ? undefined : createProgressReporter(context.streams.stderr);
    const report = await backupProfile(context.profileDir, destination, { onProgress: progressOf(progress) });
    progress?.finish('Backup: done.');
    writeResult(
      context.streams,
      context.json,
      { ...report, passwordsIncluded: false },
      () =>
        `Backed up ${report.messages} message(s) (${report.bytes} bytes) and the settings of ${context.profileDir} to ${report.destination}.\n${PASSWORDS_NOTE}`,
    );
    return EXIT.SUCCESS;
  },
};

/** `mailbag restore`. */
export const restoreCommand: Command = {
  name: 'restore',
  summary: 'Restore the profile from a backup folder',
  usage: RESTORE_USAGE,
  async run(args, context) {
    const { values, positionals } = parseArgs({ args: [...args], options: { force: { type: 'boolean' } }, strict: true, allowPositionals: true });
    const source = onlyPath(positionals, 'backup folder to restore');
    const progress = context.json ? undefined : createProgressReporter(context.streams.stderr);
    const report = await restoreProfile(source, context.profileDir, { force: values.force === true, onProgress: progressOf(progress) });
    progress?.finish('Restore: done.');
    writeResult(context.streams, context.json, { source, ...report }, () =>
      [
        `Restored ${report.messages} message(s) from the backup of ${new Date(report.backupCreatedAt).toISOString()} into ${report.profileDir}.`,
        ...(report.replacedProfile === undefined
          ? []
          : [`The profile it replaced is kept in ${report.replacedProfile}; remove it once you no longer need it.`]),
        'Passwords were not in the backup: Mailbag asks for any this computer’s keychain does not have.',
      ].join('\n'),
    );
    return EXIT.SUCCESS;
  },
};
