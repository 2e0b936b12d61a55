/**
 * The list columns a batch commit wrote from a message's header section (header-columns.ts), read back
 * for the full-text indexer: its quick parsers read the same header with the same reader, so for such
 * a message they take these instead of reading the header a second time (about a tenth of indexing
 * new mail). Only a row the indexer never refined qualifies: an indexed row (or a copy of one) has a
 * snippet, and its columns may come from mailparser.
 */
import type { AddressView } from '../../shared/mail';

/** What a batch commit wrote from the header section: every header field the index keeps (as in ParsedMessage). */
export interface ListedColumns {
  readonly subject: string | null;
  readonly from: AddressView | null;
  readonly to: readonly AddressView[];
  readonly cc: readonly AddressView[];
  readonly date: number | null;
  readonly messageId: string | null;
  readonly inReplyTo: string | null;
  readonly references: readonly string[];
}

/** The columns {@link LISTED_COLUMNS_SELECT} selects. */
export interface ListedColumnsRow {
  readonly subject: string | null;
  readonly from_name: string | null;
  readonly from_address: string | null;
  readonly to_addresses: string | null;
  readonly cc_addresses: string | null;
  readonly date: number | null;
  readonly message_id: string | null;
  readonly in_reply_to: string | null;
  readonly message_references: string | null;
  readonly snippet: string | null;
}

/** The select-list fragment (of `messages m`) that {@link listedColumnsOfRow} reads. */
export const LISTED_COLUMNS_SELECT =
  'm.subject, m.from_name, m.from_address, m.to_addresses, m.cc_addresses, m.date, m.message_id, m.in_reply_to, m.message_references, m.snippet';

function addressList(json: string): AddressView[] | undefined {
  const value: unknown = JSON.parse(json);
  if (!Array.isArray(value)) return undefined;
  const list: AddressView[] = [];
  for (const entry of value as unknown[]) {
    if (typeof entry !== 'object' || entry === null) return undefined;
    const { name, address } = entry as Record<string, unknown>;
    if (typeof name !== 'string' || typeof address !== 'string') return undefined;
    list.push({ name, address });
  }
  return list;
}

function stringList(json: string): string[] | undefined {
  const value: unknown = JSON.parse(json);
  return Array.isArray(value) && value.every((entry) => typeof entry === 'string') ? (value as string[]) : undefined;
}

/**
 * The header columns a batch commit wrote for a message not yet indexed, or undefined when the row
 * has none (written without a header section, cleared for a rebuild) or was indexed before (a
 * snippet: its columns may be mailparser's), or holds anything unexpected: the parser then reads the
 * header itself.
 */
export function listedColumnsOfRow(row: ListedColumnsRow): ListedColumns | undefined {
  if (row.snippet !== null || row.to_addresses === null || row.cc_addresses === null || row.message_references === null) return undefined;
  if ((row.from_name === null) !== (row.from_address === null)) return undefined;
  try {
    const to = addressList(row.to_addresses);
    const cc = addressList(row.cc_addresses);
    const references = stringList(row.message_references);
    if (to === undefined || cc === undefined || references === undefined) return undefined;
    return {
      subject: row.subject,
      from: row.from_name === null || row.from_address === null ? null : { name: row.from_name, address: row.from_address },
      to,
      cc,
      date: row.date,
      messageId: row.message_id,
      inReplyTo: row.in_reply_to,
      references,
    };
  } catch {
    return undefined;
  }
}
