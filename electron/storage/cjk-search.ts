/**
 * Full-text search for Chinese, Japanese and Korean text, which writes words without spaces: FTS5's
 * unicode61 tokenizer takes a whole run of such characters ("本日の会議資料を送ります") as one token, so
 * a word from its middle (会議資料) is never found. A side index holds every run as overlapping pairs
 * of characters (bigrams, the approach of Lucene's CJK analyzer): "会議資料" is then the phrase
 * "会議 議資 資料". Only CJK text goes into the side index, so mail without it costs nothing extra.
 */

/** Han, Hiragana, Katakana, Hangul and Bopomofo: the scripts written without spaces between words. */
const CJK_CHARACTER = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Bopomofo}\u30FC\u3005\u3006]/u;
const CJK_RUNS = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Bopomofo}\u30FC\u3005\u3006]+/gu;
/**
 * Every code point that can be in CJK_CHARACTER, as UTF-16 code units, in a plain (non-Unicode-mode)
 * class that V8 scans far faster than script properties: Bopomofo's two modifier letters, Hangul Jamo,
 * the CJK blocks from radicals to Yi, Hangul syllables and the surrogates of the supplementary planes
 * (both halves, so a lone one matches too), compatibility ideographs, CJK compatibility forms and the
 * half- and full-width forms. Text without any of them (most mail) skips the run search entirely.
 */
const MAYBE_CJK = /[\u02EA\u02EB\u1100-\u11FF\u2E80-\uA4CF\uA960-\uA97F\uAC00-\uDFFF\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFFEF]/;
/** A token between runs, so a phrase never matches across two runs (queries never contain it). */
const RUN_SEPARATOR = '0';
/** Most characters of one message's text examined for CJK runs. */
export const MAX_CJK_INDEXED_CHARS = 256 * 1024;

/** Whether text holds any CJK character. */
export function hasCjk(text: string): boolean {
  return CJK_CHARACTER.test(text);
}

/** One run as its bigrams ("会議資料" → ["会議", "議資", "資料"]); a single character stays itself. */
function bigrams(run: string): string[] {
  const characters = [...run];
  if (characters.length < 2) return characters;
  return characters.slice(1).map((character, index) => `${characters[index] ?? ''}${character}`);
}

/** The side index's text for a message: the bigrams of every CJK run, runs kept apart; '' without CJK. */
export function cjkIndexText(...texts: readonly string[]): string {
  const runs: string[] = [];
  for (const text of texts) {
    const examined = text.length > MAX_CJK_INDEXED_CHARS ? text.slice(0, MAX_CJK_INDEXED_CHARS) : text;
    if (!MAYBE_CJK.test(examined)) continue;
    for (const match of examined.matchAll(CJK_RUNS)) runs.push(bigrams(match[0]).join(' '));
  }
  return runs.join(` ${RUN_SEPARATOR} `);
}

/**
 * The side index's FTS5 query for the CJK runs of what a user typed: each run of two or more
 * characters a phrase of its bigrams, a single character a prefix of a bigram. Null without CJK.
 */
export function cjkQuery(words: readonly string[]): string | null {
  const terms: string[] = [];
  for (const word of words) {
    for (const match of word.matchAll(CJK_RUNS)) {
      const pairs = bigrams(match[0]);
      terms.push(pairs.length === 1 && [...match[0]].length === 1 ? `"${match[0]}"*` : `"${pairs.join(' ')}"`);
    }
  }
  return terms.length === 0 ? null : terms.join(' ');
}

/** The CJK runs of a text, in order. */
export function cjkRuns(text: string): string[] {
  return [...text.matchAll(CJK_RUNS)].map((match) => match[0]);
}

/** A word with its CJK runs taken out (they are searched in the side index), for the main index. */
export function withoutCjk(word: string): string {
  return word.replace(CJK_RUNS, ' ');
}
