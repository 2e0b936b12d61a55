import { test } from 'node:test';
import assert from 'node:assert/strict';
import { catalogOf } from '../../../../shared/i18n/catalogs';
import { LOCALES, PSEUDO_LOCALE } from '../../../../shared/i18n/locales';
import type { MessageId } from '../../../../shared/i18n/messages-en';

/** Controls whose accessible name (first) is longer than their visible words (second). */
const NAMED_CONTROLS: ReadonlyArray<readonly [MessageId, MessageId]> = [
  ['toolbar.moreLabel', 'toolbar.more'],
  ['attachments.openNamed', 'attachments.open'],
  ['attachments.saveNamed', 'attachments.save'],
];

/** Whether `name` holds `visible` as whole words (as axe's label-content-name-mismatch reads it), not inside a longer word. */
function holdsWords(name: string, visible: string, locale: string): boolean {
  const words = (text: string) =>
    text
      .toLocaleLowerCase(locale)
      .split(/[\s\p{P}]+/u)
      .filter((word) => word !== '');
  const all = words(name);
  const wanted = words(visible);
  return all.some((_, start) => wanted.every((word, offset) => all[start + offset] === word));
}

test('a control’s accessible name holds its visible words in every language, so speech input finds it by what it shows', () => {
  // The pseudo-locale pads and brackets each message on its own; it checks lengths, not names.
  for (const locale of LOCALES.filter((candidate) => candidate !== PSEUDO_LOCALE)) {
    const catalog = catalogOf(locale);
    for (const [name, visible] of NAMED_CONTROLS) {
      assert.ok(holdsWords(catalog[name], catalog[visible], locale), `${locale}: “${catalog[name]}” holds “${catalog[visible]}”`);
    }
  }
});
