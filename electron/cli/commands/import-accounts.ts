/**
 * Accounts brought from another program (Thunderbird's prefs.js, Eudora.ini) on the command line: the
 * shared import service brings each in, and a new one's password is asked on a terminal, or read one
 * line per account from standard input with --password-stdin, since no program's saved passwords are
 * imported.
 */
import { MailbagError } from '../../../shared/errors';
import { visibleControls } from '../../../shared/terminal-text';
import type { Core } from '../../main/core';
import { importSourceAccount, type ImportedAccount, type SourceAccount } from '../../services/import/program-import';
import type { CommandContext } from '../command';
import { askPassword, createInputReader, isInteractive, readPasswordLine, type InputReader } from '../prompt';

/** Where passwords come from for the accounts of one import. */
export interface PasswordSource {
  readonly reader: InputReader | undefined;
  readonly stdin: boolean;
  close(): void;
}

/** The password source of a command: standard input with --password-stdin, else the terminal when there is one. */
export function passwordSource(context: CommandContext, stdin: boolean): PasswordSource {
  const reader = context.streams.stdin === undefined || (!stdin && !isInteractive(context.streams)) ? undefined : createInputReader(context.streams.stdin);
  return { reader, stdin, close: () => reader?.close() };
}

/** Brings one account in through the import service, asking its passwords here. Never throws: a failure is reported. */
export function importAccount(core: Core, context: CommandContext, account: SourceAccount, passwords: PasswordSource): Promise<ImportedAccount> {
  return importSourceAccount({ accounts: core.accounts, store: core.store, database: core.database }, account, async ({ settings }) => {
    const { host, username } = settings.incoming;
    const { reader, stdin } = passwords;
    if (reader === undefined) throw new MailbagError('VALIDATION', 'No terminal to ask for the password: give it with --password-stdin.');
    const pop3Password = stdin
      ? await readPasswordLine(reader, `password of ${username} at ${host}`)
      : await askPassword(reader, context.streams, `Password for ${username} at ${host}`);
    const smtpUser = settings.outgoing.username;
    const smtpPassword =
      settings.outgoing.credentials !== 'separate'
        ? undefined
        : stdin
          ? await readPasswordLine(reader, `SMTP password of ${smtpUser}`)
          : await askPassword(reader, context.streams, `SMTP password for ${smtpUser}`);
    if (!context.json) context.streams.stderr.write(`Signing in to ${visibleControls(host)} to check the password…\n`);
    return { pop3Password, ...(smtpPassword === undefined ? {} : { smtpPassword }) };
  });
}

/** One line per account for the summary. */
export function accountLines(accounts: readonly ImportedAccount[]): string[] {
  const lines = accounts.map((account) =>
    account.status === 'failed'
      ? `Account ${visibleControls(account.name)} (${visibleControls(account.host)}) not imported: ${account.error?.code ?? 'INTERNAL'}: ${visibleControls(account.error?.message ?? '')}`
      : `Account ${visibleControls(account.name)} (${visibleControls(account.host)}) ${account.status === 'created' ? 'imported' : 'already here'}${
          account.knownOnServer === undefined || account.knownOnServer === 0
            ? ''
            : `; ${account.knownOnServer} message(s) already downloaded there will not be downloaded again`
        }.`,
  );
  if (accounts.some((account) => account.status === 'created'))
    lines.push('Passwords are not imported: the password you gave was checked by signing in and saved.');
  return lines;
}
