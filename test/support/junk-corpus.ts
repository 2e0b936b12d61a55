/**
 * A labelled corpus of good mail and junk, generated from a seed, made to be as hard as real mail:
 * - words follow Zipf's law (a few very frequent, a long tail of rare ones) in every vocabulary;
 * - both classes share function words and a large common vocabulary, which make up most of a text;
 * - each class writes on a few topics of its own, and the topics overlap: a fifth of each junk topic's
 *   words are good-mail words (phishing speaks of invoices and accounts) and the reverse (newsletters
 *   speak of offers);
 * - every message borrows a share of the other class's words, from none to 15%, and some messages are
 *   disguised: junk with a block of good-mail text, good mail that reads like an advertisement;
 * - lengths vary from a few words to several hundred (log-normal), subjects from two to eight words;
 * - senders: good mail mostly from a circle of correspondents but also from new people at the big
 *   providers junk uses too; junk from ever-new addresses, some at those same providers;
 * - some messages carry links, to hosts of their own class or to neutral ones;
 * - header fields as mail programs write them, overlapping too: good mail mostly from desktop and web
 *   mail programs, plain text or text and HTML, its Message-ID from the sender's domain; junk mostly
 *   from bulk mailers or none, in HTML, its Message-ID often from elsewhere or missing — but junk also
 *   forges common mailers, and newsletters people want carry List-Unsubscribe as junk does.
 * The parameters describe mail, not the filter, and are not changed to make it pass.
 */
import type { JunkDocument } from '../../electron/storage/junk-bayes';
import { seededRandom } from './seeded-random';

/** A generated message and what it really is. */
export interface LabelledMessage {
  readonly document: JunkDocument;
  readonly junk: boolean;
}

const SYLLABLES = [
  'ka',
  'lo',
  'mi',
  'ren',
  'ta',
  'so',
  'vel',
  'dor',
  'pa',
  'ni',
  'qu',
  'ex',
  'bri',
  'zon',
  'ul',
  'fa',
  'ger',
  'hi',
  'jo',
  'wen',
  'sti',
  'mar',
  'od',
  'be',
];
/** Zipf's exponent of word frequencies in natural text. */
const ZIPF_EXPONENT = 1.1;
const FUNCTION_WORDS = 80;
const COMMON_WORDS = 1_500;
const TOPICS_PER_CLASS = 6;
const WORDS_PER_TOPIC = 150;
/** Share of a topic's words taken from the other class's topics. */
const TOPIC_OVERLAP = 0.2;
/** Largest share of the other class's words in a message (each message draws its own, from 0). */
const MAX_BORROWED_SHARE = 0.15;
/** Share of messages in disguise (junk with good-mail text, good mail that reads like an advertisement). */
const DISGUISED_SHARE = 0.1;
/** Share of other-class words in a disguised message. */
const DISGUISED_BORROWED_SHARE = 0.3;
/** Median and spread (of the logarithm) of message lengths in words, and their bounds. */
const LENGTH = { median: 60, spread: 0.9, min: 3, max: 600 } as const;
const BIG_PROVIDERS = ['mail.example', 'post.example', 'inbox.example'];
/** Mail programs and how often each class uses them (null: a web mail that names none). */
const MAILERS: ReadonlyArray<readonly [string | null, number, number]> = [
  ['Mozilla Thunderbird 128.3', 0.3, 0.05],
  ['Microsoft Outlook 16.0', 0.25, 0.15],
  ['Apple Mail (2.3731)', 0.15, 0.02],
  ['Mutt/2.2.12', 0.05, 0],
  [null, 0.25, 0.33],
  ['PHPMailer 6.8.0', 0, 0.15],
  ['MailBlaster Pro 4', 0, 0.1],
  ['Campaign Sender 2.1', 0, 0.1],
  ['Microsoft CDO for Windows 2000', 0, 0.1],
];
/** Content types and how often each class uses them. */
const CONTENT_TYPES: ReadonlyArray<readonly [string, number, number]> = [
  ['text/plain; charset=utf-8', 0.65, 0.15],
  ['multipart/alternative; boundary="b"', 0.3, 0.4],
  ['text/html; charset=utf-8', 0.05, 0.45],
];

/** Draws from a list with Zipf-distributed ranks (the list's order is its frequency order). */
function zipfPicker(random: () => number, words: readonly string[]): () => string {
  const cumulative: number[] = [];
  let total = 0;
  for (let rank = 1; rank <= words.length; rank += 1) {
    total += 1 / rank ** ZIPF_EXPONENT;
    cumulative.push(total);
  }
  return () => {
    const target = random() * total;
    let low = 0;
    let high = cumulative.length - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((cumulative[middle] ?? 0) < target) low = middle + 1;
      else high = middle;
    }
    return words[low] ?? '';
  };
}

/** `size` new distinct words, none already in `taken`. */
function newWords(random: () => number, size: number, taken: Set<string>, syllables: readonly [number, number]): string[] {
  const words: string[] = [];
  while (words.length < size) {
    const length = syllables[0] + Math.floor(random() * (syllables[1] - syllables[0] + 1));
    const word = Array.from({ length }, () => SYLLABLES[Math.floor(random() * SYLLABLES.length)] ?? 'a').join('');
    if (taken.has(word)) continue;
    taken.add(word);
    words.push(word);
  }
  return words;
}

