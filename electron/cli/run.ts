import { MailbagError, toErrorData } from '../../shared/errors';
import { createCore, type CoreOptions } from '../main/core';
import { createStreamLogger, describeError } from '../services/logger';
import { defaultProfileDir, resolveProfileDir } from '../services/profile';
import { accountCommand } from './commands/account';
import { backupCommand, restoreCommand } from './commands/backup';
import { contactsCommand } from './commands/contacts';
import { exportCommand } from './commands/export';
import { folderCommand } from './commands/folder';
import { importCommand } from './commands/import';
import { junkCommand } from './commands/junk';
import { infoCommand } from './commands/info';
import { listCommand } from './commands/list';
import { deleteCommand, flagCommand, moveCommand } from './commands/message-actions';
import { outboxCommand } from './commands/outbox';
import { rebuildIndexCommand } from './commands/rebuild-index';
import { receiveCommand } from './commands/receive';
import { rulesCommand } from './commands/rules';
import { searchCommand } from './commands/search';
import { sendCommand } from './commands/send';
import { serverCommand } from './commands/server';
import { showCommand } from './commands/show';
import { CliError, UsageError, type Command } from './command';
import { EXIT, exitCodeFor, type ExitCode } from './exit-codes';
import { writeError, type CliStreams } from './output';
import { createTranslator, type Translate, type Translator } from '../../shared/i18n/catalogs';
import { localeFromEnvironment } from '../../shared/i18n/locales';

/** Every command, in the order `mailbag --help` lists them. */
export const COMMANDS: readonly Command[] = [
  infoCommand,
  accountCommand,
  receiveCommand,
  listCommand,
  showCommand,
  searchCommand,
  folderCommand,
  moveCommand,
  flagCommand,
  deleteCommand,
  exportCommand,
  importCommand,
  backupCommand,
  restoreCommand,
  rebuildIndexCommand,
  sendCommand,
  outboxCommand,
  serverCommand,
  rulesCommand,
  junkCommand,
  contactsCommand,
];

/**
 * Services the command line may be given instead of the system's (tests: discovery through a local
 * network, the doctor's name resolver, a keychain); they go to the core unchanged, as the app's would.
 */
export type CliServices = Pick<CoreOptions, 'discoveryNetwork' | 'doctorLookup' | 'keychain'>;

/** Options that apply to every command and may appear anywhere on the line. */
interface GlobalOptions {
  profile?: string;
  json: boolean;
  help: boolean;
  version: boolean;
  rest: string[];
}

function splitGlobalOptions(argv: readonly string[]): GlobalOptions {
  const options: GlobalOptions = { json: false, help: false, version: false, rest: [] };
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index] ?? '';
    if (arg === '--') {
      options.rest.push(...argv.slice(index));
      break;
    } else if (arg === '--json') options.json = true;
    else if (arg === '--help' || arg === '-h') options.help = true;
    else if (arg === '--version') options.version = true;
    else if (arg === '--profile') {
      const value = argv[index + 1];
      if (value === undefined || value.startsWith('--')) throw new UsageError('cli.usage.profileNeedsDirectory');
      options.profile = value;
      index += 1;
    } else if (arg.startsWith('--profile=')) options.profile = arg.slice('--profile='.length);
    else options.rest.push(arg);
  }
  return options;
}

/** The text of `mailbag --help`, in the language of `t`. */
export function usageText(t: Translate): string {
  const width = Math.max(...COMMANDS.map((command) => command.name.length));
  return [
    t('cli.help.usage', { synopsis: 'mailbag [--profile DIR] [--json] COMMAND [ARGS]' }),
    '',
    t('cli.help.commands'),
    ...COMMANDS.map((command) => `  ${command.name.padEnd(width)}  ${t(command.summary)}`),
    '',
    t('cli.help.globalOptions'),
    `  --profile DIR  ${t('cli.help.profileOption')}`,
    `  --json         ${t('cli.help.jsonOption')}`,
    '',
    t('cli.help.exitCodes'),
  ].join('\n');
}

/** A command's usage: the synopsis, then what its placeholders and flags mean. */
export function commandUsage(command: Command, t: Translate): string {
  const synopsis = t('cli.help.usage', { synopsis: command.usage });
  return command.help === undefined ? synopsis : `${synopsis}\n${t(command.help)}`;
}

