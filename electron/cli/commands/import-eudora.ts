/**
 * `mailbag import eudora DIR [--account ACCOUNT]`: brings Eudora's mailboxes and folders (descmap.pce,
 * .mbx files, converted attachments from its Attach folder) into the account's folders; In, Out,
 * Trash and Junk become the account's Inbox, Sent, Trash and Junk.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { MailbagError } from '../../../shared/errors';
import { terminalJson } from '../../../shared/terminal-text';
import { UsageError, type CommandContext } from '../command';
import { EXIT, type ExitCode } from '../exit-codes';
import { importTreesInWorker, treeSummary } from './import-tree';
import type { InterruptSource } from './receive';

/** Runs `mailbag import eudora` (see the module comment). */
export async function runEudoraImport(args: readonly string[], context: CommandContext, interrupts: InterruptSource): Promise<ExitCode> {
  const { values, positionals } = parseArgs({ args: [...args], options: { account: { type: 'string' } }, strict: true, allowPositionals: true });
  const [given, ...extra] = positionals;
  if (given === undefined || given === '') throw new UsageError("Name Eudora's mail folder.");
  if (extra.length > 0) throw new UsageError(`Unexpected argument: ${extra[0] ?? ''}`);
  const directory = path.resolve(given);
  if ((await fs.stat(directory).catch(() => undefined))?.isDirectory() !== true) throw new MailbagError('NOT_FOUND', `There is no folder ${directory}.`);
  const core = await context.openCore();
  try {
    const accounts = core.accounts.list();
    const accountId = values.account !== undefined ? core.accounts.find(values.account).id : accounts.length === 1 ? accounts[0]?.id : undefined;
    if (accountId === undefined)
      throw new UsageError(
        accounts.length === 0 ? 'There is no account to import into yet: add one first.' : 'Name the account to import into with --account.',
      );
    core.store.ensureDefaultFolders(accountId);
    const result = await importTreesInWorker(core, context, interrupts, 'eudora', [{ directory, accountId, placement: { kind: 'account' } }], 0);
    if (context.json)
      context.streams.stdout.write(`${terminalJson({ source: directory, account: accountId, mailboxes: result.mailboxes, ...result.report })}\n`);
    else context.streams.stdout.write(`${treeSummary(result).join('\n')}\n`);
    if (result.report.cancelled) return EXIT.FAILURE;
    return result.report.problems.length > 0 ? EXIT.PARTIAL : EXIT.SUCCESS;
  } finally {
    await core.close();
  }
}
