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
import { translatorOf, UsageError, type Command } from '../command';
import { EXIT } from '../exit-codes';
import { selectAccounts, selectFolders, type SelectedFolder } from '../mail-selection';
import { writeResult } from '../output';
import { createProgressReporter } from '../progress';

const USAGE = 'mailbag export --folder FOLDER --format mbox|eml --out PATH [--account ACCOUNT] [--force]';

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
  if (format === undefined) throw new UsageError('cli.export.format');
  return format;
}

/** `mailbag export`. */
export const exportCommand: Command = {
  name: 'export',
  summary: 'cli.export.summary',
  usage: USAGE,
  help: 'cli.export.help',
  async run(args, context) {
    const { values, positionals } = parseArgs({
      args: [...args],
      options: { folder: { type: 'string' }, format: { type: 'string' }, out: { type: 'string' }, account: { type: 'string' }, force: { type: 'boolean' } },
      strict: true,
      allowPositionals: true,
    });
    if (positionals.length > 0) throw new UsageError('cli.usage.unexpected', { argument: positionals[0] ?? '' });
    if (values.folder === undefined) throw new UsageError('cli.export.folder');
    const format = formatOf(values.format);
    if (values.out === undefined || values.out === '') throw new UsageError('cli.export.out');
    const out = path.resolve(values.out);
    const force = values.force === true;
    const core = await context.openCore();
    try {
      const folders = selectFolders(core, selectAccounts(core, values.account), values.folder, { localByName: values.account === undefined });
      const entries = entriesOf(core, folders);
      const translator = translatorOf(context);
      const { t } = translator;
      const label = t('cli.export.progress');
      const progress = context.json ? undefined : createProgressReporter(context.streams.stderr, translator);
      let done = 0;
      let bytes = 0;
      const onMessage = (size: number): void => {
        done += 1;
        bytes += size;
        progress?.update(label, done, entries.length);
      };
      switch (format) {
        case 'mbox':
          await exportMbox((id) => core.store.openRawMessage(id), entries, out, force, onMessage);
          break;
        case 'eml':
          await exportEml((id) => core.store.openRawMessage(id), entries, out, force, onMessage);
          break;
      }
      progress?.finish(t('cli.export.done'));
      writeResult(context.streams, context.json, { format, out, messages: done, bytes }, () =>
        t('cli.export.exported', { count: done, folder: values.folder ?? '', out, format, extension: EML_EXTENSION }),
      );
      return EXIT.SUCCESS;
    } finally {
      await core.close();
    }
  },
};
