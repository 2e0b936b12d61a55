/**
 * mailparser as both the index (jobs/parse) and the reader (jobs/display) run it: its own bounds at
 * twice the MIME limits, so the MIME shape scanner, which reads ahead of it, is always the one that
 * stops a hostile message and says why; no checksums, and none of the conversions (links, text to
 * HTML) that neither of them shows.
 */
import type { MailParserOptions } from 'mailparser';
import type { MimeLimits } from './mime-shape';

/** How much more mailparser may take than the scanner's limits. */
const PARSER_LIMIT_FACTOR = 2;

/**
 * The options of a mailparser bounded by `limits`; `maxHtmlLengthToParse` bounds its HTML-to-text
 * conversion where text is wanted. Options only, so the index can load mailparser when a message needs it.
 */
export function boundedMailParserOptions(limits: MimeLimits, options: { readonly maxHtmlLengthToParse?: number } = {}): MailParserOptions {
  return {
    maxHeadSize: limits.headerBytes * PARSER_LIMIT_FACTOR,
    maxChildNodes: limits.parts * PARSER_LIMIT_FACTOR,
    checksumAlgo: false,
    skipImageLinks: true,
    skipTextToHtml: true,
    skipTextLinks: true,
    ...options,
  };
}
