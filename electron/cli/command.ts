import { MailbagError, type ErrorCode } from '../../shared/errors';
import { createTranslator, type MessageValues, type Translate, type Translator } from '../../shared/i18n/catalogs';
import type { MessageId } from '../../shared/i18n/messages-en';
import type { Core, CoreOptions } from '../main/core';

/** What a command may change about the services it opens. */
export type OpenCoreOptions = Pick<CoreOptions, 'wrapAccounts' | 'receiveRunner'>;
import type { ExitCode } from './exit-codes';
import { writeError, type CliStreams } from './output';

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
  /** The line `mailbag --help` shows for it, in the user's language. */
  readonly summary: MessageId;
  /** The synopsis: the command's words, flags and placeholders, the same in every language. */
  readonly usage: string;
  /** What the synopsis' placeholders and flags mean, under it in `--help` and after a usage mistake. */
  readonly help?: MessageId;
  run(args: readonly string[], context: CommandContext): Promise<ExitCode>;
}

const ENGLISH = createTranslator('en');

/** A usage mistake: printed in the user's language with the command's usage, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  readonly id: MessageId;
  readonly values: MessageValues;

  constructor(id: MessageId, values: MessageValues = {}) {
    super(ENGLISH.t(id, values));
    this.id = id;
    this.values = values;
  }

  /** The mistake in the language of `t`. */
  text(t: Translate): string {
    return t(this.id, this.values);
  }
}

/** A message of the catalogs with its arguments. */
export interface CliMessage {
  readonly id: MessageId;
  readonly values?: MessageValues;
}

/**
 * A failure the command line itself describes: its message and detail (what `--json` shows, for
 * programs) are English, the line on stderr is in the user's language.
 */
export class CliError extends MailbagError {
  readonly id: MessageId;
  readonly values: MessageValues;
  readonly detailMessage: CliMessage | undefined;
  /** Arguments that are text themselves, worded again in the language of `t` (English in `--json`). */
  readonly localized: ((t: Translate) => MessageValues) | undefined;

  constructor(code: ErrorCode, id: MessageId, values: MessageValues = {}, options: { detail?: CliMessage; localized?: (t: Translate) => MessageValues } = {}) {
    super(code, ENGLISH.t(id, values), options.detail === undefined ? {} : { detail: ENGLISH.t(options.detail.id, options.detail.values) });
    this.id = id;
    this.values = values;
    this.detailMessage = options.detail;
    this.localized = options.localized;
  }

  /** The failure, with its detail, in the language of `t`. */
  text(t: Translate): string {
    const message = t(this.id, { ...this.values, ...this.localized?.(t) });
    return this.detailMessage === undefined ? message : t('cli.error.detail', { message, detail: t(this.detailMessage.id, this.detailMessage.values) });
  }
}

/**
 * Writes a failure the command describes itself (and goes on, or returns its exit code): English in
 * `--json`, the user's language on stderr. `localized` replaces arguments that are text themselves
 * with that text in the user's language.
 */
export function writeCliError(context: CommandContext, code: ErrorCode, id: MessageId, values: MessageValues = {}, localized: MessageValues = {}): void {
  const error = new CliError(code, id, values);
  const translator = translatorOf(context);
  writeError(context.streams, context.json, error.toData(), translator, translator.t(id, { ...values, ...localized }));
}

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
