/**
 * Why a discovery source or a probe failed, as words: discovery's own sentences are catalog messages
 * (said in the reader's language by the setup view and the command line); what the system or a server
 * wrote (an errno text, a certificate problem, a reply line) stays as it was written, inside them.
 */
import { wordedError } from '../../../shared/error-words';
import { MailbagError, type ErrorWords, type WordValue } from '../../../shared/errors';
import type { MessageId } from '../../../shared/i18n/messages-en';

/** A failure of discovery's own, worded from the catalog (NETWORK unless said otherwise). */
export function discoveryFailure(words: ErrorWords, options?: { readonly cause?: unknown; readonly code?: 'NETWORK' | 'PROTOCOL_ERROR' }): MailbagError {
  return wordedError(options?.code ?? 'NETWORK', words, options?.cause === undefined ? undefined : { cause: options.cause });
}

const SYSTEM_CODE_IDS: Readonly<Record<string, MessageId>> = {
  ECONNREFUSED: 'serviceError.discovery.connectionRefused',
  ECONNRESET: 'serviceError.discovery.connectionReset',
  ENOTFOUND: 'serviceError.discovery.nameNotFound',
};

/** An error as words: its catalog message (with its detail, if any), or the text the system gave. */
export function reasonWordsOf(error: unknown): WordValue {
  const systemCode = (error as NodeJS.ErrnoException | undefined)?.code;
  const systemId = typeof systemCode === 'string' && Object.hasOwn(SYSTEM_CODE_IDS, systemCode) ? SYSTEM_CODE_IDS[systemCode] : undefined;
  if (systemId !== undefined && error instanceof Error) return { id: systemId, values: { said: error.message } };
  if (error instanceof MailbagError) {
    const message: ErrorWords = error.words ?? { id: `settings.error.${error.code}` };
    const detail = error.detailWords ?? error.detail;
    return detail === undefined ? message : { id: 'serviceError.discovery.reasonWithDetail', values: { message, detail } };
  }
  return error instanceof Error ? error.message : String(error);
}

/** Several reasons, one after the other. */
export function reasonsWords(first: ErrorWords, rest: readonly ErrorWords[]): ErrorWords {
  let said: ErrorWords = first;
  for (const next of rest) said = { id: 'serviceError.discovery.reasonThen', values: { first: said, next } };
  return said;
}

/** A failure's reason as English text (what `--json` and the log keep) and as words for the reader. */
export function failureReason(error: unknown): { readonly reason: string; readonly reasonWords?: ErrorWords } {
  const words = reasonWordsOf(error);
  return typeof words === 'string' ? { reason: describe(error) } : { reason: describe(error), reasonWords: words };
}

function describe(error: unknown): string {
  if (error instanceof MailbagError) return error.detail === undefined ? error.message : `${error.message} (${error.detail})`;
  return error instanceof Error ? error.message : String(error);
}
