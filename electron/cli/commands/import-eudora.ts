/**
 * `mailbag import eudora DIR [--account ACCOUNT] [--password-stdin]`: brings Eudora's accounts (from
 * DIR/Eudora.ini, when there is one) and its mailboxes and folders (descmap.pce, .mbx with their .toc,
 * converted attachments from its Attach folder) into an account's folders; In, Out, Trash and Junk
 * become the account's Inbox, Sent, Trash and Junk. The mail goes to ACCOUNT, else the first account
 * of Eudora.ini, else the only account.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { terminalJson } from '../../../shared/terminal-text';
import { readProgramSource, type ImportedAccount } from '../../services/import/program-import';
import { CliError, translatorOf, UsageError, type CommandContext } from '../command';
import { EXIT, type ExitCode } from '../exit-codes';
import { accountLines, importAccount, passwordSource } from './import-accounts';
import { importTreesInWorker, treeSummary } from './import-tree';
import type { InterruptSource } from './receive';

/** Usage of the sub-command. */
export const EUDORA_USAGE = 'mailbag import eudora DIR [--account ACCOUNT] [--password-stdin]';

/** Runs `mailbag import eudora` (see the module comment). */
export async function runEudoraImport(args: readonly string[], context: CommandContext, interrupts: InterruptSource): Promise<ExitCode> {
  const { values, positionals } = parseArgs({
    args: [...args],
    options: { account: { type: 'string' }, 'password-stdin': { type: 'boolean' } },
    strict: true,
    allowPositionals: true,
  });
  const [given, ...extra] = positionals;
  if (given === undefined || given === '') throw new UsageError('cli.import.nameEudora');
  if (extra.length > 0) throw new UsageError('cli.usage.unexpected', { argument: extra[0] ?? '' });
  const directory = path.resolve(given);
  if ((await fs.stat(directory).catch(() => undefined))?.isDirectory() !== true) throw new CliError('NOT_FOUND', 'cli.import.noFolder', { directory });
  const source = await readProgramSource('eudora', directory);
  const core = await context.openCore();
  const passwords = passwordSource(context, values['password-stdin'] === true);
  try {
    const accounts: ImportedAccount[] = [];
    for (const account of source.accounts) accounts.push(await importAccount(core, context, account, passwords));
    const all = core.accounts.list();
    const accountId =
      values.account !== undefined
        ? core.accounts.find(values.account).id
        : (accounts.find((account) => account.accountId !== undefined)?.accountId ?? (all.length === 1 ? all[0]?.id : undefined));
    if (accountId === undefined) throw new UsageError(all.length === 0 ? 'cli.import.noAccount' : 'cli.import.nameAccount');
    core.store.ensureDefaultFolders(accountId);
    const result = await importTreesInWorker(core, context, interrupts, 'eudora', [{ directory, accountId, placement: { kind: 'account' } }], 0);
    if (context.json) {
      context.streams.stdout.write(`${terminalJson({ source: directory, account: accountId, accounts, mailboxes: result.mailboxes, ...result.report })}\n`);
    } else {
      context.streams.stdout.write(`${[...accountLines(accounts, translatorOf(context)), ...treeSummary(result, translatorOf(context))].join('\n')}\n`);
    }
    if (result.report.cancelled) return EXIT.FAILURE;
    return result.report.problems.length > 0 || accounts.some((account) => account.status === 'failed') ? EXIT.PARTIAL : EXIT.SUCCESS;
  } finally {
    passwords.close();
    await core.close();
  }
}
