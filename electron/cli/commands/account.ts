/**
 * `mailbag account add|list|remove|doctor`: the account commands of the command line, running the
 * same contract operations as the app. ACCOUNT is an account's name, address or id.
 */
import { parseArgs } from 'node:util';
import { describeLeaveOnServer, type Account } from '../../../shared/accounts';
import type { DoctorStatus, DoctorStep } from '../../../shared/doctor';
import { call } from '../call';
import { UsageError, type Command, type CommandContext } from '../command';
import { EXIT, exitCodeFor, type ExitCode } from '../exit-codes';
import { writeError, writeResult } from '../output';
import { table } from '../table';
import { askPassword, createInputReader, isInteractive, readPasswordLine } from '../prompt';
import { ACCOUNT_ADD_USAGE, runAccountAdd } from './account-add';
import { visibleControls } from '../../../shared/terminal-text';

const USAGE = `${ACCOUNT_ADD_USAGE}
       mailbag account list
       mailbag account remove ACCOUNT [--yes]
       mailbag account doctor ACCOUNT [--password-stdin] [--incoming-only | --outgoing-only | --round-trip]
ACCOUNT is the account's name, address or id.`;

function server(account: Account, side: 'incoming' | 'outgoing'): string {
  const settings = account.settings;
  if (settings === null) return '(incomplete)';
  const { host, port, security } = settings[side];
  return `${host}:${port} ${security}`;
}

async function list(args: readonly string[], context: CommandContext): Promise<ExitCode> {
  parseArgs({ args: [...args], options: {}, strict: true, allowPositionals: false });
  const core = await context.openCore();
  try {
    const accounts = await call(core, 'listAccounts', undefined);
    writeResult(context.streams, context.json, accounts, () =>
      accounts.length === 0
        ? 'No accounts yet. Add one with: mailbag account add'
        : table([
            ['NAME', 'ADDRESS', 'INCOMING (POP3)', 'OUTGOING (SMTP)', 'ON THE SERVER', 'MESSAGES', 'ID'],
            ...accounts.map((account) => [
              account.name,
              account.address,
              server(account, 'incoming'),
              server(account, 'outgoing'),
              account.settings === null ? '' : describeLeaveOnServer(account.settings.policy.leaveOnServer),
              String(account.messageCount),
              account.id,
            ]),
          ]),
    );
    return EXIT.SUCCESS;
  } finally {
    await core.close();
  }
}

function one(positionals: readonly string[]): string {
  const [reference, extra] = positionals;
  if (reference === undefined) throw new UsageError('Name the account (its name, address or id).');
  if (extra !== undefined) throw new UsageError(`Unexpected argument: ${extra}`);
  return reference;
}

async function remove(args: readonly string[], context: CommandContext): Promise<ExitCode> {
  const { values, positionals } = parseArgs({ args: [...args], options: { yes: { type: 'boolean' } }, strict: true, allowPositionals: true });
  const reference = one(positionals);
  const core = await context.openCore();
  try {
    const account = core.accounts.find(reference);
    if (account.messageCount > 0 && values.yes !== true) {
      writeError(context.streams, context.json, {
        code: 'VALIDATION',
        message: `The account "${account.name}" has ${account.messageCount} messages stored on this computer. Removing it deletes them too; run again with --yes to remove the account and its mail.`,
      });
      return exitCodeFor('VALIDATION');
    }
    const outcome = await call(core, 'removeAccount', { id: account.id, deleteLocalMail: values.yes === true });
    writeResult(
      context.streams,
      context.json,
      { id: account.id, ...outcome },
      () =>
        `Account "${account.name}" removed, with its saved passwords${outcome.deletedMessages > 0 ? ` and ${outcome.deletedMessages} messages stored here` : ''}.`,
    );
    return EXIT.SUCCESS;
  } finally {
    await core.close();
  }
}

const MARKS: Readonly<Record<DoctorStatus, string>> = { ok: 'ok  ', warning: 'warn', failed: 'FAIL', skipped: 'skip' };

