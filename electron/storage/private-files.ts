/**
 * A profile holds mail, addresses and (encrypted) secrets: only its owner may read it, whatever the
 * umask and wherever the user put it. Files Mailbag creates are 0600 and directories 0700; SQLite
 * creates its database with 0644 minus the umask and gives its WAL and SHM files the database's mode,
 * so the database file is created private before SQLite opens it. A profile with looser modes (made
 * by an older version, copied, or unpacked from a backup) is tightened when it is opened.
 */
import fs from 'node:fs';
import path from 'node:path';

/** Owner read and write only. */
export const PRIVATE_FILE_MODE = 0o600;
/** Owner only. */
export const PRIVATE_DIRECTORY_MODE = 0o700;
/** Permission bits that group and others may hold. */
const OTHERS_BITS = 0o077;
/** SQLite's companion files of a database in WAL mode. */
const SQLITE_COMPANIONS = ['-wal', '-shm', '-journal'];

/** Whether the platform has POSIX permission bits (Windows protects the profile by its ACLs instead). */
function hasModes(): boolean {
  return process.platform !== 'win32';
}

/** Removes group and other permissions from one path; true when it had any. */
function tighten(file: string, stats: fs.Stats): boolean {
  if ((stats.mode & OTHERS_BITS) === 0) return false;
  fs.chmodSync(file, stats.isDirectory() ? PRIVATE_DIRECTORY_MODE : PRIVATE_FILE_MODE);
  return true;
}

/**
 * Creates the database file empty and private if it does not exist yet (SQLite treats an empty file
 * as a new database), and makes it and its companion files private if they exist, so the WAL and
 * SHM files SQLite creates next inherit 0600.
 *
 * An existing database is never opened here: closing any descriptor of a file releases every POSIX
 * lock the process holds on it, SQLite's included, and other connections of this process (the window's
 * store, the indexing workers) may hold them. Without its shared lock another process closing its
 * connection would take the database for its own and checkpoint and delete the WAL under ours.
 */
export function preparePrivateDatabaseFile(file: string): void {
  if (!hasModes() || file === '' || file === ':memory:' || file.startsWith('file:')) return;
  try {
    fs.closeSync(fs.openSync(file, fs.constants.O_CREAT | fs.constants.O_EXCL | fs.constants.O_WRONLY, PRIVATE_FILE_MODE));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  for (const candidate of [file, ...SQLITE_COMPANIONS.map((suffix) => `${file}${suffix}`)]) {
    try {
      tighten(candidate, fs.lstatSync(candidate));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
}

/**
 * Makes an existing profile private: the directory itself, every directory below it, and every file
 * directly in it (database, WAL, SHM, settings, credentials). Message files below are always created
 * 0600. Returns the paths that were looser, so the caller can say it changed them. Symbolic links are
 * left alone (never followed out of the profile).
 */
export function tightenProfile(profileDir: string): string[] {
  if (!hasModes()) return [];
  const changed: string[] = [];
  const visit = (directory: string, depth: number): void => {
    if (tighten(directory, fs.lstatSync(directory))) changed.push(directory);
    for (const entry of fs.readdirSync(directory, { withFileTypes: true })) {
      const full = path.join(directory, entry.name);
      if (entry.isDirectory()) visit(full, depth + 1);
      else if (entry.isFile() && depth === 0 && tighten(full, fs.lstatSync(full))) changed.push(full);
    }
  };
  visit(profileDir, 0);
  return changed;
}