/** The time zone the environment names in TZ, when Intl knows it (else the runtime's own). */
function timeZoneOf(env: NodeJS.ProcessEnv): string | undefined {
  const zone = env.TZ?.replace(/^:/, '');
  if (zone === undefined || zone === '') return undefined;
  try {
    return new Intl.DateTimeFormat('en', { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

const PARSE_ARGS_QUOTED = /'([^']*)'/;

/** A mistake of Node's argument parser (an unknown flag, a flag without its value) in the user's words. */
function parseArgsText(error: NodeJS.ErrnoException, t: Translate): string {
  const option = PARSE_ARGS_QUOTED.exec(error.message)?.[1] ?? '';
  switch (error.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return t('cli.usage.unknownOption', { option });
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return t('cli.usage.invalidOptionValue', { option });
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return t('cli.usage.unexpected', { argument: option });
    default:
      return t('cli.usage.invalid');
  }
}

/** A usage mistake in the language of `translator`. */
function usageMistake(error: unknown, translator: Translator): string {
  if (error instanceof UsageError) return error.text(translator.t);
  return parseArgsText(error as NodeJS.ErrnoException, translator.t);
}

/**
 * Runs the command line and returns its exit code; never calls process.exit, so tests run it in
 * process. Usage mistakes exit 2 with the usage; failures exit with the code's entry in the table.
 */
export async function runCli(
  argv: readonly string[],
  streams: CliStreams,
  env: NodeJS.ProcessEnv = process.env,
  services: CliServices = {},
): Promise<ExitCode> {
  // Human output speaks the environment's language, with times in its TZ; --json output is the same in every language.
  const translator = createTranslator(localeFromEnvironment(env), timeZoneOf(env));
  const { t } = translator;
  let globals: GlobalOptions;
  try {
    globals = splitGlobalOptions(argv);
  } catch (error) {
    streams.stderr.write(`mailbag: ${usageMistake(error, translator)}\n\n${usageText(t)}\n`);
    return EXIT.USAGE;
  }
  const [name, ...args] = globals.rest;
  if (globals.version) {
    const { readAppVersion } = await import('../main/app-version');
    streams.stdout.write(`${readAppVersion().version}\n`);
    return EXIT.SUCCESS;
  }
  if (name === undefined) {
    (globals.help ? streams.stdout : streams.stderr).write(`${usageText(t)}\n`);
    return globals.help ? EXIT.SUCCESS : EXIT.USAGE;
  }
  const command = COMMANDS.find((candidate) => candidate.name === name);
  if (command === undefined) {
    streams.stderr.write(`mailbag: ${t('cli.usage.unknownCommand', { name })}\n\n${usageText(t)}\n`);
    return EXIT.USAGE;
  }
  if (globals.help) {
    streams.stdout.write(`${commandUsage(command, t)}\n\n${t('cli.help.summary', { summary: t(command.summary) })}\n`);
    return EXIT.SUCCESS;
  }
  let profileDir: string;
  try {
    profileDir = resolveProfileDir({
      argv: globals.profile === undefined ? [] : ['--profile', globals.profile],
      env,
      fallback: defaultProfileDir(process.platform, env),
    });
  } catch {
    // The one way a profile directory is refused: it is empty.
    streams.stderr.write(`mailbag: ${t('cli.usage.emptyProfile')}\n`);
    return EXIT.USAGE;
  }
  const logger = createStreamLogger((line) => streams.stderr.write(line), true);
  try {
    return await command.run(args, {
      streams,
      json: globals.json,
      profileDir,
      translator,
      // `receive` ends as soon as mail is listed: both cores go to the download (indexing beside it
      // cost more time to list than it saved to search, measured on two cores), and `search` indexes
      // what is pending first.
      openCore: (extra = {}) => createCore({ ...services, profileDir, logger, env, indexWhileReceiving: false, indexWhenReceived: false, ...extra }),
    });
  } catch (error) {
    if (error instanceof UsageError || (error as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS')) {
      streams.stderr.write(`mailbag ${command.name}: ${usageMistake(error, translator)}\n\n${commandUsage(command, t)}\n`);
      return EXIT.USAGE;
    }
    const data = toErrorData(error);
    if (!(error instanceof MailbagError)) logger.error('command failed', { command: command.name, error: describeError(error) });
    writeError(streams, globals.json, data, translator, error instanceof CliError ? error.text(t) : undefined);
    return exitCodeFor(data.code);
  }
}
