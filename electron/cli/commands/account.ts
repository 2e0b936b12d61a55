/**
 * `mailbag account add|list|remove|doctor`: the account commands of the command line, running the
 * same contract operations as the app. ACCOUNT is an account's name, address or id.
 */
import { parseArgs } from 'node:util';
import type { Account } from '../../../shared/accounts';
import type { Translate } from '../../../shared/i18n/catalogs';
import { doctorFactName, type DoctorStatus, type DoctorStep } from '../../../shared/doctor';
import { call } from '../call';
import { translatorOf, UsageError, writeCliError, type Command, type CommandContext } from '../command';
import { EXIT, exitCodeFor, type ExitCode } from '../exit-codes';
import { writeResult } from '../output';
import { table } from '../table';
import { askPassword, createInputReader, isInteractive, readPasswordLine } from '../prompt';
import { ACCOUNT_ADD_USAGE, leaveOnServerWords, runAccountAdd } from './account-add';
import { visibleControls } from '../../../shared/terminal-text';

const USAGE = `${ACCOUNT_ADD_USAGE}
       mailbag account list
       mailbag account remove ACCOUNT [--yes]
       mailbag account doctor ACCOUNT [--password-stdin] [--incoming-only | --outgoing-only | --round-trip]`;

function server(account: Account, side: 'incoming' | 'outgoing', t: Translate): string {
  const settings = account.settings;
  if (settings === null) return t('cli.account.incomplete');
  const { host, port, security } = settings[side];
  return `${host}:${port} ${security}`;
}

async function list(args: readonly string[], context: CommandContext): Promise<ExitCode> {
  parseArgs({ args: [...args], options: {}, strict: true, allowPositionals: false });
  const core = await context.openCore();
  try {
    const accounts = await call(core, 'listAccounts', undefined);
    const { t, intl } = translatorOf(context);
    writeResult(context.streams, context.json, accounts, () =>
      accounts.length === 0
        ? t('cli.account.none')
        : table([
            [
              t('cli.account.columnName'),
              t('cli.account.columnAddress'),
              t('cli.account.columnIncoming'),
              t('cli.account.columnOutgoing'),
              t('cli.account.columnOnServer'),
              t('cli.account.columnMessages'),
              t('cli.column.id'),
            ],
            ...accounts.map((account) => [
              account.name,
              account.address,
              server(account, 'incoming', t),
              server(account, 'outgoing', t),
              account.settings === null ? '' : leaveOnServerWords(t, account.settings.policy.leaveOnServer),
              intl.formatNumber(account.messageCount),
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
  if (reference === undefined) throw new UsageError('cli.account.nameAccount');
  if (extra !== undefined) throw new UsageError('cli.usage.unexpected', { argument: extra });
  return reference;
}

async function remove(args: readonly string[], context: CommandContext): Promise<ExitCode> {
  const { values, positionals } = parseArgs({ args: [...args], options: { yes: { type: 'boolean' } }, strict: true, allowPositionals: true });
  const reference = one(positionals);
  const core = await context.openCore();
  try {
    const account = core.accounts.find(reference);
    if (account.messageCount > 0 && values.yes !== true) {
      writeCliError(context, 'VALIDATION', 'cli.account.removeConfirm', { name: account.name, count: account.messageCount });
      return exitCodeFor('VALIDATION');
    }
    const outcome = await call(core, 'removeAccount', { id: account.id, deleteLocalMail: values.yes === true });
    writeResult(context.streams, context.json, { id: account.id, ...outcome }, () =>
      translatorOf(context).t('cli.account.removed', { name: account.name, count: outcome.deletedMessages }),
    );
    return EXIT.SUCCESS;
  } finally {
    await core.close();
  }
}

/** The status marks of the doctor's steps: short codes, the same in every language (scripts grep them). */
const MARKS: Readonly<Record<DoctorStatus, string>> = { ok: 'ok  ', warning: 'warn', failed: 'FAIL', skipped: 'skip' };

/** One step as lines: status, title and summary, then the advice and the table (its row names in the language of `t`). */
export function formatStep(step: DoctorStep, t: Translate): string {
  // Summaries and facts quote the servers (greetings, refusals): control characters are shown visibly.
  const lines = [`[${MARKS[step.status]}] ${visibleControls(step.title)}: ${visibleControls(step.summary)}`];
  if (step.advice !== undefined) lines.push(`       ${visibleControls(step.advice)}`);
  const rows = step.facts.map((fact) => ({ name: doctorFactName(t, fact.name), value: fact.value }));
  const width = Math.max(0, ...rows.map((row) => row.name.length));
  for (const row of rows) lines.push(`       ${visibleControls(row.name.padEnd(width))}  ${visibleControls(row.value)}`);
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
  if (values['incoming-only'] === true && values['outgoing-only'] === true) throw new UsageError('cli.account.doctorScope');
  const scope = values['incoming-only'] === true ? 'incoming' : values['outgoing-only'] === true ? 'outgoing' : 'all';
  const roundTrip = values['round-trip'] === true;
  if (roundTrip && scope !== 'all') throw new UsageError('cli.account.roundTrip');
  const { streams } = context;
  const core = await context.openCore();
  const reader = streams.stdin === undefined ? undefined : createInputReader(streams.stdin);
  const stop = core.events.subscribe((event, payload) => {
    if (event === 'doctorStep' && !context.json) streams.stdout.write(`${formatStep((payload as { step: DoctorStep }).step, translatorOf(context).t)}\n`);
  });
  try {
    const account = core.accounts.find(reference);
    let pop3Password: string | undefined;
    if (values['password-stdin'] === true) {
      if (reader === undefined) throw new UsageError('cli.usage.noStdinPassword');
      pop3Password = await readPasswordLine(reader);
    } else if (
      account.settings?.signInWith === undefined &&
      (await core.accounts.password(account.id, 'pop3')) === undefined &&
      isInteractive(streams) &&
      reader !== undefined
    ) {
      pop3Password = await askPassword(reader, streams, translatorOf(context).t('cli.account.askTestPassword', { name: account.name }));
    }
    const report = await call(core, 'testAccount', {
      accountId: account.id,
      scope,
      ...(roundTrip ? { roundTrip } : {}),
      ...(pop3Password === undefined ? {} : { pop3Password }),
      // The steps in the user's language; `--json` keeps English, the same in every language.
      ...(context.json ? {} : { locale: translatorOf(context).locale }),
    });
    const { t } = translatorOf(context);
    writeResult(streams, context.json, report, () =>
      [
        '',
        report.ok ? t('cli.account.allPassed') : t('cli.account.failedChecks', { count: report.steps.filter((step) => step.status === 'failed').length }),
        '',
        t('cli.account.transcript'),
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
  summary: 'cli.account.summary',
  usage: USAGE,
  help: 'cli.account.help',
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
        throw subcommand === undefined
          ? new UsageError('cli.usage.sayWhat', { choices: ['add', 'list', 'remove', 'doctor'].join(', ') })
          : new UsageError('cli.usage.unknownSubcommand', { command: 'account', subcommand });
    }
  },
};
