/**
 * The folder tree of one Thunderbird mail directory (`Mail/Local Folders/`, `Mail/<server>/`): each
 * folder is an mbox file named as the folder (or, in the maildir store, a directory of that name with
 * cur/ and new/), and its sub-folders live in the directory `<name>.sbd/` beside it. Thunderbird's
 * own files are not folders: summaries (`.msf`), `popstate.dat`, filter rules (`msgFilterRules.dat`,
 * `rules.dat`), `filterlog.html`, folder caches (`.json`), Spotlight's `.mozmsgs`.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { MailboxItem } from '../mbox-reader';
import { readThunderbirdMailbox, readThunderbirdMaildir } from './thunderbird-mailbox';

/** A folder to make, and the mailbox whose messages go into it (none for a folder that only holds folders). */
export interface SourceMailbox {
  /** Folder names from the top of the tree. */
  readonly path: readonly string[];
  readonly file?: string;
  readonly size: number;
  /** Reads its messages. */
  readonly read: () => AsyncIterable<MailboxItem>;
}

/** Directory of a folder's sub-folders. */
const SUBFOLDER_SUFFIX = '.sbd';
/** Files beside the mailboxes that are Thunderbird's own, by ending. */
const NOT_MAILBOX_ENDINGS = ['.msf', '.dat', '.json', '.html', '.sqlite', '.log', '.bak', '.tmp', '.mozmsgs', '.ini', '.js'];
const FROM_SPACE = 'From ';

async function isMailbox(file: string, names: ReadonlySet<string>, name: string): Promise<boolean> {
  if (name.startsWith('.') || NOT_MAILBOX_ENDINGS.some((ending) => name.toLowerCase().endsWith(ending))) return false;
  if (names.has(`${name}.msf`)) return true;
  const handle = await fs.open(file, 'r');
  try {
    const start = Buffer.alloc(FROM_SPACE.length);
    const { bytesRead } = await handle.read(start, 0, start.length, 0);
    return bytesRead === 0 || start.toString('latin1') === FROM_SPACE;
  } finally {
    await handle.close();
  }
}

/** Whether a directory is a folder of Thunderbird's maildir store (it has cur/). */
async function isMaildir(directory: string): Promise<boolean> {
  return (await fs.stat(path.join(directory, 'cur')).catch(() => undefined))?.isDirectory() === true;
}

const NO_MESSAGES = async function* (): AsyncGenerator<MailboxItem> {};

/** Every folder of a Thunderbird mail directory, parents before their sub-folders, by name. */
export async function listThunderbirdFolders(directory: string, parents: readonly string[] = []): Promise<SourceMailbox[]> {
  const entries = await fs.readdir(directory, { withFileTypes: true });
  const names = new Set(entries.map((entry) => entry.name));
  const folders = new Map<string, { file?: string; maildir?: string; size: number; children?: string }>();
  for (const entry of entries) {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory() && entry.name.endsWith(SUBFOLDER_SUFFIX) && entry.name.length > SUBFOLDER_SUFFIX.length) {
      const name = entry.name.slice(0, -SUBFOLDER_SUFFIX.length);
      folders.set(name, { ...(folders.get(name) ?? { size: 0 }), children: full });
    } else if (entry.isDirectory() && (await isMaildir(full))) {
      folders.set(entry.name, { ...folders.get(entry.name), maildir: full, size: 0 });
    } else if (entry.isFile() && (await isMailbox(full, names, entry.name))) {
      const { size } = await fs.stat(full);
      folders.set(entry.name, { ...folders.get(entry.name), file: full, size });
    }
  }
  const found: SourceMailbox[] = [];
  for (const name of [...folders.keys()].sort((a, b) => a.localeCompare(b))) {
    const folder = folders.get(name);
    if (folder === undefined) continue;
    const here = [...parents, name];
    const { file, maildir } = folder;
    if (file !== undefined) found.push({ path: here, file, size: folder.size, read: () => readThunderbirdMailbox(file) });
    else if (maildir !== undefined) found.push({ path: here, file: maildir, size: 0, read: () => readThunderbirdMaildir(maildir) });
    else found.push({ path: here, size: 0, read: NO_MESSAGES });
    if (folder.children !== undefined) found.push(...(await listThunderbirdFolders(folder.children, here)));
  }
  return found;
}
