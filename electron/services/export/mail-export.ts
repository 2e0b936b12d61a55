/**
 * Writing stored messages out of Mailbag, for the command line's `export` and the window's Export…:
 * one mboxrd file (see mboxrd.ts) or one `ID.eml` file per message in a directory, holding the stored
 * bytes exactly as received. Existing files are never replaced without `force`; with it, an mbox file
 * is replaced only once the new one is complete.
 */
import { promises as fs, createWriteStream } from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { wordedError } from '../../../shared/error-words';
import { MailbagError } from '../../../shared/errors';
import { mboxrdMessage, separatorLine } from './mboxrd';

/** The export formats. */
export const EXPORT_FORMATS = ['mbox', 'eml'] as const;
/** One of the export formats. */
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
/** Extension of the per-message files. */
export const EML_EXTENSION = '.eml';

/** What is exported of one message. */
export interface ExportEntry {
  readonly id: number;
  /** The message's date, for ordering and the file's time. */
  readonly date: number;
  /** When it arrived here, for the mbox separator line. */
  readonly receivedAt: number;
  readonly sender: string | null;
}

/** Where an export reads message bytes. */
export type OpenRawMessage = (messageId: number) => Readable;

function exists(error: unknown): boolean {
  return (error as NodeJS.ErrnoException).code === 'EEXIST';
}

function refuseToReplace(what: string): MailbagError {
  return wordedError('VALIDATION', { id: 'serviceError.export.exists', values: { path: what } });
}

/** Messages oldest first (by date, then by id), the order mail programs expect in an mbox. */
export function oldestFirst(entries: readonly ExportEntry[]): ExportEntry[] {
  return [...entries].sort((a, b) => a.date - b.date || a.id - b.id);
}

/** Writes `entries` as one mboxrd file at `out`; `onMessage` hears each message's size. */
export async function exportMbox(
  openRaw: OpenRawMessage,
  entries: readonly ExportEntry[],
  out: string,
  force: boolean,
  onMessage: (bytes: number) => void,
): Promise<void> {
  // Without --force the file is created exclusively; with it, written beside and renamed over the old one.
  const target = force ? path.join(path.dirname(out), `.${path.basename(out)}.${process.pid}.partial`) : out;
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(target, force ? 'w' : 'wx', 0o600);
  } catch (error) {
    if (exists(error)) throw refuseToReplace(out);
    throw wordedError('STORAGE', { id: 'serviceError.export.notCreated', values: { path: out } }, { cause: error });
  }
  try {
    for (const entry of entries) {
      let bytes = 0;
      await handle.write(separatorLine(entry.sender, entry.receivedAt));
      for await (const chunk of mboxrdMessage(openRaw(entry.id))) {
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
    throw error instanceof MailbagError ? error : wordedError('STORAGE', { id: 'serviceError.export.notWritten', values: { path: out } }, { cause: error });
  }
}

/** Writes `entries` as `ID.eml` files in the directory `out` (created if missing). */
export async function exportEml(
  openRaw: OpenRawMessage,
  entries: readonly ExportEntry[],
  out: string,
  force: boolean,
  onMessage: (bytes: number) => void,
): Promise<void> {
  try {
    await fs.mkdir(out, { recursive: true, mode: 0o700 });
  } catch (error) {
    throw wordedError('STORAGE', { id: 'serviceError.export.folderNotCreated', values: { path: out } }, { cause: error });
  }
  if (!force) {
    const present = new Set(await fs.readdir(out));
    const clash = entries.find((entry) => present.has(`${entry.id}${EML_EXTENSION}`));
    if (clash !== undefined) throw refuseToReplace(path.join(out, `${clash.id}${EML_EXTENSION}`));
  }
  for (const entry of entries) {
    const file = path.join(out, `${entry.id}${EML_EXTENSION}`);
    try {
      await pipeline(openRaw(entry.id), createWriteStream(file, { flags: force ? 'w' : 'wx', mode: 0o600 }));
    } catch (error) {
      if (exists(error)) throw refuseToReplace(file);
      throw error instanceof MailbagError ? error : wordedError('STORAGE', { id: 'serviceError.export.notWritten', values: { path: file } }, { cause: error });
    }
    const time = new Date(entry.date);
    await fs.utimes(file, time, time).catch(() => undefined);
    onMessage((await fs.stat(file)).size);
  }
}
