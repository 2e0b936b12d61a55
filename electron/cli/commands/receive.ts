/**
 * `mailbag receive [--account ACCOUNT] [--password-stdin]`: Send/Receive from the command line — every
 * account that takes part in Send/Receive (or the one named), concurrently, each in its own worker,
 * each sending its Outbox first (the same Send/Receive as the window's), with progress, then a summary
 * per account; it ends as soon as the new mail is stored and listed (the
 * full-text index catches up at the next search). Ctrl-C cancels the runs
 * cleanly (what is stored stays stored) and still prints the summary; a second Ctrl-C ends at once.
 */
import { parseArgs } from 'node:util';
import type { Account } from '../../../shared/accounts';
import { toErrorData, type ErrorData } from '../../../shared/errors';
import type { AccountService } from '../../services/accounts';
import type { OutboxFlushResult } from '../../services/outbox';
import { receiveJobForAccount, renewedJob, runSendReceive, sendReceiveAccounts, type AccountSendReceive } from '../../services/send-receive';
import { createAccountProgress } from '../account-progress';
import { UsageError, type Command, type CommandContext } from '../command';
import { EXIT, type ExitCode } from '../exit-codes';
import { createInputReader, readPasswordLine } from '../prompt';
import { receiveExitCode, resultJson, resultLines, type AccountReceiveResult } from '../receive-report';
import { terminalJson, visibleControls } from '../../../shared/terminal-text';

const USAGE = `mailbag receive [--account ACCOUNT] [--password-stdin]
Checks every account that takes part in Send/Receive, or only ACCOUNT (its name, address or id).
--password-stdin reads the POP3 password of ACCOUNT from standard input (one line) instead of the keychain.
Exit codes: 0 every account succeeded, 3 some failed, 4 every failed one was busy (retry later), 1 all failed.`;

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
  if (input === undefined) throw new UsageError('Standard input is not available for the password.');
  const reader = createInputReader(input);
  try {
    return await readPasswordLine(reader, 'password');
  } finally {
    reader.close();
  }
}

