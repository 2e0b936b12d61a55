/**
 * `mailbag receive [--account ACCOUNT] [--password-stdin]`: Send/Receive from the command line — every
 * account that takes part in Send/Receive (or the one named), concurrently, each in its own worker
 * (a single account on the command's own thread, which has nothing else to do), each sending its
 * Outbox first (the same Send/Receive as the window's), with progress, then a summary per account; it
 * ends as soon as the new mail is stored and listed (the full-text index catches up at the next
 * search, or in the app). Ctrl-C cancels the runs
 * cleanly (what is stored stays stored) and still prints the summary; a second Ctrl-C ends at once.
 */
import { parseArgs } from 'node:util';
import type { Account } from '../../../shared/accounts';
import { toErrorData, type ErrorData } from '../../../shared/errors';
import type { AccountService } from '../../services/accounts';
import type { OutboxFlushResult } from '../../services/outbox';
import {
  receiveJobForAccount,
  renewedJob,
  runSendReceive,
  sameThreadRunner,
  sendReceiveAccounts,
  workerRunner,
  type AccountSendReceive,
  type ReceiveRunner,
} from '../../services/send-receive';
import { createAccountProgress } from '../account-progress';
import { translatorOf, UsageError, type Command, type CommandContext } from '../command';
import { errorText } from '../output';
import type { ReceivePhase } from '../../jobs/receive/receive-types';
import type { Translate, Translator } from '../../../shared/i18n/catalogs';
import { EXIT, type ExitCode } from '../exit-codes';
import { createInputReader, readPasswordLine } from '../prompt';
import { receiveExitCode, resultJson, resultLines, type AccountReceiveResult } from '../receive-report';
import { outboxJson, outboxReasonWords } from './outbox';
import { terminalJson, visibleControls } from '../../../shared/terminal-text';
import { markPhase } from '../../jobs/phase-marks';

const USAGE = 'mailbag receive [--account ACCOUNT] [--password-stdin]';

/** Where Ctrl-C comes from; tests pass their own. Returns the function that stops listening. */
export type InterruptSource = (listener: () => void) => () => void;

/** Ctrl-C of this process: the first one is handled; after it the default (ending the process) applies again. */
export const processInterrupts: InterruptSource = (listener) => {
  process.once('SIGINT', listener);
  return () => process.off('SIGINT', listener);
};

/** The account service, with the password given on standard input for one account. */
export function withPassword(accounts: AccountService, accountId: string, password: string): AccountService {
  return {
    list: () => accounts.list(),
    references: () => accounts.references(),
    get: (id) => accounts.get(id),
    find: (reference) => accounts.find(reference),
    findReference: (reference) => accounts.findReference(reference),
    save: (request) => accounts.save(request),
    remove: (id, options) => accounts.remove(id, options),
    password: async (id, protocol) => (id === accountId && protocol === 'pop3' ? password : accounts.password(id, protocol)),
    passwordFor: (settings, protocol, id) =>
      id === accountId && protocol === 'pop3' ? Promise.resolve(password) : accounts.passwordFor(settings, protocol, id),
    enterPassword: (id, protocol, typed, remember) => accounts.enterPassword(id, protocol, typed, remember),
    accessToken: (id) => accounts.accessToken(id),
    renewAccessToken: (id, refused) => accounts.renewAccessToken(id, refused),
    checkSignIn: (id) => accounts.checkSignIn(id),
  };
}

/** One password line from standard input (`--password-stdin`). */
export async function stdinPassword(context: CommandContext): Promise<string> {
  const input = context.streams.stdin;
  if (input === undefined) throw new UsageError('cli.usage.noStdinPassword');
  const reader = createInputReader(input);
  try {
    return await readPasswordLine(reader);
  } finally {
    reader.close();
  }
}

/**
 * Starts reading the `--password-stdin` line now; `stop` stops listening to standard input (a command
 * that ends without needing the password must not wait for an input that never ends).
 */