/** One of `choices` by the weight of the class (the second weight good mail's, the third junk's). */
function weighted<T>(random: () => number, choices: ReadonlyArray<readonly [T, number, number]>, junk: boolean): T {
  let roll = random();
  for (const [choice, ham, spam] of choices) {
    roll -= junk ? spam : ham;
    if (roll < 0) return choice;
  }
  return (choices[0] as readonly [T, number, number])[0];
}

/** A normally distributed number (Box–Muller). */
function normal(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

/** `countPerClass` messages of each class, shuffled, the same for the same seed. */
export function junkCorpus(seed: number, countPerClass: number): LabelledMessage[] {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const taken = new Set<string>();
  const functionWords = zipfPicker(random, newWords(random, FUNCTION_WORDS, taken, [1, 2]));
  const common = zipfPicker(random, newWords(random, COMMON_WORDS, taken, [2, 4]));
  const ownTopics = (count: number) => Array.from({ length: count }, () => newWords(random, WORDS_PER_TOPIC, taken, [2, 4]));
  const hamOwn = ownTopics(TOPICS_PER_CLASS);
  const junkOwn = ownTopics(TOPICS_PER_CLASS);
  // Each topic takes a fifth of its words from the other class's topics, at random ranks.
  const mixed = (own: string[][], other: string[][]): string[][] =>
    own.map((words) => words.map((word) => (random() < TOPIC_OVERLAP ? pick(pick(other)) : word)));
  const hamTopics = mixed(hamOwn, junkOwn).map((words) => zipfPicker(random, words));
  const junkTopics = mixed(junkOwn, hamOwn).map((words) => zipfPicker(random, words));
  const someone = (): string => `${common()}${random() < 0.5 ? `.${common()}` : Math.floor(random() * 1_000)}`;
  const correspondents = Array.from({ length: 60 }, () => `${someone()}@${random() < 0.4 ? pick(BIG_PROVIDERS) : `${common()}.example`}`);
  const junkDomains = Array.from({ length: 80 }, () => `${common()}${pick(['-deals', '-mail', '', '-news'])}.example`);
  const neutralHosts = ['www.example', 'docs.example', 'video.example'];

  const message = (junk: boolean): LabelledMessage => {
    const topics = junk ? junkTopics : hamTopics;
    const otherTopics = junk ? hamTopics : junkTopics;
    const topic = pick(topics);
    const second = junk ? topic : pick(topics);
    const disguised = random() < DISGUISED_SHARE;
    const borrowed = disguised ? DISGUISED_BORROWED_SHARE : random() * MAX_BORROWED_SHARE;
    const otherTopic = pick(otherTopics);
    const word = (withFunctionWords: boolean): string => {
      const roll = random();
      if (withFunctionWords && roll < 0.35) return functionWords();
      if (roll < 0.65) return common();
      if (random() < borrowed) return otherTopic();
      return random() < 0.7 ? topic() : second();
    };
    const length = Math.round(Math.min(LENGTH.max, Math.max(LENGTH.min, LENGTH.median * Math.exp(LENGTH.spread * normal(random)))));
    const words = Array.from({ length }, () => word(true));
    if (random() < (junk ? 0.6 : 0.2)) {
      const host = random() < 0.3 ? pick(neutralHosts) : junk ? pick(junkDomains) : pick(correspondents).split('@')[1];
      words.splice(Math.floor(random() * words.length), 0, `https://${host ?? 'www.example'}/${common()}`);
    }
    const subject = Array.from({ length: 2 + Math.floor(random() * 7) }, () => word(false)).join(' ');
    const from = junk
      ? `${someone()}@${random() < 0.4 ? pick(BIG_PROVIDERS) : pick(junkDomains)}`
      : random() < 0.7
        ? pick(correspondents)
        : `${someone()}@${random() < 0.6 ? pick(BIG_PROVIDERS) : `${common()}.example`}`;
    const fromDomain = from.slice(from.indexOf('@') + 1);
    const headers: Array<{ name: string; value: string }> = [];
    const mailer = weighted(random, MAILERS, junk);
    if (mailer !== null) headers.push({ name: random() < 0.5 ? 'x-mailer' : 'user-agent', value: mailer });
    headers.push({ name: 'mime-version', value: '1.0' }, { name: 'content-type', value: weighted(random, CONTENT_TYPES, junk) });
    const idRoll = random();
    const idDomain = junk ? (idRoll < 0.35 ? fromDomain : idRoll < 0.9 ? pick(junkDomains) : null) : idRoll < 0.85 ? fromDomain : pick(BIG_PROVIDERS);
    if (idDomain !== null) headers.push({ name: 'message-id', value: `<${Math.floor(random() * 1e9).toString(36)}@${idDomain}>` });
    // Newsletters people subscribed to, and some junk, offer to unsubscribe.
    if (random() < (junk ? 0.3 : disguised ? 0.8 : 0.05)) headers.push({ name: 'list-unsubscribe', value: `<https://${fromDomain}/unsubscribe>` });
    return { document: { subject, from, text: words.join(' '), headers }, junk };
  };
  const all = [...Array.from({ length: countPerClass }, () => message(false)), ...Array.from({ length: countPerClass }, () => message(true))];
  for (let index = all.length - 1; index > 0; index -= 1) {
    const other = Math.floor(random() * (index + 1));
    [all[index], all[other]] = [all[other] as LabelledMessage, all[index] as LabelledMessage];
  }
  return all;
}