/** `mailbag receive`, with Ctrl-C from `interrupts`. */
export function createReceiveCommand(interrupts: InterruptSource = processInterrupts): Command {
  return {
    name: 'receive',
    summary: 'Send/Receive: send what waits in the Outbox, then fetch new mail for every account (or one)',
    usage: USAGE,
    async run(args, context): Promise<ExitCode> {
      const { values, positionals } = parseArgs({
        args: [...args],
        options: { account: { type: 'string' }, 'password-stdin': { type: 'boolean' } },
        strict: true,
        allowPositionals: true,
      });
      if (positionals.length > 0) throw new UsageError(`Unexpected argument: ${positionals[0] ?? ''}`);
      if (values['password-stdin'] === true && values.account === undefined)
        throw new UsageError('--password-stdin needs --account: one password for one account.');
      const { streams, json } = context;
      const core = await context.openCore();
      const cancelling = new AbortController();
      const stopInterrupts = interrupts(() => {
        streams.stderr.write('\nCancelling Send/Receive… (Ctrl-C again to quit at once)\n');
        cancelling.abort();
      });
      const progress = json ? undefined : createAccountProgress(streams.stderr);
      try {
        const accounts: Account[] = sendReceiveAccounts(core.accounts.list(), values.account === undefined ? undefined : core.accounts.find(values.account));
        if (accounts.length === 0) {
          const text = 'No account takes part in Send/Receive. Add one with: mailbag account add';
          streams.stdout.write(json ? `${JSON.stringify({ type: 'summary', accounts: [], exitCode: EXIT.SUCCESS })}\n` : `${text}\n`);
          return EXIT.SUCCESS;
        }
        const names = new Map(accounts.map((account) => [account.id, account.name]));
        const password = values['password-stdin'] === true ? await stdinPassword(context) : undefined;
        const accountService = password === undefined || accounts[0] === undefined ? core.accounts : withPassword(core.accounts, accounts[0].id, password);
        const unsubscribe = core.sendReceive.subscribe((event) => {
          if (event.type !== 'progress') return;
          const name = names.get(event.progress.accountId) ?? event.progress.accountId;
          if (json) streams.stdout.write(`${terminalJson({ type: 'progress', account: name, ...event.progress })}\n`);
          else progress?.update(name, event.progress.phase, event.progress.messagesDone, event.progress.messagesTotal);
        });
        let ran: AccountSendReceive[];
        try {
          // Each account sends what waits in its Outbox (asked for now: whatever its retry delay), then
          // fetches new mail; an account whose receive cannot start keeps its Outbox, as in the window.
          ran = await runSendReceive(
            accounts,
            {
              jobFor: (account) => receiveJobForAccount(accountService, account, core.paths),
              sendOutbox: (accountId, signal) => core.outbox.flush({ accountId, urgency: 'now', ...(signal === undefined ? {} : { signal }) }),
              receive: (job) => core.sendReceive.start(job),
              renewJob: (job) => renewedJob(accountService, job),
              cancelReceive: (accountId) => core.sendReceive.cancel(accountId),
            },
            cancelling.signal,
          );
        } finally {
          unsubscribe();
        }
        const cancelled = cancelling.signal.aborted;
        // The message rules run on the new mail (indexed first when there are rules, so they see its words).
        await core.filterNewMail().catch((error: unknown) => writeAccountError(streams, 'The message rules', toErrorData(error)));
        progress?.finish(cancelled ? 'Send/Receive cancelled.' : 'Send/Receive finished.');
        // New mail is listed (with sender, subject, date, size and attachment flag) once its batch is
        // committed; the full-text index catches up at the next search, or in the app, by itself.
        const results: AccountReceiveResult[] = ran.map(({ account, outcome }) => ({ account, outcome }));
        const outbox = ran.flatMap((result) => result.outbox);
        const outboxErrors = ran.flatMap(({ account, outboxError }) => (outboxError === null ? [] : [{ account, error: outboxError }]));
        const receiveCode = receiveExitCode(results.map((result) => result.outcome));
        const outboxTrouble = outboxErrors.length > 0 || outbox.some((result) => result.result !== 'sent');
        const exitCode = receiveCode === EXIT.SUCCESS && outboxTrouble ? EXIT.PARTIAL : receiveCode;
        for (const { account, error } of outboxErrors) writeAccountError(streams, `${account.name}: the Outbox could not be sent`, error);
        for (const { account, outcome } of results) {
          if (outcome.status === 'failed') writeAccountError(streams, account.name, outcome.error);
        }
        streams.stdout.write(
          json
            ? `${terminalJson({ type: 'summary', outbox, accounts: results.map(resultJson), exitCode })}\n`
            : `${visibleControls([...outboxLines(outbox), ...results.flatMap((result) => resultLines(result))].join('\n'), 'lines')}\n`,
        );
        return exitCode;
      } finally {
        stopInterrupts();
        await core.close();
      }
    },
  };
}

/** An account's error on stderr: `mailbag: CODE: ACCOUNT: message (detail)`, control characters visible. */
function writeAccountError(streams: CommandContext['streams'], prefix: string, error: ErrorData): void {
  streams.stderr.write(`mailbag: ${error.code}: ${visibleControls(`${prefix}: ${error.message}${error.detail === undefined ? '' : ` (${error.detail})`}`)}\n`);
}

/** One line about what the Outbox sent first (nothing when it was empty). */
function outboxLines(results: readonly OutboxFlushResult[]): string[] {
  if (results.length === 0) return [];
  const sent = results.filter((result) => result.result === 'sent').length;
  const problems = results.filter((result) => result.result !== 'sent');
  const line = `Outbox: ${sent} sent${problems.length === 0 ? '' : `, ${problems.length} not sent (see: mailbag outbox)`}`;
  return [line, ...problems.map((result) => `  message ${result.id}: ${result.result}${result.reason === null ? '' : ` — ${result.reason}`}`)];
}

/** `mailbag receive`, cancelled by Ctrl-C (SIGINT). */
export const receiveCommand: Command = createReceiveCommand();
