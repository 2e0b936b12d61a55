/**
 * `mailbag import thunderbird [PROFILE_DIR] [--mail] [--accounts] [--account ACCOUNT] [--password-stdin]`:
 * brings a Thunderbird profile's POP3 accounts (from prefs.js, with what their popstate.dat says was
 * downloaded already) and its mail (Local Folders and each POP3 account's folders) into Mailbag.
 * Without --mail or --accounts, both. Passwords are not imported: each new account's password is asked
 * for (or read from standard input, one line per account) and checked by signing in, as `account add` does.
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { terminalJson } from '../../../shared/terminal-text';
import { directorySize, readProgramSource, sourceTrees, type ImportedAccount } from '../../services/import/program-import';
import { findDefaultThunderbirdProfile, thunderbirdRoots } from '../../services/import/thunderbird-profiles';
import { CliError, translatorOf, UsageError, type CommandContext } from '../command';
import { EXIT, type ExitCode } from '../exit-codes';
import { accountLines, importAccount, passwordSource } from './import-accounts';
import { importTreesInWorker, treeSummary } from './import-tree';
import type { InterruptSource } from './receive';

/** Usage of the sub-command. */
export const THUNDERBIRD_USAGE = 'mailbag import thunderbird [PROFILE_DIR] [--mail] [--accounts] [--account ACCOUNT] [--password-stdin]';

async function profileDirectory(given: string | undefined): Promise<string> {
  if (given !== undefined) {
    const directory = path.resolve(given);
    const stat = await fs.stat(directory).catch(() => undefined);
    if (stat?.isDirectory() !== true) throw new CliError('NOT_FOUND', 'cli.import.noThunderbirdFolder', { directory });
    return directory;
  }
  const found = await findDefaultThunderbirdProfile(thunderbirdRoots(process.platform, os.homedir(), process.env));
  if (found === undefined) throw new CliError('NOT_FOUND', 'cli.import.noThunderbird');
  return found.directory;
}

/** Runs `mailbag import thunderbird` (see the module comment). */
export async function runThunderbirdImport(args: readonly string[], context: CommandContext, interrupts: InterruptSource): Promise<ExitCode> {
  const { values, positionals } = parseArgs({
    args: [...args],
    options: { mail: { type: 'boolean' }, accounts: { type: 'boolean' }, account: { type: 'string' }, 'password-stdin': { type: 'boolean' } },
    strict: true,
    allowPositionals: true,
  });
  if (positionals.length > 1) throw new UsageError('cli.usage.unexpected', { argument: positionals[1] ?? '' });
  const both = values.mail !== true && values.accounts !== true;
  const wantMail = both || values.mail === true;
  const wantAccounts = both || values.accounts === true;
  const profile = await profileDirectory(positionals[0]);
  const source = await readProgramSource('thunderbird', profile);
  const core = await context.openCore();
  const passwords = passwordSource(context, values['password-stdin'] === true);
  try {
    const accounts: ImportedAccount[] = [];
    if (wantAccounts) for (const account of source.accounts) accounts.push(await importAccount(core, context, account, passwords));
    const owner =
      values.account !== undefined
        ? core.accounts.find(values.account).id
        : (accounts.find((account) => account.accountId !== undefined)?.accountId ?? core.accounts.list()[0]?.id);
    let imported: Awaited<ReturnType<typeof importTreesInWorker>> | undefined;
    if (wantMail) {
      const trees = await sourceTrees({ accounts: core.accounts, store: core.store, database: core.database }, source, owner);
      if (trees.length === 0 && owner === undefined) throw new UsageError('cli.import.noAccountThunderbird');
      let total = 0;
      for (const tree of trees) total += await directorySize(tree.directory);
      imported = await importTreesInWorker(core, context, interrupts, 'thunderbird', trees, total);
    }
    const failed = accounts.filter((account) => account.status === 'failed');
    if (context.json) {
      context.streams.stdout.write(
        `${terminalJson({ profile, accounts, ...(imported === undefined ? {} : { mailboxes: imported.mailboxes, ...imported.report }) })}\n`,
      );
    } else {
      const lines = accountLines(accounts, translatorOf(context));
      if (imported !== undefined) lines.push(...treeSummary(imported, translatorOf(context)));
      context.streams.stdout.write(`${lines.join('\n')}\n`);
    }
    if (imported?.report.cancelled === true) return EXIT.FAILURE;
    return failed.length > 0 || (imported?.report.problems.length ?? 0) > 0 ? EXIT.PARTIAL : EXIT.SUCCESS;
  } finally {
    passwords.close();
    await core.close();
  }
}
