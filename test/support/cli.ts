/**
 * The command line run in process, for the tests of every tier: its output captured, and accounts on
 * loopback servers saved the way `mailbag account add` saves them.
 */
import { PassThrough } from 'node:stream';
import type { Command, CommandContext } from '../../electron/cli/command';
import type { CliStreams } from '../../electron/cli/output';
import { runCli, type CliServices } from '../../electron/cli/run';
import { createCore, type Core } from '../../electron/main/core';
import { silentLogger } from '../../electron/services/logger';
import type { Keychain } from '../../electron/services/credentials/keychain';
import { accountSettingsSchema, defaultPolicy, type AccountPolicy, type AccountSettings } from '../../shared/accounts';
import type { Translator } from '../../shared/i18n/catalogs';
import { sampleSettings } from '../fakes/account-settings';
import { inlineParser, mail } from '../unit/storage/store-fixture';

/** A session bus that does not exist: the system keychain is unavailable and answers at once. */
export const NO_KEYCHAIN_ENV = { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/mailbag-test-bus' };

/** Streams for one run of the command line, and what it wrote to them. */
export interface CapturedOutput {
  readonly streams: CliStreams;
  /** The text written to standard output. */
  out(): string;
  /** The text written to standard error. */
  err(): string;
  /** The bytes (not text) written to standard output, as `show --raw` writes them. */
  bytes(): Buffer;
}

/**
 * Streams that keep what the command line writes. Standard input exists only when `stdin` is given:
 * then it ends after `stdin.text`, or stays open when there is no text (nothing is ever typed).
 */
export function captureOutput(
  options: { readonly stdin?: { readonly text?: string; readonly isTTY?: boolean }; readonly stdoutIsTTY?: boolean } = {},
): CapturedOutput {
  let stdout = '';
  let stderr = '';
  const bytes: Buffer[] = [];
  const stdin = options.stdin === undefined ? undefined : Object.assign(new PassThrough(), options.stdin.isTTY === true ? { isTTY: true } : {});
  if (options.stdin?.text !== undefined) stdin?.end(options.stdin.text);
  return {
    streams: {
      ...(stdin === undefined ? {} : { stdin }),
      stdout: {
        ...(options.stdoutIsTTY === undefined ? {} : { isTTY: options.stdoutIsTTY }),
        write: (chunk: string | Uint8Array) => {
          if (typeof chunk === 'string') stdout += chunk;
          else bytes.push(Buffer.from(chunk));
          return true;
        },
      },
      stderr: {
        write: (text: string) => {
          stderr += text;
          return true;
        },
      },
    },
    out: () => stdout,
    err: () => stderr,
    bytes: () => Buffer.concat(bytes),
  };
}

/**
 * Runs `mailbag ARGS` in process without the system keychain (`services` may bring one), standard
 * input ending after `input`: the exit code and what it printed.
 */
export async function runMailbag(
  args: readonly string[],
  options: { readonly input?: string; readonly services?: CliServices } = {},
): Promise<{ code: number; out: string; err: string }> {
  const io = captureOutput({ stdin: { text: options.input ?? '' } });
  const code = await runCli(args, io.streams, NO_KEYCHAIN_ENV, options.services);
  return { code, out: io.out(), err: io.err() };
}

/** Runs one command in process on a profile, as `mailbag` would after parsing the global flags. */
export async function runCommand(
  command: Command,
  args: readonly string[],
  options: Pick<CommandContext, 'profileDir' | 'openCore'> & { readonly json?: boolean; readonly stdin?: string; readonly translator?: Translator },
): Promise<{ code: number; out: string; err: string }> {
  const io = captureOutput(options.stdin === undefined ? {} : { stdin: { text: options.stdin } });
  const code = await command.run(args, {
    streams: io.streams,
    json: options.json === true,
    profileDir: options.profileDir,
    openCore: options.openCore,
    ...(options.translator === undefined ? {} : { translator: options.translator }),
  });
  return { code, out: io.out(), err: io.err() };
}

/**
 * An account reading from a POP3 server on loopback without TLS (allowed explicitly) and sending to an
 * SMTP port on loopback (port 1 refuses at once, for tests that never send), signing in as `user`.
 */
export function loopbackAccount(options: {
  readonly name: string;
  readonly address: string;
  readonly user: string;
  readonly pop3: { readonly host: string; readonly port: number };
  readonly smtpPort?: number;
  readonly policy?: Partial<AccountPolicy>;
}): AccountSettings {
  return accountSettingsSchema.parse(
    sampleSettings({
      name: options.name,
      address: options.address,
      incoming: { host: options.pop3.host, port: options.pop3.port, security: 'none', username: options.user, auth: 'auto' },
      outgoing: { host: '127.0.0.1', port: options.smtpPort ?? 1, security: 'none', username: options.user, credentials: 'same' },
      policy: { ...defaultPolicy(false), ...options.policy },
      allowInsecure: true,
    }),
  );
}

/**
 * Saves Ann's account ("Home", ann@example.com, signing in as `ann` with "pop-secret") on the POP3
 * server `pop3` in the profile at `profileDir`, its password in `keychain`, and closes the profile.
 */
export async function saveHomeAccount(profileDir: string, pop3: { readonly host: string; readonly port: number }, keychain: Keychain): Promise<void> {
  const core = await createCore({ profileDir, logger: silentLogger, keychain, env: NO_KEYCHAIN_ENV });
  try {
    await core.accounts.save({
      settings: loopbackAccount({ name: 'Home', address: 'ann@example.com', user: 'ann', pop3 }),
      pop3Password: 'pop-secret',
    });
  } finally {
    await core.close();
  }
}

/**
 * The arguments of `mailbag account add` for a POP3 server and an SMTP port on loopback, both without
 * TLS (allowed explicitly), the password from standard input; `extra` adds the flags a test is about.
 */
export function loopbackAccountAddArgs(options: {
  readonly name: string;
  readonly email: string;
  readonly user: string;
  readonly pop3: { readonly host: string; readonly port: number };
  readonly smtpPort: number;
  readonly extra?: readonly string[];
}): string[] {
  return [
    'account',
    'add',
    '--name',
    options.name,
    '--email',
    options.email,
    '--pop3',
    `${options.pop3.host}:${options.pop3.port}`,
    '--pop3-security',
    'none',
    '--pop3-user',
    options.user,
    '--smtp',
    `127.0.0.1:${options.smtpPort}`,
    '--smtp-security',
    'none',
    '--allow-insecure',
    ...(options.extra ?? []),
    '--password-stdin',
  ];
}

/** An account made directly in the profile's database: its id, name and address, no servers. */
export type BareAccount = readonly [id: string, name: string, address: string];

/**
 * Fills a profile for the reading commands (`list`, `show`, `search`, `export`): opens it without a
 * keychain, makes `accounts`, lets `fill` store messages, indexes them all, and closes it again.
 */
export async function fillProfile<T>(profile: string, accounts: readonly BareAccount[], fill: (core: Core) => Promise<T>): Promise<T> {
  const core = await createCore({ profileDir: profile, logger: silentLogger, env: NO_KEYCHAIN_ENV });
  try {
    const addAccount = core.database.prepare("insert into accounts (id, name, email, settings, created_at, updated_at) values (?, ?, ?, '{}', 1, 1)");
    for (const account of accounts) addAccount.run(...account);
    const result = await fill(core);
    await core.store.indexPending(inlineParser);
    return result;
  } finally {
    await core.close();
  }
}

/**
 * A profile with the accounts Home (`home`, ann@example.com) and Work (`work`, ann@work.example) and
 * one Inbox message per entry ([key, account id, subject]); returns the stored ids by key.
 */
export async function homeAndWorkProfile(
  profile: string,
  messages: readonly (readonly [key: string, account: 'home' | 'work', subject: string])[],
  body?: string,
): Promise<Record<string, number>> {
  const ids: Record<string, number> = {};
  await fillProfile(
    profile,
    [
      ['home', 'Home', 'ann@example.com'],
      ['work', 'Work', 'ann@work.example'],
    ],
    async (core) => {
      for (const [key, account, subject] of messages) {
        const { messageId } = await core.store.addMessage({ accountId: account, folder: 'inbox' }, mail(body === undefined ? { subject } : { subject, body }));
        if (messageId === null) throw new Error(`${key} was not stored`);
        ids[key] = messageId;
      }
    },
  );
  return ids;
}
