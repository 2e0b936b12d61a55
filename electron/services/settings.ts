import { copyFileSync, promises as fs } from 'node:fs';
import path from 'node:path';
import { wordedError } from '../../shared/error-words';
import type * as SettingsSchemas from '../../shared/settings';
import type { Settings, SettingsPatch } from '../../shared/settings';
import { writeFileAtomic, writeFileAtomicSync } from '../storage/atomic-file';

let schemas: typeof SettingsSchemas | undefined;

/**
 * The settings' schema and defaults (shared/settings.ts), built when the settings are first read or
 * changed: its zod objects, and those of the mail and conversation schemas it takes parts from, cost
 * every command milliseconds at start, and a command that only reads the store (`mailbag list`) never
 * reads a setting. Loaded synchronously, as a static import would.
 */
function settingsSchemas(): typeof SettingsSchemas {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- built on first use, synchronously (see above)
  schemas ??= require('../../shared/settings') as typeof SettingsSchemas;
  return schemas;
}

/** File name of the settings inside the profile directory. */
export const SETTINGS_FILE_NAME = 'settings.json';

/** Reads and writes the application-wide settings of one profile. */
export interface SettingsService {
  get(): Settings;
  /** Applies a validated change, writes it durably, and returns the new settings. */
  update(patch: SettingsPatch): Promise<Settings>;
}

/**
 * Reads a settings file's value. `clean` is false when something in it was invalid or unknown; keys
 * that are merely missing (a file written by an earlier version, before a setting existed) take their
 * defaults and do not make it unclean.
 */
function settingsFromUnknown(value: unknown): { settings: Settings; clean: boolean } {
  const { DEFAULT_SETTINGS, settingsSchema } = settingsSchemas();
  const whole = settingsSchema.safeParse(value);
  if (whole.success) return { settings: whole.data, clean: true };
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const completed = settingsSchema.safeParse({ ...DEFAULT_SETTINGS, ...(value as Record<string, unknown>) });
    if (completed.success) return { settings: completed.data, clean: true };
  }
  // Keep every key that is still valid on its own; fall back to the default for the rest.
  const settings: Settings = { ...DEFAULT_SETTINGS };
  if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    const shape = settingsSchema.shape;
    for (const key of Object.keys(shape) as (keyof Settings)[]) {
      const field = shape[key].safeParse(record[key]);
      if (field.success) Object.assign(settings, { [key]: field.data });
    }
  }
  return { settings, clean: false };
}

/**
 * The settings of a file's text (undefined: no file), validated. A damaged file is kept aside and
 * replaced by what was still valid in it.
 */
function readSettings(file: string, text: string | undefined): Settings {
  if (text === undefined) return { ...settingsSchemas().DEFAULT_SETTINGS };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  const { settings, clean } = settingsFromUnknown(parsed);
  if (!clean) {
    copyFileSync(file, `${file}.damaged-${Date.now()}`);
    writeFileAtomicSync(file, `${JSON.stringify(settings, null, 2)}\n`);
  }
  return settings;
}

/**
 * Opens the settings of a profile: the file is read now and validated before any setting is used
 * (the first get or update), so a command that uses none does not build the schema. A missing file
 * means defaults, and so does a missing key (a setting added after the file was written). A damaged
 * file is never thrown away: it is kept beside the new one (`settings.json.damaged-<time>`) and every
 * value that is still valid is carried over.
 */
export async function openSettings(profileDir: string, onChange: (settings: Settings) => void = () => {}): Promise<SettingsService> {
  const file = path.join(profileDir, SETTINGS_FILE_NAME);
  let text: string | undefined;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw wordedError('STORAGE', { id: 'serviceError.settings.unreadable' }, { cause: error });
    }
  }
  let read: Settings | undefined;
  const current = (): Settings => (read ??= readSettings(file, text));

  let writing: Promise<unknown> = Promise.resolve();
  return {
    get: current,
    update(patch) {
      // Each change merges into the settings as they are when its turn comes, so concurrent changes
      // to different keys all survive.
      const write = writing.then(async () => {
        const parsed = settingsSchemas().settingsSchema.safeParse({ ...current(), ...patch });
        if (!parsed.success) throw wordedError('VALIDATION', { id: 'serviceError.settings.invalid' });
        try {
          await writeFileAtomic(file, `${JSON.stringify(parsed.data, null, 2)}\n`);
        } catch (error) {
          throw wordedError('STORAGE', { id: 'serviceError.settings.notSaved' }, { cause: error });
        }
        read = parsed.data;
        onChange(parsed.data);
        return parsed.data;
      });
      writing = write.catch(() => undefined);
      return write;
    },
  };
}
