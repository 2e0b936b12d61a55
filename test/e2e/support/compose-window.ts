/**
 * Finding the compose window and the Outbox by their words in the tests' language: messages whose
 * parts the test cannot know (a time, an estimated size) match as patterns, and a dialog's name as its start.
 */
import type { MessageValues } from '../../../shared/i18n/catalogs';
import { formattingLocale } from '../../../shared/i18n/catalogs';
import type { MessageId } from '../../../shared/i18n/messages-en';
import { formatByteSize } from '../../../shared/byte-size';
import { E2E_LOCALE, ui } from './words';

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Stands for an argument the test cannot know, while the message is formatted (never in a catalog). */
const UNKNOWN_MARK = '\u{10FFFD}';

/**
 * A message as a pattern in which the arguments named in `unknown` match any text: "Draft saved at
 * {time}" for whatever time the window shows.
 */
export function uiWithAny(id: MessageId, values: MessageValues, unknown: readonly string[]): RegExp {
  const marks = Object.fromEntries(unknown.map((name) => [name, UNKNOWN_MARK]));
  return new RegExp(
    ui(id, { ...values, ...marks })
      .split(UNKNOWN_MARK)
      .map(escape)
      .join('[\\s\\S]+?'),
  );
}

/** A message as a pattern that matches at the start of a name ("Reply: Project kickoff" for the title Reply). */
export function uiStart(id: MessageId, values?: MessageValues): RegExp {
  return new RegExp(`^${escape(ui(id, values))}`);
}

/** A byte count as the window writes it in the tests' language. */
export function uiSize(bytes: number): string {
  return formatByteSize(bytes, formattingLocale(E2E_LOCALE));
}
