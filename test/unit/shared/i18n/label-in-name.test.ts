import { test } from 'node:test';
import assert from 'node:assert/strict';
import { catalogOf } from '../../../../shared/i18n/catalogs';
import { LOCALES, PSEUDO_LOCALE } from '../../../../shared/i18n/locales';
import type { MessageId } from '../../../../shared/i18n/messages-en';

/** Controls whose accessible name (first) is longer than their visible words (second). */
const NAMED_CONTROLS: ReadonlyArray<readonly [MessageId, MessageId]> = [['toolbar.moreLabel', 'toolbar.more']];

test('a control’s accessible name holds its visible words in every language, so speech input finds it by what it shows', () => {
  // The pseudo-locale pads and brackets each message on its own; it checks lengths, not names.
  for (const locale of LOCALES.filter((candidate) => candidate !== PSEUDO_LOCALE)) {
    const catalog = catalogOf(locale);
    for (const [name, visible] of NAMED_CONTROLS) {
      assert.ok(
        catalog[name].toLocaleLowerCase(locale).includes(catalog[visible].toLocaleLowerCase(locale)),
        `${locale}: “${catalog[name]}” holds “${catalog[visible]}”`,
      );
    }
  }
});
