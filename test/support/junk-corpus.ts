/**
 * A labelled corpus of good mail and junk, generated from a seed: each class has words of its own,
 * both share a common vocabulary, and each message borrows some of the other class's words, so the
 * classes overlap as real mail does. Senders: good mail from a circle of correspondents, junk from
 * ever-new addresses, some at the same big providers.
 */
import type { JunkDocument } from '../../electron/storage/junk-bayes';
import { seededRandom } from './seeded-random';

/** A generated message and what it really is. */
export interface LabelledMessage {
  readonly document: JunkDocument;
  readonly junk: boolean;
}

const SYLLABLES = ['ka', 'lo', 'mi', 'ren', 'ta', 'so', 'vel', 'dor', 'pa', 'ni', 'qu', 'ex', 'bri', 'zon', 'ul', 'fa', 'ger', 'hi', 'jo', 'wen'];

function vocabulary(random: () => number, size: number, prefix: string): string[] {
  const words = new Set<string>();
  while (words.size < size) {
    const length = 2 + Math.floor(random() * 3);
    words.add(`${prefix}${Array.from({ length }, () => SYLLABLES[Math.floor(random() * SYLLABLES.length)] ?? 'a').join('')}`);
  }
  return [...words];
}

/** `count` messages of each class, shuffled, the same for the same seed. */
export function junkCorpus(seed: number, countPerClass: number): LabelledMessage[] {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const common = vocabulary(random, 400, '');
  const hamWords = vocabulary(random, 300, 'h');
  const junkWords = vocabulary(random, 300, 'j');
  const friends = Array.from({ length: 40 }, (_, index) => `${pick(common)}${index}@${pick(['example.org', 'mail.example', 'work.example'])}`);
  const message = (junk: boolean): LabelledMessage => {
    const own = junk ? junkWords : hamWords;
    const other = junk ? hamWords : junkWords;
    const text = Array.from({ length: 30 + Math.floor(random() * 90) }, () => {
      const roll = random();
      return pick(roll < 0.6 ? common : roll < 0.96 ? own : other);
    }).join(' ');
    const subject = Array.from({ length: 2 + Math.floor(random() * 5) }, () => pick(random() < 0.5 ? common : own)).join(' ');
    const from = junk ? `${pick(common)}${Math.floor(random() * 100_000)}@${random() < 0.3 ? 'mail.example' : `${pick(junkWords)}.example`}` : pick(friends);
    return { document: { subject, from, text }, junk };
  };
  const all = [...Array.from({ length: countPerClass }, () => message(false)), ...Array.from({ length: countPerClass }, () => message(true))];
  for (let index = all.length - 1; index > 0; index -= 1) {
    const other = Math.floor(random() * (index + 1));
    [all[index], all[other]] = [all[other] as LabelledMessage, all[index] as LabelledMessage];
  }
  return all;
}
