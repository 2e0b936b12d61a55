/** Structured log facts: never passwords, tokens or message contents. */
export type LogFields = Readonly<Record<string, string | number | boolean | null>>;

/** Where Mailbag's own diagnostics go. */
export interface Logger {
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

/** Describes a thrown value for a log without its stack or any payload it may carry. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return typeof error;
}

/** A logger writing one line per entry to a stream (stderr for the command line and the bridge). */
export function createStreamLogger(write: (line: string) => void, quiet = false): Logger {
  const emit = (level: string, message: string, fields?: LogFields) => {
    if (quiet && level === 'info') return;
    const suffix = fields === undefined ? '' : ` ${JSON.stringify(fields)}`;
    write(`${new Date().toISOString()} ${level} ${message}${suffix}\n`);
  };
  return {
    info: (message, fields) => emit('info', message, fields),
    warn: (message, fields) => emit('warn', message, fields),
    error: (message, fields) => emit('error', message, fields),
  };
}

/** A logger that drops everything (tests that do not look at logs). */
export const silentLogger: Logger = { info: () => {}, warn: () => {}, error: () => {} };
