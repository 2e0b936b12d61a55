/**
 * The last step of both quick parsers (parse-plain.ts, text-parts.ts): the list columns read from the
 * header section by the same reader as at download, with the attachments found and the decoded body
 * text. One place, so that the quick ways cannot drift from each other in what they give the index.
 */
import { headerColumns } from '../../storage/header-columns';
import type { ListedColumns } from '../../storage/listed-columns';
import type { AttachmentInfo, ParsedMessage } from '../../storage/message-index';

/** Turns a decoded body text into the stored text, snippet and problems, exactly as for mailparser's results. */
export type FinishText = (text: string) => Pick<ParsedMessage, 'text' | 'snippet' | 'problems'>;

/**
 * A parsed message from its header section, attachments and body text, or undefined when the header
 * section is of a form left to mailparser. `listed`, the columns the batch commit read from this same
 * header section with this same reader, is taken instead of reading it again.
 */
export async function indexedMessage(
  header: Buffer,
  attachments: readonly AttachmentInfo[],
  text: string,
  finish: FinishText,
  listed?: ListedColumns,
): Promise<ParsedMessage | undefined> {
  const columns = listed ?? (await headerColumns(header));
  if (columns === undefined) return undefined;
  return {
    subject: columns.subject,
    from: columns.from,
    to: columns.to,
    cc: columns.cc,
    date: columns.date,
    messageId: columns.messageId,
    inReplyTo: columns.inReplyTo,
    references: columns.references,
    attachments,
    ...finish(text),
  };
}
