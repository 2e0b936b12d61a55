/**
 * Accounts brought from another program (Thunderbird's prefs.js, Eudora.ini) on the command line: the
 * shared import service brings each in, and a new one's password is asked on a terminal, or read one
 * line per account from standard input with --password-stdin, since no program's saved passwords are
 * imported.
 */
import type { Translator } from '../../../shared/i18n/catalogs';
import { visibleControls } from '../../../shared/terminal-text';
import type { Core } from '../../main/core';
import { importSourceAccount, type ImportedAccount, type SourceAccount } from '../../services/import/program-import';
import { CliError, translatorOf, type CommandContext } from '../command';
import { errorText } from '../output';
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
    const { t } = translatorOf(context);
    if (reader === undefined) throw new CliError('VALIDATION', 'cli.import.noTerminal');
    const pop3Password = stdin
      ? await readPasswordLine(reader, { id: 'cli.prompt.noPasswordOf', values: { user: username, host } })
      : await askPassword(reader, context.streams, t('cli.import.askPassword', { user: username, host }));
    const smtpUser = settings.outgoing.username;
    const smtpPassword =
      settings.outgoing.credentials !== 'separate'
        ? undefined
        : stdin
          ? await readPasswordLine(reader, { id: 'cli.prompt.noSmtpPasswordOf', values: { user: smtpUser } })
          : await askPassword(reader, context.streams, t('cli.accountAdd.askSmtpPassword', { user: smtpUser }));
    if (!context.json) context.streams.stderr.write(`${visibleControls(t('cli.accountAdd.signingIn', { host }))}\n`);
    return { pop3Password, ...(smtpPassword === undefined ? {} : { smtpPassword }) };
  });
}

/** One line per account for the summary. */
export function accountLines(accounts: readonly ImportedAccount[], translator: Translator): string[] {
  const { t } = translator;
  const lines = accounts.map((account) => {
    const name = visibleControls(account.name);
    const host = visibleControls(account.host);
    if (account.status === 'failed') {
      const error = account.error ?? { code: 'INTERNAL' as const, message: '' };
      return t('cli.import.accountFailed', { name, host, error: `${error.code}: ${visibleControls(errorText(error, translator))}` });
    }
    const known = account.knownOnServer ?? 0;
    return known === 0
      ? t('cli.import.accountDone', { name, host, status: account.status })
      : t('cli.import.accountDoneKnown', { name, host, status: account.status, known });
  });
  if (accounts.some((account) => account.status === 'created')) lines.push(t('cli.import.passwordsChecked'));
  return lines;
}
