/**
 * `mailbag server`: the Server mailbox from the command line. `server list ACCOUNT` shows what the
 * POP3 server holds and how each message stands here; `server fetch` downloads messages (or their
 * headers) like Send/Receive would; `server delete` deletes them on the server through the same
 * deletion engine and audit log, and asks for `--yes` after naming the messages and whether a copy
 * is stored here; `server keep` keeps messages on the server forever; `server transcript` prints the
 * last session with passwords redacted. Everything goes through the same contract operations as the app.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { formatByteSize } from '../../../shared/byte-size';
import { stateWords, type ServerMailboxListing, type ServerMailboxMessage } from '../../../shared/server-mailbox';
import type { Core } from '../../main/core';
import { UsageError, type Command, type CommandContext } from '../command';
import { stdinPassword, withPassword } from './receive';
import { EXIT, exitCodeFor, type ExitCode } from '../exit-codes';
import { writeError, writeResult } from '../output';
import { call } from '../call';
import { table } from '../table';

const USAGE = `mailbag server list ACCOUNT [--sort size|date] [--filter TEXT] [--password-stdin]
       mailbag server fetch ACCOUNT ID... [--headers-only] [--password-stdin]
       mailbag server delete ACCOUNT ID... [--yes] [--password-stdin]
       mailbag server keep ACCOUNT ID... [--release] [--password-stdin]
       mailbag server transcript ACCOUNT
ID is the message's unique-id as \`server list\` prints it; ACCOUNT is the account's name, address or id.
--password-stdin reads the POP3 password from standard input (one line) instead of the keychain.`;

/** The flag shared by the commands that sign in to the server. */
const PASSWORD_STDIN = { 'password-stdin': { type: 'boolean' } } as const;

/**
 * Opens the services; with `--password-stdin`, the account's POP3 password comes from standard input,
 * through the same account-service wrapper `mailbag receive` uses.
 */
async function openWithPassword(context: CommandContext, account: string, passwordStdin: boolean | undefined): Promise<Core> {
  if (passwordStdin !== true) return context.openCore();
  const password = await stdinPassword(context);
  return context.openCore({
    wrapAccounts: (accounts) => {
      let accountId: string;
      try {
        accountId = accounts.find(account).id;
      } catch {
        return accounts; // the command reports the unknown account itself
      }
      return withPassword(accounts, accountId, password);
    },
  });
}

/**
 * Runs `work` on one account with the services open (the POP3 password from standard input with
 * `--password-stdin`) and closes them after, whatever happens.
 */
async function onAccount(
  context: CommandContext,
  account: string,
  passwordStdin: boolean | undefined,
  work: (core: Core, accountId: string) => Promise<ExitCode>,
): Promise<ExitCode> {
  const core = await openWithPassword(context, account, passwordStdin);
  try {
    return await work(core, core.accounts.find(account).id);
  } finally {
    await core.close();
  }
}

/** The arguments of a subcommand that signs in to the server: its own options and `--password-stdin`. */
function serverArgs<Options extends NonNullable<ParseArgsConfig['options']>>(args: readonly string[], options: Options) {
  return parseArgs({ args: [...args], options: { ...options, ...PASSWORD_STDIN }, strict: true, allowPositionals: true });
}

/** A size in plain units, or "?" when the server did not say. */
export function formatBytes(bytes: number | null): string {
  return bytes === null ? '?' : formatByteSize(bytes);
}

function day(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}

