/**
 * Where Thunderbird keeps its profiles: `profiles.ini` in `~/.thunderbird` (Linux; also the Snap and
 * Flatpak homes), `~/Library/Thunderbird` (macOS) or `%APPDATA%\Thunderbird` (Windows). Each
 * `[ProfileN]` section names a profile by `Path`, relative to that folder when `IsRelative=1`;
 * the profile in use is the `Default=` of the install (`installs.ini`, or an `[Install…]` section of
 * profiles.ini, Thunderbird 68 and later), else the profile marked `Default=1`, else the only one.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';

/** One section of an ini file: its keys as written. */
export type IniSection = ReadonlyMap<string, string>;

/** The sections of an ini file's text, by name (keys are case-sensitive as Mozilla writes them). */
export function parseIni(text: string): Map<string, IniSection> {
  const sections = new Map<string, Map<string, string>>();
  let current: Map<string, string> | undefined;
  for (const raw of text.replace(/^\uFEFF/, '').split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith(';') || line.startsWith('#')) continue;
    const header = /^\[(.+)\]$/.exec(line);
    if (header?.[1] !== undefined) {
      current = new Map();
      sections.set(header[1], current);
      continue;
    }
    const equals = line.indexOf('=');
    if (current !== undefined && equals > 0) current.set(line.slice(0, equals).trim(), line.slice(equals + 1).trim());
  }
  return sections;
}

/** The folders Thunderbird may keep profiles.ini in, most likely first. */
export function thunderbirdRoots(platform: NodeJS.Platform, home: string, env: Readonly<Record<string, string | undefined>>): string[] {
  switch (platform) {
    case 'darwin':
      return [path.join(home, 'Library', 'Thunderbird')];
    case 'win32':
      return [path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Thunderbird')];
    default:
      return [
        path.join(home, '.thunderbird'),
        path.join(home, 'snap', 'thunderbird', 'common', '.thunderbird'),
        path.join(home, '.var', 'app', 'org.mozilla.Thunderbird', '.thunderbird'),
      ];
  }
}

/** A profile listed in profiles.ini. */
export interface ThunderbirdProfile {
  readonly name: string;
  readonly directory: string;
  readonly isDefault: boolean;
}

function resolvePath(root: string, section: IniSection, key = 'Path'): string | undefined {
  const written = section.get(key);
  if (written === undefined || written === '') return undefined;
  return section.get('IsRelative') === '0' ? written : path.join(root, ...written.split(/[\\/]/));
}

/** The profiles of one root folder (empty when it has no profiles.ini); the default one marked. */
export async function listThunderbirdProfiles(root: string): Promise<ThunderbirdProfile[]> {
  const text = await fs.readFile(path.join(root, 'profiles.ini'), 'utf8').catch(() => undefined);
  if (text === undefined) return [];
  const sections = parseIni(text);
  const installs = parseIni((await fs.readFile(path.join(root, 'installs.ini'), 'utf8').catch(() => '')) ?? '');
  const installDefault = [...installs.values(), ...[...sections.entries()].filter(([name]) => name.startsWith('Install')).map(([, section]) => section)]
    .map((section) => section.get('Default'))
    .find((value) => value !== undefined && value !== '');
  const profiles: Array<{ name: string; directory: string; relative: string | undefined; marked: boolean }> = [];
  for (const [name, section] of sections) {
    if (!/^Profile\d+$/.test(name)) continue;
    const directory = resolvePath(root, section);
    if (directory === undefined) continue;
    profiles.push({ name: section.get('Name') ?? name, directory, relative: section.get('Path'), marked: section.get('Default') === '1' });
  }
  const chosen =
    profiles.find((profile) => installDefault !== undefined && profile.relative === installDefault) ??
    profiles.find((profile) => profile.marked) ??
    (profiles.length === 1 ? profiles[0] : undefined);
  return profiles.map((profile) => ({ name: profile.name, directory: profile.directory, isDefault: profile === chosen }));
}

/** The profile Thunderbird opens by default on this computer, or undefined when none is found. */
export async function findDefaultThunderbirdProfile(roots: readonly string[]): Promise<ThunderbirdProfile | undefined> {
  for (const root of roots) {
    const profiles = await listThunderbirdProfiles(root);
    const found = profiles.find((profile) => profile.isDefault) ?? profiles[0];
    if (found !== undefined) return found;
  }
  return undefined;
}