function startReadingPassword(context: CommandContext): { readonly password: Promise<string>; stop(): void } {
  const input = context.streams.stdin;
  if (input === undefined) {
    const password = Promise.reject(new UsageError('cli.usage.noStdinPassword'));
    password.catch(() => undefined);
    return { password, stop: () => undefined };
  }
  const reader = createInputReader(input);
  const password = readPasswordLine(reader).finally(() => reader.close());
  password.catch(() => undefined);
  return { password, stop: () => reader.close() };
}

/** `mailbag receive`, with Ctrl-C from `interrupts`. */
export function createReceiveCommand(interrupts: InterruptSource = processInterrupts): Command {
  return {
    name: 'receive',
    summary: 'cli.receive.summary',
    usage: USAGE,
    help: 'cli.receive.help',
    async run(args, context): Promise<ExitCode> {
      const { values, positionals } = parseArgs({
        args: [...args],
        options: { account: { type: 'string' }, 'password-stdin': { type: 'boolean' } },
        strict: true,
        allowPositionals: true,
      });
      if (positionals.length > 0) throw new UsageError('cli.usage.unexpected', { argument: positionals[0] ?? '' });
      if (values['password-stdin'] === true && values.account === undefined) throw new UsageError('cli.receive.passwordAccount');
      // The password line is read while the profile opens (both wait on the disk or the pipe); a
      // failure to read it counts only where the password is needed, as before.
      const stdinLine = values['password-stdin'] === true ? startReadingPassword(context) : undefined;
      const { streams, json } = context;
      const translator = translatorOf(context);
      const { t } = translator;
      // One account runs on this thread (the process waits for nothing else, and starting a worker
      // thread costs more than a small mailbox takes); several run side by side, each in its own worker.
      let sameThread: ReceiveRunner | undefined;
      const core = await context
        .openCore({ receiveRunner: (job, signal, onProgress) => (sameThread ?? workerRunner)(job, signal, onProgress) })
        .catch((error: unknown) => {
          stdinLine?.stop();
          throw error;
        });
      const cancelling = new AbortController();
      const stopInterrupts = interrupts(() => {
        streams.stderr.write(`\n${t('cli.receive.cancelling')}\n`);
        cancelling.abort();
      });
      const progress = json ? undefined : createAccountProgress(streams.stderr, translator);
      try {
        // A named account is found on its own: listing every account also counts each one's messages.
        const named = values.account === undefined ? undefined : core.accounts.find(values.account);
        const accounts: Account[] = sendReceiveAccounts(named === undefined ? core.accounts.list() : [], named);
        if (accounts.length === 0) {
          const text = t('cli.receive.noAccounts');
          streams.stdout.write(json ? `${JSON.stringify({ type: 'summary', accounts: [], exitCode: EXIT.SUCCESS })}\n` : `${text}\n`);
          return EXIT.SUCCESS;
        }
        if (accounts.length === 1) sameThread = sameThreadRunner({ database: core.database, store: core.store });
        const names = new Map(accounts.map((account) => [account.id, account.name]));
        const password = stdinLine === undefined ? undefined : await stdinLine.password;
        const accountService = password === undefined || accounts[0] === undefined ? core.accounts : withPassword(core.accounts, accounts[0].id, password);
        const unsubscribe = core.sendReceive.subscribe((event) => {
          if (event.type !== 'progress') return;
          const name = names.get(event.progress.accountId) ?? event.progress.accountId;
          if (json) streams.stdout.write(`${terminalJson({ type: 'progress', account: name, ...event.progress })}\n`);
          else progress?.update(name, phaseWords(t, event.progress.phase), event.progress.messagesDone, event.progress.messagesTotal);
        });
        let ran: AccountSendReceive[];
        try {
          // Each account sends what waits in its Outbox (asked for now: whatever its retry delay), then
          // fetches new mail; an account whose receive cannot start keeps its Outbox, as in the window.
          ran = await runSendReceive(
            accounts,
            {
              jobFor: async (account) => {
                const job = await receiveJobForAccount(accountService, account, core.paths);
                markPhase('password ready');
                return job;
              },
              sendOutbox: async (accountId, signal) => {
                const sent = await core.outbox.flush({ accountId, urgency: 'now', ...(signal === undefined ? {} : { signal }) });
                markPhase('outbox sent');
                return sent;
              },
              receive: (job) => core.sendReceive.start(job),
              renewJob: (job) => renewedJob(accountService, job),
              cancelReceive: (accountId) => core.sendReceive.cancel(accountId),
            },
            cancelling.signal,
          );
        } finally {
          unsubscribe();
        }
        markPhase('received');
        const cancelled = cancelling.signal.aborted;
        // The message rules run on the new mail (indexed first when there are rules, so they see its words).
        await core.filterNewMail().catch((error: unknown) => writeAccountError(streams, translator, t('cli.receive.rulesFailed'), toErrorData(error)));
        markPhase('rules run');
        progress?.finish(t(cancelled ? 'cli.receive.cancelled' : 'cli.receive.finished'));
        // New mail is listed (with sender, subject, date, size and attachment flag) once its batch is
        // committed; the full-text index catches up at the next search, or in the app, by itself.
        const results: AccountReceiveResult[] = ran.map(({ account, outcome }) => ({ account, outcome }));
        const outbox = ran.flatMap((result) => result.outbox);
        const outboxErrors = ran.flatMap(({ account, outboxError }) => (outboxError === null ? [] : [{ account, error: outboxError }]));
        const receiveCode = receiveExitCode(results.map((result) => result.outcome));
        const outboxTrouble = outboxErrors.length > 0 || outbox.some((result) => result.result !== 'sent');
        const exitCode = receiveCode === EXIT.SUCCESS && outboxTrouble ? EXIT.PARTIAL : receiveCode;
        for (const { account, error } of outboxErrors) writeAccountError(streams, translator, t('cli.receive.outboxFailed', { account: account.name }), error);
        for (const { account, outcome } of results) {
          if (outcome.status === 'failed') writeAccountError(streams, translator, account.name, outcome.error);
        }
        streams.stdout.write(
          json
            ? `${terminalJson({ type: 'summary', outbox: outbox.map(outboxJson), accounts: results.map(resultJson), exitCode })}\n`
            : `${visibleControls([...outboxLines(outbox, translator), ...results.flatMap((result) => resultLines(result, Date.now(), translator))].join('\n'), 'lines')}\n`,
        );
        return exitCode;
      } finally {
        stdinLine?.stop();
        stopInterrupts();
        await core.close();
        markPhase('closed');
      }
    },
  };
}

