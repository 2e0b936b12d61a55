/**
 * Accounts brought from another program (Thunderbird's prefs.js, Eudora.ini): one that Mailbag already
 * has (same POP3 server and user) is used as it is; a new one is saved like `account add` saves it,
 * after signing in with a password the user gives (asked on a terminal, or one line per account from
 * standard input with --password-stdin), since no program's saved passwords are imported.
 */
import { MailbagError, toErrorData, type ErrorData } from '../../../shared/errors';
import { accountSettingsSchema, type AccountSettingsInput } from '../../../shared/accounts';
import { visibleControls } from '../../../shared/terminal-text';
import type { Core } from '../../main/core';
import type { CommandContext } from '../command';
import { askPassword, createInputReader, isInteractive, readPasswordLine, type InputReader } from '../prompt';

/** What became of one account. */
export interface ImportedAccount {
  readonly name: string;
  readonly host: string;
  readonly status: 'created' | 'existing' | 'failed';
  readonly accountId?: string;
  /** Server messages recorded as downloaded already (Thunderbird's popstate.dat). */
  readonly knownOnServer?: number;
  readonly error?: ErrorData;
}

/** The Mailbag account reading the same POP3 server as the same user, if any. */
export function accountForServer(core: Core, incoming: { readonly host: string; readonly username: string }): string | undefined {
  return core.accounts
    .list()
    .find(
      (candidate) =>
        candidate.settings?.incoming.host.toLowerCase() === incoming.host.toLowerCase() && candidate.settings.incoming.username === incoming.username,
    )?.id;
}

function freeName(core: Core, wanted: string): string {
  const taken = new Set(core.accounts.list().map((account) => account.name.toLowerCase()));
  if (!taken.has(wanted.toLowerCase())) return wanted;
  for (let number = 2; ; number += 1) if (!taken.has(`${wanted} (${number})`.toLowerCase())) return `${wanted} (${number})`;
}

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

/**
 * Brings one account in (see the module comment); `after` runs with its id (Thunderbird's
 * popstate.dat) and returns how many server messages it recorded. Never throws: a failure is reported.
 */
export async function importAccount(
  core: Core,
  context: CommandContext,
  settings: AccountSettingsInput,
  passwords: PasswordSource,
  after: (accountId: string) => Promise<number> = () => Promise.resolve(0),
): Promise<ImportedAccount> {
  const { host, username } = settings.incoming;
  const existing = accountForServer(core, settings.incoming);
  try {
    let accountId = existing;
    if (accountId === undefined) {
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
      const parsed = accountSettingsSchema.safeParse({ ...settings, name: freeName(core, settings.name) });
      if (!parsed.success) {
        throw new MailbagError('VALIDATION', 'The account settings read there are not valid.', {
          detail: parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '),
        });
      }
      const saved = await core.accounts.save({
        settings: parsed.data,
        pop3Password,
        ...(smtpPassword === undefined ? {} : { smtpPassword }),
      });
      accountId = saved.account.id;
    }
    core.store.ensureDefaultFolders(accountId);
    const knownOnServer = await after(accountId);
    return { name: settings.name, host, status: existing === undefined ? 'created' : 'existing', accountId, knownOnServer };
  } catch (error) {
    return { name: settings.name, host, status: 'failed', error: error instanceof MailbagError ? error.toData() : toErrorData(error) };
  }
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
