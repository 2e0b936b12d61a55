/**
 * "Start Mailbag when I sign in" (Settings → Desktop): Windows and macOS keep login items themselves
 * (app.setLoginItemSettings); Linux desktops start what ~/.config/autostart holds (the XDG Autostart
 * specification), so there Mailbag writes or removes its own desktop entry.
 */
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../storage/atomic-file';

/** Mailbag's desktop entry in the autostart folder. */
export const AUTOSTART_FILE_NAME = 'mailbag.desktop';

/** What starting at login needs from Electron and the system, passed in so this runs without Electron. */
export interface LoginItemTarget {
  readonly platform: NodeJS.Platform;
  readonly setLoginItemSettings: (settings: { readonly openAtLogin: boolean }) => void;
  /** The XDG autostart folder (~/.config/autostart, or under $XDG_CONFIG_HOME). */
  readonly autostartDir: string;
  /** The program and arguments that start Mailbag (the AppImage's path when run from one). */
  readonly command: readonly string[];
}

/**
 * One argument of a desktop entry's Exec key: quoted, with the characters the specification reserves
 * inside quotes escaped, then escaped again as a string value, and "%" doubled (not a field code).
 */
function execArgument(argument: string): string {
  // eslint-disable-next-line mailbag-window/strings -- a developer's error: the program path is Mailbag's own, never typed by a person
  if (/[\r\n]/.test(argument)) throw new RangeError('A program path cannot contain a line break.');
  const quoted = `"${argument.replace(/["`$\\]/g, '\\$&')}"`;
  return quoted.replace(/\\/g, '\\\\').replace(/%/g, '%%');
}

/** The autostart desktop entry that starts Mailbag. */
export function autostartEntry(command: readonly string[]): string {
  return ['[Desktop Entry]', 'Type=Application', 'Name=Mailbag', `Exec=${command.map(execArgument).join(' ')}`, 'X-GNOME-Autostart-enabled=true', ''].join(
    '\n',
  );
}

/** Starts Mailbag at login, or stops doing so. */
export async function applyStartAtLogin(enabled: boolean, target: LoginItemTarget): Promise<void> {
  if (target.platform !== 'linux') {
    target.setLoginItemSettings({ openAtLogin: enabled });
    return;
  }
  const file = path.join(target.autostartDir, AUTOSTART_FILE_NAME);
  if (!enabled) {
    await rm(file, { force: true });
    return;
  }
  await mkdir(target.autostartDir, { recursive: true });
  await writeFileAtomic(file, autostartEntry(target.command));
}
