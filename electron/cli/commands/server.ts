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
import { listingWarningWords, messageProblemOf, stateWords, type ServerMailboxListing, type ServerMailboxMessage } from '../../../shared/server-mailbox';
import type { Core } from '../../main/core';
import { translatorOf, UsageError, writeCliError, type Command, type CommandContext } from '../command';
import { createTranslator, formattingLocale, type Translator } from '../../../shared/i18n/catalogs';
import { stdinPassword, withPassword } from './receive';
import { EXIT, exitCodeFor, type ExitCode } from '../exit-codes';
import { errorText, writeResult } from '../output';
import type { ErrorData } from '../../../shared/errors';
import { call } from '../call';
import { table } from '../table';
import { formatDate } from '../mail-selection';

const USAGE = `mailbag server list ACCOUNT [--sort size|date] [--filter TEXT] [--password-stdin]
       mailbag server fetch ACCOUNT ID... [--headers-only] [--password-stdin]
       mailbag server delete ACCOUNT ID... [--yes] [--password-stdin]
       mailbag server keep ACCOUNT ID... [--release] [--password-stdin]
       mailbag server transcript ACCOUNT`;

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

const ENGLISH = createTranslator('en');

/** A size in the translator's locale, or "?" when the server did not say. */
export function formatBytes(bytes: number | null, translator: Translator = ENGLISH): string {
  return bytes === null ? '?' : formatByteSize(bytes, formattingLocale(translator.locale));
}

/** The listing as a table with totals and what the server announced. */
export function listingText(
  listing: ServerMailboxListing,
  messages: readonly ServerMailboxMessage[] = listing.messages,
  translator: Translator = ENGLISH,
): string {
  const { t } = translator;
  const day = (time: number): string => translator.intl.formatDate(time, { dateStyle: 'short' });
  const totals = t('cli.server.totals', { count: listing.totals.count, size: formatBytes(listing.totals.bytes, translator) });
  const expire =
    listing.expire === null
      ? undefined
      : t('cli.server.expire', { forever: listing.expire === 'never' ? 'yes' : 'no', days: listing.expire === 'never' ? 0 : listing.expire });
  const delay = listing.loginDelaySeconds === null ? undefined : t('cli.server.loginDelay', { seconds: listing.loginDelaySeconds });
  const lines = [[totals, expire, delay].filter((part) => part !== undefined).join(t('cli.server.separator'))];
  // The warnings as data are said in the user's language; a listing without them keeps main's English.
  const warnings = listing.skipped === undefined ? listing.warnings : listing.skipped.map((warning) => listingWarningWords(t, warning));
  for (const warning of warnings) lines.push(t('cli.server.warning', { warning }));
  if (messages.length > 0) {
    lines.push(
      table([
        [t('cli.column.id'), t('cli.column.size'), t('cli.column.date'), t('cli.column.from'), t('cli.column.subject'), t('cli.outbox.columnState')],
        ...messages.map((message) => [
          message.uidl,
          `${formatBytes(message.size, translator)}${message.large ? ' !' : ''}`,
          message.date === null ? '' : day(message.date),
          message.from,
          message.subject,
          stateWords(message, day, t),
        ]),
      ]),
    );
  }
  return lines.join('\n');
}

function accountAndIds(positionals: readonly string[], needIds: boolean): { account: string; ids: string[] } {
  const [account, ...ids] = positionals;
  if (account === undefined) throw new UsageError('cli.server.nameAccount');
  if (needIds && ids.length === 0) throw new UsageError('cli.server.nameMessages');
  if (!needIds && ids.length > 0) throw new UsageError('cli.usage.unexpected', { argument: ids[0] ?? '' });
  return { account, ids };
}

async function list(args: readonly string[], context: CommandContext): Promise<ExitCode> {
  const { values, positionals } = serverArgs(args, { sort: { type: 'string' }, filter: { type: 'string' } });
  const { account } = accountAndIds(positionals, false);
  if (values.sort !== undefined && values.sort !== 'size' && values.sort !== 'date') throw new UsageError('cli.server.sort');
  return onAccount(context, account, values['password-stdin'], async (core, accountId) => {
    const listing = await call(core, 'listServerMailbox', { accountId });
    const needle = values.filter?.toLowerCase();
    let messages = listing.messages.filter(
      (message) => needle === undefined || message.from.toLowerCase().includes(needle) || message.subject.toLowerCase().includes(needle),
    );
    if (values.sort === 'size') messages = [...messages].sort((left, right) => (right.size ?? 0) - (left.size ?? 0));
    if (values.sort === 'date') messages = [...messages].sort((left, right) => (right.date ?? 0) - (left.date ?? 0));
    writeResult(context.streams, context.json, { ...listing, messages }, () => listingText(listing, messages, translatorOf(context)));
    return EXIT.SUCCESS;
  });
}

