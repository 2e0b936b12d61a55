/**
 * The words of a message as the spell checker is asked about them before sending: letters (any
 * script) with inner apostrophes and hyphens, without addresses, links and words with digits, which
 * no dictionary knows; each word once, bounded.
 */

/** Most distinct words asked about for one message. */
export const MAX_SPELLING_WORDS = 5000;
/** Longest word asked about; longer runs of letters are not words a dictionary has. */
export const MAX_SPELLING_WORD_LENGTH = 48;

const TOKEN = /\S+/gu;
const WORD = /^[\p{L}\p{M}]+(?:['’-][\p{L}\p{M}]+)*$/u;
const EDGE_PUNCTUATION = /^[\p{P}\p{S}]+|[\p{P}\p{S}]+$/gu;

/** The distinct words of `text` a spell checker can judge, in order of first use. */
export function wordsToCheck(text: string): string[] {
  const seen = new Set<string>();
  for (const match of text.matchAll(TOKEN)) {
    const token = match[0];
    if (/[@/:]|\d/u.test(token)) continue;
    const word = token.replace(EDGE_PUNCTUATION, '');
    if (word.length === 0 || word.length > MAX_SPELLING_WORD_LENGTH || !WORD.test(word)) continue;
    seen.add(word);
    if (seen.size >= MAX_SPELLING_WORDS) break;
  }
  return [...seen];
}
