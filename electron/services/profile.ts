import os from 'node:os';
import path from 'node:path';

/** The application's name as used for its data directory (matches Electron's `userData`). */
export const APP_DIRECTORY_NAME = 'Mailbag';

/** Environment variable that points Mailbag at another profile directory. */
export const PROFILE_ENVIRONMENT_VARIABLE = 'MAILBAG_HOME';

/**
 * The directory Electron uses as `userData` for this app on each platform, computed without Electron
 * so that the command line and the browser bridge find the same mail as the app.
 */
export function defaultProfileDir(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env, home: string = os.homedir()): string {
  switch (platform) {
    case 'win32':
      return path.win32.join(env['APPDATA'] ?? path.win32.join(home, 'AppData', 'Roaming'), APP_DIRECTORY_NAME);
    case 'darwin':
      return path.posix.join(home, 'Library', 'Application Support', APP_DIRECTORY_NAME);
    default:
      return path.posix.join(env['XDG_CONFIG_HOME'] || path.posix.join(home, '.config'), APP_DIRECTORY_NAME);
  }
}

/** Finds `--profile DIR` or `--profile=DIR` in a command line; returns undefined when absent. */
export function profileFromArgv(argv: readonly string[]): string | undefined {
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index];
    if (arg === '--profile') return argv[index + 1];
    if (arg?.startsWith('--profile=')) return arg.slice('--profile='.length);
  }
  return undefined;
}

/**
 * Chooses the profile directory: `--profile DIR` wins over `MAILBAG_HOME`, which wins over the platform
 * default. Relative paths are taken from the current directory. An empty value is a usage error.
 */
export function resolveProfileDir(options: {
  readonly argv?: readonly string[];
  readonly env?: NodeJS.ProcessEnv;
  readonly fallback: string;
  readonly cwd?: string;
}): string {
  const fromArgv = options.argv === undefined ? undefined : profileFromArgv(options.argv);
  const fromEnv = (options.env ?? process.env)[PROFILE_ENVIRONMENT_VARIABLE];
  const chosen = fromArgv ?? (fromEnv === undefined || fromEnv === '' ? undefined : fromEnv);
  if (chosen === undefined) return options.fallback;
  if (chosen.trim() === '') throw new RangeError('The profile directory must not be empty.');
  return path.resolve(options.cwd ?? process.cwd(), chosen);
}
