import { MailbagError, toErrorData } from '../../shared/errors';
import type { CoreOptions } from '../main/core';
import { createStreamLogger, describeError } from '../services/logger';
import { defaultProfileDir, resolveProfileDir } from '../services/profile';
import { CliError, UsageError, type Command } from './command';
import { EXIT, exitCodeFor, type ExitCode } from './exit-codes';
import { writeError, type CliStreams } from './output';
import { createTranslator, type Translate, type Translator } from '../../shared/i18n/catalogs';
import { localeFromEnvironment } from '../../shared/i18n/locales';
import { markPhase } from '../jobs/phase-marks';
import { PROGRAM_LOADED_EVENT } from './code-cache';

/**
 * A command by its name, loaded when it runs: its module, and the services it opens, are evaluated only
 * then (the bundle defers a module imported with `import()` until it is first imported), so
 * `mailbag --version` or `--help` does not build what every command needs.
 */
export interface CommandEntry {
  readonly name: string;
  load(): Promise<Command>;
}

/** Every command, in the order `mailbag --help` lists them. */
export const COMMANDS: readonly CommandEntry[] = [
  { name: 'info', load: async () => (await import('./commands/info')).infoCommand },
  { name: 'account', load: async () => (await import('./commands/account')).accountCommand },
  { name: 'receive', load: async () => (await import('./commands/receive')).receiveCommand },
  { name: 'list', load: async () => (await import('./commands/list')).listCommand },
  { name: 'show', load: async () => (await import('./commands/show')).showCommand },
  { name: 'search', load: async () => (await import('./commands/search')).searchCommand },
  { name: 'folder', load: async () => (await import('./commands/folder')).folderCommand },
  { name: 'move', load: async () => (await import('./commands/message-actions')).moveCommand },
  { name: 'flag', load: async () => (await import('./commands/message-actions')).flagCommand },
  { name: 'delete', load: async () => (await import('./commands/message-actions')).deleteCommand },
  { name: 'export', load: async () => (await import('./commands/export')).exportCommand },
  { name: 'import', load: async () => (await import('./commands/import')).importCommand },
  { name: 'backup', load: async () => (await import('./commands/backup')).backupCommand },
  { name: 'restore', load: async () => (await import('./commands/backup')).restoreCommand },
  { name: 'rebuild-index', load: async () => (await import('./commands/rebuild-index')).rebuildIndexCommand },
  { name: 'send', load: async () => (await import('./commands/send')).sendCommand },
  { name: 'outbox', load: async () => (await import('./commands/outbox')).outboxCommand },
  { name: 'server', load: async () => (await import('./commands/server')).serverCommand },
  { name: 'rules', load: async () => (await import('./commands/rules')).rulesCommand },
  { name: 'junk', load: async () => (await import('./commands/junk')).junkCommand },
  { name: 'contacts', load: async () => (await import('./commands/contacts')).contactsCommand },
];

/** Every command, loaded. */
export async function loadCommands(): Promise<Command[]> {
  return Promise.all(COMMANDS.map((entry) => entry.load()));
}

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

/** The text of `mailbag --help`, in the language of `t`, listing `commands` (every command, loaded). */
export function usageText(t: Translate, commands: readonly Command[]): string {
  const width = Math.max(...commands.map((command) => command.name.length));
  return [
    t('cli.help.usage', { synopsis: 'mailbag [--profile DIR] [--json] COMMAND [ARGS]' }),
    '',
    t('cli.help.commands'),
    ...commands.map((command) => `  ${command.name.padEnd(width)}  ${t(command.summary)}`),
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
    streams.stderr.write(`mailbag: ${usageMistake(error, translator)}\n\n${usageText(t, await loadCommands())}\n`);
    return EXIT.USAGE;
  }
  const [name, ...args] = globals.rest;
  if (globals.version) {
    const { readAppVersion } = await import('../main/app-version');
    streams.stdout.write(`${readAppVersion().version}\n`);
    return EXIT.SUCCESS;
  }
  if (name === undefined) {
    (globals.help ? streams.stdout : streams.stderr).write(`${usageText(t, await loadCommands())}\n`);
    return globals.help ? EXIT.SUCCESS : EXIT.USAGE;
  }
  const entry = COMMANDS.find((candidate) => candidate.name === name);
  if (entry === undefined) {
    streams.stderr.write(`mailbag: ${t('cli.usage.unknownCommand', { name })}\n\n${usageText(t, await loadCommands())}\n`);
    return EXIT.USAGE;
  }
  // The command and the services it opens: the rest of the bundle, evaluated now.
  const [command, { createCore }] = await Promise.all([entry.load(), import('../main/core')]);
  markPhase('modules loaded');
  // The launcher (code-cache.ts) then writes the code cache again when it lacks this code.
  const processEvents: NodeJS.EventEmitter = process;
  processEvents.emit(PROGRAM_LOADED_EVENT);
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
      openCore: (extra = {}) =>
        createCore({
          ...services,
          profileDir,
          logger,
          env,
          indexWhileReceiving: false,
          indexWhenReceived: false,
          // The services' code is a part of the program the code cache should then hold.
          onServicesWired: () => processEvents.emit(PROGRAM_LOADED_EVENT),
          ...extra,
        }),
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
