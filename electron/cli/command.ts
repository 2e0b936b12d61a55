import { createTranslator, type Translator } from '../../shared/i18n/catalogs';
import type { Core, CoreOptions } from '../main/core';

/** What a command may change about the services it opens. */
export type OpenCoreOptions = Pick<CoreOptions, 'wrapAccounts'>;
import type { ExitCode } from './exit-codes';
import type { CliStreams } from './output';

/** What every command receives besides its own arguments. */
export interface CommandContext {
  readonly streams: CliStreams;
  /** `--json`: one JSON document (or JSON lines for streams) on stdout. */
  readonly json: boolean;
  readonly profileDir: string;
  /**
   * The language of the human output (from LC_ALL, LC_MESSAGES, LANG); English when absent. `--json`
   * output never goes through it: it is for programs and stays the same in every language.
   */
  readonly translator?: Translator;
  /** Opens the profile's services (the same ones the app runs); closed by the caller afterwards. */
  openCore(options?: OpenCoreOptions): Promise<Core>;
}

/** One `mailbag` command. */
export interface Command {
  readonly name: string;
  readonly summary: string;
  readonly usage: string;
  run(args: readonly string[], context: CommandContext): Promise<ExitCode>;
}

/** A usage mistake: printed with the command's usage, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

const ENGLISH = createTranslator('en');

/** The translator a command writes its human output with. */
export function translatorOf(context: Pick<CommandContext, 'translator'>): Translator {
  return context.translator ?? ENGLISH;
}

/** Runs `work` on the profile's core and closes the core however the work ends. */
export async function withCore(context: CommandContext, work: (core: Core) => Promise<ExitCode>): Promise<ExitCode> {
  const core = await context.openCore();
  try {
    return await work(core);
  } finally {
    await core.close();
  }
}