/** The listing as a table with totals and what the server announced. */
export function listingText(listing: ServerMailboxListing, messages: readonly ServerMailboxMessage[] = listing.messages): string {
  const lines = [
    `${listing.totals.count} message${listing.totals.count === 1 ? '' : 's'} on the server, ${formatBytes(listing.totals.bytes)}` +
      (listing.expire === null ? '' : `; the server keeps retrieved mail ${listing.expire === 'never' ? 'forever' : `${listing.expire} days`}`) +
      (listing.loginDelaySeconds === null ? '' : `; at most one sign-in every ${listing.loginDelaySeconds} s`),
  ];
  for (const warning of listing.warnings) lines.push(`warning: ${warning}`);
  if (messages.length > 0) {
    lines.push(
      table([
        ['ID', 'SIZE', 'DATE', 'FROM', 'SUBJECT', 'STATE'],
        ...messages.map((message) => [
          message.uidl,
          `${formatBytes(message.size)}${message.large ? ' !' : ''}`,
          message.date === null ? '' : day(message.date),
          message.from,
          message.subject,
          stateWords(message, day),
        ]),
      ]),
    );
  }
  return lines.join('\n');
}

function accountAndIds(positionals: readonly string[], needIds: boolean): { account: string; ids: string[] } {
  const [account, ...ids] = positionals;
  if (account === undefined) throw new UsageError('Name the account.');
  if (needIds && ids.length === 0) throw new UsageError('Name at least one message by the ID that `mailbag server list` prints.');
  if (!needIds && ids.length > 0) throw new UsageError(`Unexpected argument: ${ids[0] ?? ''}`);
  return { account, ids };
}

async function list(args: readonly string[], context: CommandContext): Promise<ExitCode> {
  const { values, positionals } = serverArgs(args, { sort: { type: 'string' }, filter: { type: 'string' } });
  const { account } = accountAndIds(positionals, false);
  if (values.sort !== undefined && values.sort !== 'size' && values.sort !== 'date') throw new UsageError('--sort is size or date.');
  return onAccount(context, account, values['password-stdin'], async (core, accountId) => {
    const listing = await call(core, 'listServerMailbox', { accountId });
    const needle = values.filter?.toLowerCase();
    let messages = listing.messages.filter(
      (message) => needle === undefined || message.from.toLowerCase().includes(needle) || message.subject.toLowerCase().includes(needle),
    );
    if (values.sort === 'size') messages = [...messages].sort((left, right) => (right.size ?? 0) - (left.size ?? 0));
    if (values.sort === 'date') messages = [...messages].sort((left, right) => (right.date ?? 0) - (left.date ?? 0));
    writeResult(context.streams, context.json, { ...listing, messages }, () => listingText(listing, messages));
    return EXIT.SUCCESS;
  });
}

function resultText(verb: string, count: number, errors: readonly { message: string; detail?: string }[]): string {
  return [`${verb} ${count} message${count === 1 ? '' : 's'}.`, ...errors.map((error) => `  ${error.detail ?? ''}: ${error.message}`)].join('\n');
}

async function fetch(args: readonly string[], context: CommandContext): Promise<ExitCode> {
  const { values, positionals } = serverArgs(args, { 'headers-only': { type: 'boolean' } });
  const { account, ids } = accountAndIds(positionals, true);
  return onAccount(context, account, values['password-stdin'], async (core, accountId) => {
    const headersOnly = values['headers-only'] === true;
    const result = await call(core, 'serverMailboxAction', { accountId, action: headersOnly ? 'download-headers' : 'download', uidls: ids });
    const count = headersOnly ? result.partial : result.downloaded;
    writeResult(context.streams, context.json, result, () => resultText(headersOnly ? 'Stored the headers of' : 'Downloaded', count, result.errors));
    return result.errors.length === 0 ? EXIT.SUCCESS : EXIT.PARTIAL;
  });
}

/** The confirmation text of a deletion: which messages, and whether a copy is stored here. */
export function deletionQuestion(messages: readonly ServerMailboxMessage[]): string {
  const lines = messages.map((message) => {
    const copy =
      message.state === 'downloaded'
        ? 'a copy is stored here'
        : message.state === 'headers-only'
          ? 'only its headers are stored here'
          : 'NO copy is stored here';
    return `  ${message.uidl}  ${formatBytes(message.size)}  ${message.from || '(no sender)'}  “${message.subject || '(no subject)'}” — ${copy}`;
  });
  return [`Delete ${messages.length} message${messages.length === 1 ? '' : 's'} from the server? This cannot be undone.`, ...lines].join('\n');
}

