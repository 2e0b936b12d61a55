/**
 * English words for code shared by the window and the command line that describes things in a
 * sentence (rules, leave-on-server policies): a caller that passes no translator gets English.
 */
import { createTranslator, type Translate } from './catalogs';

let english: Translate | undefined;

/** The English catalog's translator, made on first use. */
export function englishWords(): Translate {
  english ??= createTranslator('en').t;
  return english;
}
