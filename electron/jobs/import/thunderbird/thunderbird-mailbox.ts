/**
 * One of Thunderbird's mbox files read as Thunderbird wrote it: messages separated by `From - date`
 * lines (with or without an empty line before them), body lines starting with `From ` quoted mboxo
 * style (`>From `; a file with `>>From ` lines was written mboxrd style and is read so), and each
 * message's state in its `X-Mozilla-Status` (and `X-Mozilla-Status2`) header fields, four and eight
 * hex digits of nsMsgMessageFlags. A message whose Expunged bit is set was deleted by the user and
 * only waits for a compaction: it is left out and counted, never imported. Profiles that use
 * Thunderbird's maildir store keep each folder as a maildir instead, with the same header fields.
 */
import { LineReader } from '../line-reader';
import { readMaildir } from '../file-readers';
import { readMailbox, type MailboxItem, type MboxDialect } from '../mbox-reader';

/** nsMsgMessageFlags bits kept in X-Mozilla-Status. */
export const MOZILLA_FLAGS = {
  read: 0x0001,
  replied: 0x0002,
  marked: 0x0004,
  expunged: 0x0008,
  partial: 0x0400,
  forwarded: 0x1000,
} as const;
/** X-Mozilla-Status2 bit of an IMAP message marked deleted (not expunged); a local copy of one is left out too. */
export const MOZILLA_IMAP_DELETED = 0x00200000;
/** Bytes of a message searched for its header section's end. */
const HEADER_SEARCH_BYTES = 256 * 1024;
/** Bytes of a mailbox read to tell mboxo from mboxrd quoting. */
const QUOTING_SNIFF_BYTES = 64 * 1024 * 1024;

/** The state Thunderbird kept for a message. */
export interface MozillaStatus {
  readonly read: boolean;
  readonly replied: boolean;
  readonly flagged: boolean;
  readonly forwarded: boolean;
  /** Deleted here (expunged, or an IMAP deletion): not to be imported. */
  readonly deleted: boolean;
}

function headerField(header: string, name: string): number | undefined {
  const match = new RegExp(`^${name}[ \\t]*:[ \\t]*([0-9A-Fa-f]{1,8})[ \\t]*\\r?$`, 'mi').exec(header);
  return match?.[1] === undefined ? undefined : Number.parseInt(match[1], 16);
}

/** The X-Mozilla-Status fields of a message's header section, or undefined when it has none. */
export function mozillaStatus(message: Buffer): MozillaStatus | undefined {
  const head = message.subarray(0, HEADER_SEARCH_BYTES);
  const end = head.indexOf('\r\n\r\n');
  const header = head.subarray(0, end === -1 ? head.length : end).toString('latin1');
  const status = headerField(header, 'X-Mozilla-Status');
  if (status === undefined) return undefined;
  const status2 = headerField(header, 'X-Mozilla-Status2') ?? 0;
  return {
    read: (status & MOZILLA_FLAGS.read) !== 0,
    replied: (status & MOZILLA_FLAGS.replied) !== 0,
    flagged: (status & MOZILLA_FLAGS.marked) !== 0,
    forwarded: (status & MOZILLA_FLAGS.forwarded) !== 0,
    deleted: (status & MOZILLA_FLAGS.expunged) !== 0 || (status2 & MOZILLA_IMAP_DELETED) !== 0,
  };
}

/** mboxrd when a `>>From ` line shows that quoting, otherwise mboxo (Thunderbird's long-standing form). */
async function thunderbirdQuoting(file: string): Promise<MboxDialect> {
  const reader = await LineReader.open(file);
  try {
    let read = 0;
    for (let line = await reader.next(); line !== undefined && read < QUOTING_SNIFF_BYTES; line = await reader.next()) {
      read += line.bytes.length;
      if (line.start && /^>>+From /.test(line.bytes.subarray(0, 64).toString('latin1'))) return 'mboxrd';
    }
    return 'mboxo';
  } finally {
    await reader.close();
  }
}

/** An item with Thunderbird's state applied: its marks, or left out when expunged; `file` named where the reader did not. */
function withMozillaStatus(item: MailboxItem, file: string): MailboxItem {
  if (item.kind !== 'message') return item.kind === 'problem' ? { kind: 'problem', problem: { file, ...item.problem } } : item;
  const message = { file, ...item.message };
  const status = mozillaStatus(message.bytes);
  if (status === undefined) return { kind: 'message', message };
  if (status.deleted) return { kind: 'skipped', file: message.file, reason: 'deleted in Thunderbird (expunged)' };
  return { kind: 'message', message: { ...message, seen: status.read, flagged: status.flagged, answered: status.replied, forwarded: status.forwarded } };
}

/** The messages of one Thunderbird mbox file, with Thunderbird's state (see the module comment). */
export async function* readThunderbirdMailbox(file: string): AsyncGenerator<MailboxItem> {
  const dialect = await thunderbirdQuoting(file);
  for await (const item of readMailbox(file, dialect, { separatorAfterAnyLine: true })) yield withMozillaStatus(item, file);
}

/**
 * The messages of a folder of Thunderbird's maildir store (a directory with cur/ and new/, one file
 * per message, chosen instead of mbox since Thunderbird 38): the same X-Mozilla-Status marks apply.
 */
export async function* readThunderbirdMaildir(directory: string): AsyncGenerator<MailboxItem> {
  for await (const item of readMaildir(directory)) yield withMozillaStatus(item, directory);
}