async function remove(args: readonly string[], context: CommandContext): Promise<ExitCode> {
  const { values, positionals } = serverArgs(args, { yes: { type: 'boolean' } });
  const { account, ids } = accountAndIds(positionals, true);
  return onAccount(context, account, values['password-stdin'], async (core, accountId) => {
    const listing = await call(core, 'listServerMailbox', { accountId });
    const wanted = new Set(ids);
    const chosen = listing.messages.filter((message) => wanted.has(message.uidl));
    const missing = ids.filter((id) => !chosen.some((message) => message.uidl === id));
    if (missing.length > 0) {
      writeError(context.streams, context.json, { code: 'NOT_FOUND', message: `The server has no message with the ID ${missing.join(', ')}.` });
      return exitCodeFor('NOT_FOUND');
    }
    if (values.yes !== true) {
      writeError(context.streams, context.json, { code: 'VALIDATION', message: `${deletionQuestion(chosen)}\nRun again with --yes to delete.` });
      return exitCodeFor('VALIDATION');
    }
    const result = await call(core, 'serverMailboxAction', { accountId, action: 'delete', uidls: ids, confirmed: true });
    writeResult(
      context.streams,
      context.json,
      result,
      () => `${resultText('Deleted from the server:', result.deleted, result.errors)}\n${listingText(result.listing, [])}`,
    );
    return result.errors.length === 0 ? EXIT.SUCCESS : EXIT.PARTIAL;
  });
}

async function keep(args: readonly string[], context: CommandContext): Promise<ExitCode> {
  const { values, positionals } = serverArgs(args, { release: { type: 'boolean' } });
  const { account, ids } = accountAndIds(positionals, true);
  return onAccount(context, account, values['password-stdin'], async (core, accountId) => {
    const release = values.release === true;
    const result = await call(core, 'serverMailboxAction', { accountId, action: release ? 'release' : 'keep-forever', uidls: ids });
    writeResult(context.streams, context.json, result, () =>
      release ? `${ids.length} message(s) follow the account's policy again.` : `${ids.length} message(s) are kept on the server forever.`,
    );
    return EXIT.SUCCESS;
  });
}

async function transcript(args: readonly string[], context: CommandContext): Promise<ExitCode> {
  const { positionals } = parseArgs({ args: [...args], options: {}, strict: true, allowPositionals: true });
  const { account } = accountAndIds(positionals, false);
  return onAccount(context, account, false, async (core, accountId) => {
    const recorded = await call(core, 'getServerTranscript', { accountId });
    writeResult(context.streams, context.json, recorded, () => {
      if (recorded === null) return 'No session of this account has been recorded yet.';
      const arrows = { client: 'C:', server: 'S:', info: '--' } as const;
      return [
        `${recorded.kind === 'send-receive' ? 'Send/Receive' : 'Server mailbox'} session of ${new Date(recorded.startedAt).toISOString()}`,
        ...recorded.lines.map((line) => `${arrows[line.direction]} ${line.text}`),
        ...(recorded.omitted > 0 ? [`(${recorded.omitted} lines in the middle are not shown)`] : []),
      ].join('\n');
    });
    return EXIT.SUCCESS;
  });
}

/** `mailbag server`. */
export const serverCommand: Command = {
  name: 'server',
  summary: 'The Server mailbox: list, fetch, delete or keep messages on an account’s POP3 server',
  usage: USAGE,
  async run(args, context) {
    const [first, ...rest] = args;
    switch (first) {
      case 'list':
        return list(rest, context);
      case 'fetch':
        return fetch(rest, context);
      case 'delete':
        return remove(rest, context);
      case 'keep':
        return keep(rest, context);
      case 'transcript':
        return transcript(rest, context);
      default:
        throw new UsageError(first === undefined ? 'Say what to do: list, fetch, delete, keep or transcript.' : `Unknown server command: ${first}`);
    }
  },
};
