/**
 * `mailbag export --folder FOLDER --format mbox|eml --out PATH [--account ACCOUNT] [--force]`: a
 * folder's messages, oldest first, into one mboxrd file (see mboxrd.ts) or as one `ID.eml` file per
 * message in a directory, holding the stored bytes exactly as received. Existing files are never
 * replaced without `--force`; with it, an mbox file is replaced only once the new one is complete.
 */
import { promises as fs, createWriteStream } from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { MailbagError } from '../../../shared/errors';
import type { Core } from '../../main/core';
import { MAX_PAGE_SIZE } from '../../storage/message-queries';
import { UsageError, type Command } from '../command';
import { EXIT } from '../exit-codes';
import { selectAccounts, selectFolders, type SelectedFolder } from '../mail-selection';
import { mboxrdMessage, separatorLine } from '../mboxrd';
import { writeResult } from '../output';
import { createProgressReporter } from '../progress';

/** The export formats. */
export const EXPORT_FORMATS = ['mbox', 'eml'] as const;
/** One of the export formats. */
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
/** Extension of the per-message files. */
export const EML_EXTENSION = '.eml';
const PROGRESS_LABEL = 'Exporting';

const USAGE = `mailbag export --folder FOLDER --format mbox|eml --out PATH [--account ACCOUNT] [--force]
mbox: one mboxrd file at PATH (LF line ends). eml: one ID.eml file per message in the directory PATH,
byte for byte as received. Existing files are replaced only with --force.`;

/** What is exported of one message. */
interface Entry {
  readonly id: number;
  readonly date: number;
  readonly receivedAt: number;
  readonly sender: string | null;
}

function entriesOf(core: Core, folders: readonly SelectedFolder[]): Entry[] {
  const entries: Entry[] = [];
  for (const folder of folders) {
    for (let offset = 0; ; offset += MAX_PAGE_SIZE) {
      const page = core.store.listMessages(folder.id, { offset, limit: MAX_PAGE_SIZE });
      for (const message of page.messages)
        entries.push({ id: message.id, date: message.date, receivedAt: message.receivedAt, sender: message.from?.address ?? null });
      if (page.messages.length < MAX_PAGE_SIZE) break;
    }
  }
  return entries.sort((a, b) => a.date - b.date || a.id - b.id);
}

function exists(error: unknown): boolean {
  return (error as NodeJS.ErrnoException).code === 'EEXIST';
}

function refuseToReplace(what: string): MailbagError {
  return new MailbagError('VALIDATION', `${what} already exists; Mailbag does not replace files unless you add --force.`);
}

async function exportMbox(core: Core, entries: readonly Entry[], out: string, force: boolean, onMessage: (bytes: number) => void): Promise<void> {
  // Without --force the file is created exclusively; with it, written beside and renamed over the old one.
  const target = force ? path.join(path.dirname(out), `.${path.basename(out)}.${process.pid}.partial`) : out;
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(target, force ? 'w' : 'wx', 0o600);
  } catch (error) {
    if (exists(error)) throw refuseToReplace(out);
    throw new MailbagError('STORAGE', `Mailbag cannot create ${out}.`, { cause: error });
  }
  try {
    for (const entry of entries) {
      let bytes = 0;
      await handle.write(separatorLine(entry.sender, entry.receivedAt));
      for await (const chunk of mboxrdMessage(core.store.openRawMessage(entry.id))) {
        await handle.write(chunk);
        bytes += chunk.length;
      }
      onMessage(bytes);
    }
    await handle.sync();
    await handle.close();
    if (force) await fs.rename(target, out);
  } catch (error) {
    await handle.close().catch(() => undefined);
    await fs.rm(target, { force: true });
    throw error instanceof MailbagError ? error : new MailbagError('STORAGE', `Mailbag could not write ${out}.`, { cause: error });
  }
}

async function exportEml(core: Core, entries: readonly Entry[], out: string, force: boolean, onMessage: (bytes: number) => void): Promise<void> {
  try {
    await fs.mkdir(out, { recursive: true, mode: 0o700 });
  } catch (error) {
    throw new MailbagError('STORAGE', `Mailbag cannot create the directory ${out}.`, { cause: error });
  }
  if (!force) {
    const present = new Set(await fs.readdir(out));
    const clash = entries.find((entry) => present.has(`${entry.id}${EML_EXTENSION}`));
    if (clash !== undefined) throw refuseToReplace(path.join(out, `${clash.id}${EML_EXTENSION}`));
  }
  for (const entry of entries) {
    const file = path.join(out, `${entry.id}${EML_EXTENSION}`);
    try {
      await pipeline(core.store.openRawMessage(entry.id), createWriteStream(file, { flags: force ? 'w' : 'wx', mode: 0o600 }));
    } catch (error) {
      if (exists(error)) throw refuseToReplace(file);
      throw error instanceof MailbagError ? error : new MailbagError('STORAGE', `Mailbag could not write ${file}.`, { cause: error });
    }
    const time = new Date(entry.date);
    await fs.utimes(file, time, time).catch(() => undefined);
    onMessage((await fs.stat(file)).size);
  }
}

function formatOf(text: string | undefined): ExportFormat {
  const format = EXPORT_FORMATS.find((candidate) => candidate === text);
  if (format === undefined) throw new UsageError('--format must be mbox or eml.');
  return format;
}

/** `mailbag export`. */
export const exportCommand: Command = {
  name: 'export',
  summary: 'Export a folder as an mbox file or as .eml files',
  usage: USAGE,
  async run(args, context) {
    const { values, positionals } = parseArgs({
      args: [...args],
      options: { folder: { type: 'string' }, format: { type: 'string' }, out: { type: 'string' }, account: { type: 'string' }, force: { type: 'boolean' } },
      strict: true,
      allowPositionals: true,
    });
    if (positionals.length > 0) throw new UsageError(`Unexpected argument: ${positionals[0] ?? ''}`);
    if (values.folder === undefined) throw new UsageError('Name the folder to export with --folder.');
    const format = formatOf(values.format);
    if (values.out === undefined || values.out === '') throw new UsageError('Say where to export to with --out.');
    const out = path.resolve(values.out);
    const force = values.force === true;
    const core = await context.openCore();
    try {
      const folders = selectFolders(core, selectAccounts(core, values.account), values.folder, { localByName: values.account === undefined });
      const entries = entriesOf(core, folders);
      const progress = context.json ? undefined : createProgressReporter(context.streams.stderr);
      let done = 0;
      let bytes = 0;
      const onMessage = (size: number): void => {
        done += 1;
        bytes += size;
        progress?.update(PROGRESS_LABEL, done, entries.length);
      };
      switch (format) {
        case 'mbox':
          await exportMbox(core, entries, out, force, onMessage);
          break;
        case 'eml':
          await exportEml(core, entries, out, force, onMessage);
          break;
      }
      progress?.finish(`${PROGRESS_LABEL}: done.`);
      writeResult(
        context.streams,
        context.json,
        { format, out, messages: done, bytes },
        () => `Exported ${done} message(s) from ${values.folder ?? ''} to ${out} (${format === 'mbox' ? 'mboxrd file' : `${EML_EXTENSION} files`}).`,
      );
      return EXIT.SUCCESS;
    } finally {
      await core.close();
    }
  },
};