/** One step as lines: status, title and summary, then the advice and the table. */
export function formatStep(step: DoctorStep): string {
  // Summaries and facts quote the servers (greetings, refusals): control characters are shown visibly.
  const lines = [`[${MARKS[step.status]}] ${visibleControls(step.title)}: ${visibleControls(step.summary)}`];
  if (step.advice !== undefined) lines.push(`       ${visibleControls(step.advice)}`);
  const width = Math.max(0, ...step.facts.map((fact) => fact.name.length));
  for (const fact of step.facts) lines.push(`       ${visibleControls(fact.name.padEnd(width))}  ${visibleControls(fact.value)}`);
  return lines.join('\n');
}

async function doctor(args: readonly string[], context: CommandContext): Promise<ExitCode> {
  const { values, positionals } = parseArgs({
    args: [...args],
    options: {
      'password-stdin': { type: 'boolean' },
      'incoming-only': { type: 'boolean' },
      'outgoing-only': { type: 'boolean' },
      'round-trip': { type: 'boolean' },
    },
    strict: true,
    allowPositionals: true,
  });
  const reference = one(positionals);
  if (values['incoming-only'] === true && values['outgoing-only'] === true) throw new UsageError('Choose --incoming-only or --outgoing-only, not both.');
  const scope = values['incoming-only'] === true ? 'incoming' : values['outgoing-only'] === true ? 'outgoing' : 'all';
  const roundTrip = values['round-trip'] === true;
  if (roundTrip && scope !== 'all') throw new UsageError('--round-trip checks both servers; leave out --incoming-only and --outgoing-only.');
  const { streams } = context;
  const core = await context.openCore();
  const reader = streams.stdin === undefined ? undefined : createInputReader(streams.stdin);
  const stop = core.events.subscribe((event, payload) => {
    if (event === 'doctorStep' && !context.json) streams.stdout.write(`${formatStep((payload as { step: DoctorStep }).step)}\n`);
  });
  try {
    const account = core.accounts.find(reference);
    let pop3Password: string | undefined;
    if (values['password-stdin'] === true) {
      if (reader === undefined) throw new UsageError('Standard input is not available for the password.');
      pop3Password = await readPasswordLine(reader, 'password');
    } else if (
      account.settings?.signInWith === undefined &&
      (await core.accounts.password(account.id, 'pop3')) === undefined &&
      isInteractive(streams) &&
      reader !== undefined
    ) {
      pop3Password = await askPassword(reader, streams, `No password is saved for "${account.name}". Password to test with`);
    }
    const report = await call(core, 'testAccount', {
      accountId: account.id,
      scope,
      ...(roundTrip ? { roundTrip } : {}),
      ...(pop3Password === undefined ? {} : { pop3Password }),
    });
    writeResult(streams, context.json, report, () =>
      [
        '',
        report.ok ? 'Every check passed.' : `${report.steps.filter((step) => step.status === 'failed').length} check(s) failed.`,
        '',
        'Transcript (passwords redacted):',
        ...report.transcript.map((line) => `  ${line}`),
      ].join('\n'),
    );
    return report.ok ? EXIT.SUCCESS : EXIT.FAILURE;
  } finally {
    stop();
    reader?.close();
    await core.close();
  }
}

/** `mailbag account …`. */
export const accountCommand: Command = {
  name: 'account',
  summary: 'Add, list, check (doctor) or remove accounts',
  usage: USAGE,
  async run(args, context) {
    const [subcommand, ...rest] = args;
    switch (subcommand) {
      case 'add':
        return runAccountAdd(rest, context);
      case 'list':
        return list(rest, context);
      case 'remove':
        return remove(rest, context);
      case 'doctor':
        return doctor(rest, context);
      default:
        throw new UsageError(subcommand === undefined ? 'Say what to do: add, list, remove or doctor.' : `Unknown account command "${subcommand}".`);
    }
  },
};
