/**
 * `mailbag export --folder FOLDER --format mbox|eml --out PATH [--account ACCOUNT] [--force]`: a
 * folder's messages, oldest first, into one mboxrd file (see mboxrd.ts) or as one `ID.eml` file per
 * message in a directory, holding the stored bytes exactly as received. Existing files are never
 * replaced without `--force`; with it, an mbox file is replaced only once the new one is complete.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Core } from '../../main/core';
import { EML_EXTENSION, EXPORT_FORMATS, exportEml, exportMbox, oldestFirst, type ExportEntry, type ExportFormat } from '../../services/export/mail-export';
import { MAX_PAGE_SIZE } from '../../storage/message-queries';
import { UsageError, type Command } from '../command';
import { EXIT } from '../exit-codes';
import { selectAccounts, selectFolders, type SelectedFolder } from '../mail-selection';
import { writeResult } from '../output';
import { createProgressReporter } from '../progress';

const PROGRESS_LABEL = 'Exporting';

const USAGE = `mailbag export --folder FOLDER --format mbox|eml --out PATH [--account ACCOUNT] [--force]
mbox: one mboxrd file at PATH (LF line ends). eml: one ID.eml file per message in the directory PATH,
byte for byte as received. Existing files are replaced only with --force.`;

function entriesOf(core: Core, folders: readonly SelectedFolder[]): ExportEntry[] {
  const entries: ExportEntry[] = [];
  for (const folder of folders) {
    for (let offset = 0; ; offset += MAX_PAGE_SIZE) {
      const page = core.store.listMessages(folder.id, { offset, limit: MAX_PAGE_SIZE });
      for (const message of page.messages)
        entries.push({ id: message.id, date: message.date, receivedAt: message.receivedAt, sender: message.from?.address ?? null });
      if (page.messages.length < MAX_PAGE_SIZE) break;
    }
  }
  return oldestFirst(entries);
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
          await exportMbox((id) => core.store.openRawMessage(id), entries, out, force, onMessage);
          break;
        case 'eml':
          await exportEml((id) => core.store.openRawMessage(id), entries, out, force, onMessage);
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