/** A problem with one message: the message named, then the problem in the reader's words (the server's own detail last). */
function messageProblemLine(error: ErrorData, translator: Translator): string {
  const problem = error.detail === undefined ? undefined : messageProblemOf(error.detail);
  if (problem === undefined) return errorText(error, translator);
  const { detail: _named, detailWords: named, ...rest } = error;
  // The problem's own detail, in the reader's language where it is a catalog message ("Server said: …").
  const inner = named?.id === 'protocolError.messageDetail' ? named.values?.['detail'] : undefined;
  return translator.t('cli.server.messageProblem', {
    uidl: problem.uidl,
    problem: errorText(
      { ...rest, ...(problem.detail === undefined ? {} : { detail: problem.detail }), ...(typeof inner === 'object' ? { detailWords: inner } : {}) },
      translator,
    ),
  });
}

function resultText(
  translator: Translator,
  done: 'cli.server.downloaded' | 'cli.server.headersStored' | 'cli.server.deleted',
  count: number,
  errors: readonly ErrorData[],
): string {
  return [translator.t(done, { count }), ...errors.map((error) => `  ${messageProblemLine(error, translator)}`)].join('\n');
}

async function fetch(args: readonly string[], context: CommandContext): Promise<ExitCode> {
  const { values, positionals } = serverArgs(args, { 'headers-only': { type: 'boolean' } });
  const { account, ids } = accountAndIds(positionals, true);
  return onAccount(context, account, values['password-stdin'], async (core, accountId) => {
    const headersOnly = values['headers-only'] === true;
    const result = await call(core, 'serverMailboxAction', { accountId, action: headersOnly ? 'download-headers' : 'download', uidls: ids });
    const count = headersOnly ? result.partial : result.downloaded;
    const translator = translatorOf(context);
    writeResult(context.streams, context.json, result, () =>
      resultText(translator, headersOnly ? 'cli.server.headersStored' : 'cli.server.downloaded', count, result.errors),
    );
    return result.errors.length === 0 ? EXIT.SUCCESS : EXIT.PARTIAL;
  });
}

/** The confirmation text of a deletion: which messages, and whether a copy is stored here. */
export function deletionQuestion(messages: readonly ServerMailboxMessage[], translator: Translator = ENGLISH): string {
  const { t } = translator;
  const lines = messages.map(
    (message) =>
      `  ${t('cli.server.deletionLine', {
        id: message.uidl,
        size: formatBytes(message.size, translator),
        from: message.from || t('cli.server.noSender'),
        subject: message.subject || t('message.noSubject'),
        copy: message.state === 'downloaded' ? 'full' : message.state === 'headers-only' ? 'headers' : 'none',
      })}`,
  );
  return [t('cli.server.deleteQuestion', { count: messages.length }), ...lines].join('\n');
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
      writeCliError(context, 'NOT_FOUND', 'cli.server.noSuchMessage', { ids: missing.join(', ') });
      return exitCodeFor('NOT_FOUND');
    }
    if (values.yes !== true) {
      writeCliError(
        context,
        'VALIDATION',
        'cli.server.deleteConfirm',
        { question: deletionQuestion(chosen) },
        { question: deletionQuestion(chosen, translatorOf(context)) },
      );
      return exitCodeFor('VALIDATION');
    }
    const result = await call(core, 'serverMailboxAction', { accountId, action: 'delete', uidls: ids, confirmed: true });
    writeResult(context.streams, context.json, result, () => {
      const translator = translatorOf(context);
      return `${resultText(translator, 'cli.server.deleted', result.deleted, result.errors)}\n${listingText(result.listing, [], translator)}`;
    });
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
      translatorOf(context).t(release ? 'cli.server.released' : 'cli.server.keptForever', { count: ids.length }),
    );
    return EXIT.SUCCESS;
  });
}

async function transcript(args: readonly string[], context: CommandContext): Promise<ExitCode> {
  const { positionals } = parseArgs({ args: [...args], options: {}, strict: true, allowPositionals: true });
  const { account } = accountAndIds(positionals, false);
  return onAccount(context, account, false, async (core, accountId) => {
    const recorded = await call(core, 'getServerTranscript', { accountId });
    const translator = translatorOf(context);
    const { t } = translator;
    writeResult(context.streams, context.json, recorded, () => {
      if (recorded === null) return t('cli.server.noTranscript');
      // The protocol's own markers (client, server, Mailbag's notes), the same in every language.
      const arrows = { client: 'C:', server: 'S:', info: '--' } as const;
      return [
        t('cli.server.session', { kind: recorded.kind === 'send-receive' ? 'sendReceive' : 'serverMailbox', time: formatDate(recorded.startedAt, translator) }),
        ...recorded.lines.map((line) => `${arrows[line.direction]} ${line.text}`),
        ...(recorded.omitted > 0 ? [t('cli.server.omitted', { count: recorded.omitted })] : []),
      ].join('\n');
    });
    return EXIT.SUCCESS;
  });
}

/** `mailbag server`. */
export const serverCommand: Command = {
  name: 'server',
  summary: 'cli.server.summary',
  usage: USAGE,
  help: 'cli.server.help',
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
        throw first === undefined
          ? new UsageError('cli.usage.sayWhat', { choices: ['list', 'fetch', 'delete', 'keep', 'transcript'].join(', ') })
          : new UsageError('cli.usage.unknownSubcommand', { command: 'server', subcommand: first });
    }
  },
};
