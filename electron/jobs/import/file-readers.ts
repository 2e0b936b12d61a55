/**
 * Messages kept one per file: `.eml` files (a file, or a folder of them, searched recursively) and
 * maildir (cur/ and new/, flags from the `:2,` info suffix as the maildir specification and Dovecot
 * write them). Each file is read whole (one message) and given back with CRLF line ends, like mbox.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { MailboxItem } from './mbox-reader';

/** Why the system could not read a file: its error code ("EACCES"), the same in every language, else its message. */
function systemReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  return typeof code === 'string' ? code : (error as Error).message;
}

/** Extension of the files an .eml folder import takes. */
export const EML_EXTENSION = '.eml';
/** A file larger than this is listed as not imported rather than read into memory. */
export const MAX_MESSAGE_FILE_BYTES = 256 * 1024 * 1024;

/** Flags of a maildir file name (`…:2,FRS`). */
export interface MaildirFlags {
  readonly seen: boolean;
  readonly replied: boolean;
  readonly flagged: boolean;
  readonly trashed: boolean;
}

/** The flags of a maildir file name's info suffix (`:2,` then letters in ASCII order; `!` on Windows). */
export function maildirFlags(name: string): MaildirFlags {
  const match = /[:!]2,([A-Za-z]*)$/.exec(name);
  const letters = match?.[1] ?? '';
  return { seen: letters.includes('S'), replied: letters.includes('R'), flagged: letters.includes('F'), trashed: letters.includes('T') };
}

/** Bare LF line ends become CRLF; CRLF and lone CR stay. */
export function toCrlf(bytes: Buffer): Buffer {
  const parts: Buffer[] = [];
  let start = 0;
  for (let newline = bytes.indexOf(0x0a); newline !== -1; newline = bytes.indexOf(0x0a, newline + 1)) {
    if (newline > 0 && bytes[newline - 1] === 0x0d) continue;
    parts.push(bytes.subarray(start, newline), Buffer.from('\r\n'));
    start = newline + 1;
  }
  if (start === 0) return bytes;
  parts.push(bytes.subarray(start));
  return Buffer.concat(parts);
}

async function readMessageFile(file: string, flags: { seen: boolean; flagged: boolean; answered: boolean }): Promise<MailboxItem> {
  try {
    const { size } = await fs.stat(file);
    if (size > MAX_MESSAGE_FILE_BYTES)
      return { kind: 'problem', problem: { file, offset: 0, length: size, reason: { code: 'too-large', limit: MAX_MESSAGE_FILE_BYTES } } };
    const bytes = await fs.readFile(file);
    if (bytes.length === 0) return { kind: 'problem', problem: { file, offset: 0, length: 0, reason: { code: 'empty' } } };
    return { kind: 'message', message: { offset: 0, file, bytes: toCrlf(bytes), ...flags } };
  } catch (error) {
    return { kind: 'problem', problem: { file, offset: 0, length: 0, reason: { code: 'file-unreadable', detail: systemReason(error) } } };
  }
}

async function listFiles(directory: string, accept: (name: string) => boolean): Promise<string[]> {
  const found: string[] = [];
  const entries = await fs.readdir(directory, { withFileTypes: true });
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) found.push(...(await listFiles(full, accept)));
    else if (entry.isFile() && accept(entry.name)) found.push(full);
  }
  return found;
}

/** The .eml files at PATH: the file itself, or every `*.eml` in the folder and its subfolders. */
export async function* readEmlFiles(source: string): AsyncGenerator<MailboxItem> {
  const stat = await fs.stat(source);
  const files = stat.isDirectory() ? await listFiles(source, (name) => name.toLowerCase().endsWith(EML_EXTENSION)) : [source];
  for (const file of files) yield readMessageFile(file, { seen: true, flagged: false, answered: false });
}

/**
 * The messages of a maildir (its cur/ and new/; tmp/ holds deliveries in progress and is skipped).
 * Messages marked Trashed (T) are skipped as Thunderbird's maildir import does: the T flag means the
 * owner deleted them and only an expunge was missing. Messages without the S flag are unread.
 */
export async function* readMaildir(source: string): AsyncGenerator<MailboxItem> {
  for (const folder of ['cur', 'new'] as const) {
    const directory = path.join(source, folder);
    let names: string[];
    try {
      names = (await fs.readdir(directory)).filter((name) => !name.startsWith('.')).sort();
    } catch {
      continue;
    }
    for (const name of names) {
      // new/ normally holds names without info (unread); Dovecot also keeps flags set there in the name.
      const flags = maildirFlags(name);
      const file = path.join(directory, name);
      if (flags.trashed) {
        yield { kind: 'skipped', file, reason: 'marked deleted (T)' };
        continue;
      }
      yield readMessageFile(file, { seen: flags.seen, flagged: flags.flagged, answered: flags.replied });
    }
  }
}
