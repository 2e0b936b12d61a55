/**
 * Eudora's mail folder: every directory has a `descmap.pce` listing what it holds, one line each as
 * `Name,file,type,unread` — type `S` a built-in mailbox (In, Out, Trash, Junk), `M` a mailbox of the
 * user's, `F` a folder (a directory named `file`, with a descmap.pce of its own); the last field says
 * whether it holds unread mail. A mailbox is a `.mbx` file whose messages each start with a
 * `From ???@??? date` line; Eudora quotes nothing in the text, so only that exact line separates.
 * Without a descmap.pce the `.mbx` files of the directory are taken, named after the file.
 * Each message's state (read, replied, forwarded) comes from the mailbox's `.toc` (see eudora-toc);
 * without one that can be trusted every message is imported as read.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { RoleNames } from '../folder-placement';
import { readMailbox, type MailboxItem } from '../mbox-reader';
import type { SourceMailbox } from '../thunderbird/mail-folders';
import { withEudoraAttachments } from './eudora-attachments';
import { readEudoraToc, tocEntryAt } from './eudora-toc';

/** Eudora's built-in mailboxes: In, Out (the mail sent), Trash, Junk. */
export const EUDORA_ROLES: RoleNames = new Map([
  ['in', 'inbox'],
  ['out', 'sent'],
  ['trash', 'trash'],
  ['junk', 'junk'],
]);

/** The separator Eudora writes before every message. */
const EUDORA_SEPARATOR = Buffer.from('From ???@???', 'latin1');
const DESCMAP = 'descmap.pce';
const MAILBOX_ENDING = '.mbx';

/** Whether a line is Eudora's message separator. */
export function isEudoraSeparator(line: Buffer): boolean {
  return line.length >= EUDORA_SEPARATOR.length && line.compare(EUDORA_SEPARATOR, 0, EUDORA_SEPARATOR.length, 0, EUDORA_SEPARATOR.length) === 0;
}

/** One entry of a descmap.pce. */
export interface DescmapEntry {
  readonly name: string;
  readonly file: string;
  readonly type: 'S' | 'M' | 'F';
}

/** The entries of a descmap.pce's text (lines that are not `name,file,S|M|F,…` are passed over). */
export function parseDescmap(text: string): DescmapEntry[] {
  const entries: DescmapEntry[] = [];
  for (const line of text.split(/\r?\n/)) {
    const fields = line.split(',');
    const [name, file, type] = fields;
    if (name === undefined || file === undefined || type === undefined || name.trim() === '' || file.trim() === '') continue;
    const kind = type.trim().toUpperCase();
    if (kind !== 'S' && kind !== 'M' && kind !== 'F') continue;
    // A file name never holds a path: one that tries to leave the directory is passed over.
    if (file.includes('/') || file.includes('\\') || file.trim() === '..') continue;
    entries.push({ name: name.trim(), file: file.trim(), type: kind });
  }
  return entries;
}

async function descmapOf(directory: string): Promise<DescmapEntry[]> {
  try {
    // Eudora wrote names in the Windows code page; a descmap.pce in UTF-8 (as a converted one is) is read as such.
    const bytes = await fs.readFile(path.join(directory, DESCMAP));
    const text = bytes.toString('utf8');
    return parseDescmap(text.includes('\uFFFD') ? bytes.toString('latin1') : text);
  } catch {
    const names = await fs.readdir(directory).catch(() => [] as string[]);
    return names
      .filter((name) => name.toLowerCase().endsWith(MAILBOX_ENDING))
      .sort()
      .map((name) => ({ name: name.slice(0, -MAILBOX_ENDING.length), file: name, type: 'M' as const }));
  }
}

/** The messages of one .mbx file, attachments brought back in (see eudora-attachments). */
async function* readEudoraMailbox(file: string, size: number, attachmentDirectories: readonly string[]): AsyncGenerator<MailboxItem> {
  const toc = await readEudoraToc(file, size);
  for await (const item of readMailbox(file, 'mboxcl2', { separatorAfterAnyLine: true, isSeparator: isEudoraSeparator })) {
    if (item.kind === 'problem') {
      yield { kind: 'problem', problem: { ...item.problem, file } };
    } else if (item.kind === 'message') {
      const entry = toc === undefined ? undefined : tocEntryAt(toc, item.message.offset);
      const state = entry ?? { seen: true, answered: false, forwarded: false };
      yield await withEudoraAttachments(
        { ...item.message, file, seen: state.seen, answered: state.answered, forwarded: state.forwarded },
        attachmentDirectories,
      );
    } else {
      yield item;
    }
  }
}

/** Every mailbox and folder of an Eudora mail folder, parents first, in descmap order. */
export async function listEudoraFolders(
  directory: string,
  parents: readonly string[] = [],
  attachmentDirectories: readonly string[] = [path.join(directory, 'Attach')],
): Promise<SourceMailbox[]> {
  const found: SourceMailbox[] = [];
  for (const entry of await descmapOf(directory)) {
    const full = path.join(directory, entry.file);
    const here = [...parents, entry.name];
    const stat = await fs.stat(full).catch(() => undefined);
    if (entry.type === 'F') {
      if (stat?.isDirectory() !== true) continue;
      found.push({ path: here, size: 0, read: async function* () {} });
      found.push(...(await listEudoraFolders(full, here, attachmentDirectories)));
    } else if (stat?.isFile() === true) {
      found.push({ path: here, file: full, size: stat.size, read: () => readEudoraMailbox(full, stat.size, attachmentDirectories) });
    }
  }
  return found;
}