/** A receive phase in the words of the command line's progress lines. */
function phaseWords(t: Translate, phase: ReceivePhase): string {
  switch (phase) {
    case 'connecting':
      return t('cli.phase.connecting');
    case 'authenticating':
      return t('cli.phase.authenticating');
    case 'listing':
      return t('cli.phase.listing');
    case 'downloading':
      return t('cli.phase.downloading');
    case 'deleting':
      return t('cli.phase.deleting');
    case 'finishing':
      return t('cli.phase.finishing');
  }
}

/** An account's error on stderr: `mailbag: CODE: ACCOUNT: message (detail)`, control characters visible. */
function writeAccountError(streams: CommandContext['streams'], translator: Translator, prefix: string, error: ErrorData): void {
  streams.stderr.write(
    `mailbag: ${error.code}: ${visibleControls(translator.t('cli.receive.accountError', { prefix, error: errorText(error, translator) }))}\n`,
  );
}

/** One line about what the Outbox sent first (nothing when it was empty). */
function outboxLines(results: readonly OutboxFlushResult[], translator: Translator): string[] {
  const { t } = translator;
  if (results.length === 0) return [];
  const sent = results.filter((result) => result.result === 'sent').length;
  const problems = results.filter((result) => result.result !== 'sent');
  const line = problems.length === 0 ? t('cli.receive.outboxSent', { sent }) : t('cli.receive.outboxProblems', { sent, problems: problems.length });
  return [
    line,
    ...problems.map(
      (result) =>
        `  ${result.reason === null ? t('cli.receive.outboxMessage', { id: result.id, result: result.result }) : t('cli.receive.outboxMessageReason', { id: result.id, result: result.result, reason: outboxReasonWords(result, t) })}`,
    ),
  ];
}

/** `mailbag receive`, cancelled by Ctrl-C (SIGINT). */
export const receiveCommand: Command = createReceiveCommand();
