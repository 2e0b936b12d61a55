/**
 * The model of a plain-text body: blocks of lines at one quote depth ("> " prefixes, RFC 3676 §4.5),
 * each split into text and links. Links are found by a strict pattern and kept only when the shared URL
 * rules accept them (http, https, mailto), so a plain-text message can never produce another scheme.
 */
import { parseExternalUrl } from '../../../shared/urls';

/** A run of text or a link inside a line. */
export type TextPiece = { readonly kind: 'text'; readonly text: string } | { readonly kind: 'link'; readonly text: string; readonly url: string };

/** Consecutive lines with the same quote depth. */
export interface TextBlock {
  readonly depth: number;
  readonly pieces: readonly TextPiece[];
}

/** Deepest quote level styled differently; deeper quotes look like this one. */
export const MAX_QUOTE_DEPTH = 3;
/** Longest link recognised; longer runs stay text. */
const MAX_LINK_LENGTH = 2048;
const LINK = /\b(?:https?:\/\/|mailto:|www\.)[^\s<>"'`\p{Cc}]+/giu;
const TRAILING_PUNCTUATION = /[.,;:!?'"»”’]+$/;

function trimLink(candidate: string): string {
  let text = candidate.replace(TRAILING_PUNCTUATION, '');
  for (const [open, close] of [
    ['(', ')'],
    ['[', ']'],
    ['{', '}'],
  ] as const) {
    while (text.endsWith(close) && text.split(open).length < text.split(close).length) text = text.slice(0, -1).replace(TRAILING_PUNCTUATION, '');
  }
  return text;
}

/** Splits one line into text and links. */
export function linkify(line: string): TextPiece[] {
  const pieces: TextPiece[] = [];
  let last = 0;
  for (const match of line.matchAll(LINK)) {
    const start = match.index;
    const text = trimLink(match[0]);
    if (text.length > MAX_LINK_LENGTH) continue;
    const url = parseExternalUrl(/^www\./i.test(text) ? `https://${text}` : text);
    if (url === null) continue;
    if (start > last) pieces.push({ kind: 'text', text: line.slice(last, start) });
    pieces.push({ kind: 'link', text, url: url.href });
    last = start + text.length;
  }
  if (last < line.length) pieces.push({ kind: 'text', text: line.slice(last) });
  return pieces;
}

function quoteDepth(line: string): { depth: number; rest: string } {
  const match = /^((?:[ \t]*>)+)[ ]?/.exec(line);
  if (match === null) return { depth: 0, rest: line };
  const depth = (match[1]?.match(/>/g) ?? []).length;
  return { depth, rest: line.slice(match[0].length) };
}

/** Splits a plain-text body into quote blocks of linkified lines; line ends are kept as text. */
export function plainTextBlocks(text: string): TextBlock[] {
  const blocks: Array<{ depth: number; pieces: TextPiece[] }> = [];
  for (const line of text.replace(/\r\n?/g, '\n').split('\n')) {
    const { depth, rest } = quoteDepth(line);
    const shown = Math.min(depth, MAX_QUOTE_DEPTH);
    let block = blocks.at(-1);
    if (block === undefined || block.depth !== shown) {
      block = { depth: shown, pieces: [] };
      blocks.push(block);
    } else {
      block.pieces.push({ kind: 'text', text: '\n' });
    }
    block.pieces.push(...linkify(depth > MAX_QUOTE_DEPTH ? `${'> '.repeat(depth - MAX_QUOTE_DEPTH)}${rest}` : rest));
  }
  return blocks;
}
