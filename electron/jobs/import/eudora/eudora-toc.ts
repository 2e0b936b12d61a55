/**
 * Eudora for Windows keeps each mailbox's message list in `NAME.toc` beside `NAME.mbx`. The layout is
 * not published; the one read here is what Eudora-compatible tools document (and what Eudora's own
 * tocdoc.cpp writes), integers little-endian:
 * - a 104-byte header (version, mailbox name, type, window state; the message count at 0x66);
 * - then one 218-byte entry per message: offset of the message in the .mbx (int32, at 0), its length
 *   (int32, at 4), date (int32, at 8), status (int16, at 12: 0 unread, 1 read, 2 replied, 3 forwarded,
 *   4 redirected, 5–10 states of outgoing mail), then flags, priority and display texts.
 * A .toc whose size is not a header plus whole entries is not trusted, and neither is an entry that
 * points outside the .mbx: then no state is known and the messages are imported as read.
 */
import { promises as fs } from 'node:fs';

/** Size of the .toc header. */
export const EUDORA_TOC_HEADER_BYTES = 104;
/** Size of one .toc entry. */
export const EUDORA_TOC_ENTRY_BYTES = 218;
/** A .toc larger than this is not read (a mailbox of more than a million messages). */
const MAX_TOC_BYTES = EUDORA_TOC_HEADER_BYTES + EUDORA_TOC_ENTRY_BYTES * 1_000_000;

/** A message's state in Eudora's terms. */
export interface EudoraTocEntry {
  readonly offset: number;
  readonly length: number;
  readonly seen: boolean;
  readonly answered: boolean;
  readonly forwarded: boolean;
}

/** The entries of a .toc's bytes, by offset; undefined when the bytes are not a .toc of a mailbox of `mailboxSize` bytes. */
export function parseEudoraToc(bytes: Buffer, mailboxSize: number): EudoraTocEntry[] | undefined {
  if (bytes.length < EUDORA_TOC_HEADER_BYTES || (bytes.length - EUDORA_TOC_HEADER_BYTES) % EUDORA_TOC_ENTRY_BYTES !== 0) return undefined;
  const entries: EudoraTocEntry[] = [];
  for (let at = EUDORA_TOC_HEADER_BYTES; at < bytes.length; at += EUDORA_TOC_ENTRY_BYTES) {
    const offset = bytes.readInt32LE(at);
    const length = bytes.readInt32LE(at + 4);
    const status = bytes.readInt16LE(at + 12);
    if (offset < 0 || length <= 0 || offset + length > mailboxSize) return undefined;
    entries.push({ offset, length, seen: status !== 0, answered: status === 2, forwarded: status === 3 || status === 4 });
  }
  return entries.sort((a, b) => a.offset - b.offset);
}

/** The .toc of a mailbox file, when there is one to trust (see the module comment). */
export async function readEudoraToc(mailbox: string, mailboxSize: number): Promise<EudoraTocEntry[] | undefined> {
  const toc = mailbox.replace(/\.mbx$/i, '.toc');
  if (toc === mailbox) return undefined;
  const stat = await fs.stat(toc).catch(() => undefined);
  if (stat?.isFile() !== true || stat.size > MAX_TOC_BYTES) return undefined;
  return parseEudoraToc(await fs.readFile(toc), mailboxSize);
}

/** The entry whose message holds `offset` (a message's position in the .mbx), if any. */
export function tocEntryAt(entries: readonly EudoraTocEntry[], offset: number): EudoraTocEntry | undefined {
  let low = 0;
  let high = entries.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const entry = entries[middle];
    if (entry === undefined) return undefined;
    if (offset < entry.offset) high = middle - 1;
    else if (offset >= entry.offset + entry.length) low = middle + 1;
    else return entry;
  }
  return undefined;
}
