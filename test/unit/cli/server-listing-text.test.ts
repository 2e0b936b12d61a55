/** `mailbag server list` names the messages it skipped, with the server's words shown safely. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { listingText } from '../../../electron/cli/commands/server';
import { createTranslator } from '../../../shared/i18n/catalogs';
import { stateWords, type ServerMailboxListing } from '../../../shared/server-mailbox';

test('skipped messages are listed as warnings, and a hostile sender or subject cannot drive the terminal', () => {
  const listing: ServerMailboxListing = {
    accountId: 'a',
    listedAt: 0,
    messages: [
      {
        number: 1,
        uidl: 'uid-1',
        size: 1200,
        from: 'Bank\x1b[2J <bank@example.test>',
        subject: 'Invoice\x1b]0;pwned\x07',
        date: null,
        state: 'ambiguous',
        localMessageId: null,
        keptForever: false,
        removalAt: null,
        large: false,
      },
    ],
    totals: { count: 1, bytes: 1200 },
    expire: null,
    loginDelaySeconds: null,
    largeMessageBytes: 10 * 1024 * 1024,
    warnings: ['Message 2 was skipped: the server gave it a size that could not be understood (“2 -1”).'],
  };
  const text = listingText(listing);
  assert.match(text, /^warning: Message 2 was skipped: the server gave it a size that could not be understood/m);
  assert.match(text, /Kept on the server \(the server gives its unique-id to another message too\)/);
  // eslint-disable-next-line no-control-regex
  assert.doesNotMatch(text, /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
  assert.match(text, /Invoice\\x1b\]0;pwned\\x07/);
  for (const locale of ['de', 'ar'] as const) {
    const translator = createTranslator(locale);
    const translated = listingText(listing, listing.messages, translator);
    const state = stateWords(listing.messages[0]!, String, translator.t);
    assert.notEqual(state, stateWords(listing.messages[0]!, String), locale);
    assert.ok(translated.includes(state), `${locale}: ${translated}`);
    assert.doesNotMatch(translated, /Kept on the server/, locale);
  }
});

test('the messages the server listing left out are said in the user’s language, the server’s line as it came', () => {
  const listing: ServerMailboxListing = {
    accountId: 'a',
    listedAt: 0,
    messages: [],
    totals: { count: 0, bytes: 0 },
    expire: null,
    loginDelaySeconds: null,
    largeMessageBytes: 10 * 1024 * 1024,
    warnings: [
      'Message 2 was skipped: the server gave it a size that could not be understood (“2 -1”).',
      'Message 3 was skipped: the server’s UIDL lists it but its LIST does not.',
    ],
    skipped: [
      { number: 2, kind: 'bad-size', line: '2 -1' },
      { number: 3, kind: 'not-in-list' },
    ],
  };
  assert.match(listingText(listing), /^warning: Message 2 was skipped: the server gave it a size that could not be understood \(“2 -1”\)\.$/m);
  for (const locale of ['de', 'ar'] as const) {
    const { t } = createTranslator(locale);
    const text = listingText(listing, [], createTranslator(locale));
    assert.ok(text.includes(t('cli.server.warning', { warning: t('server.skippedBadLine', { number: 2, part: 'size', line: '2 -1' }) })), `${locale}: ${text}`);
    assert.ok(text.includes(t('cli.server.warning', { warning: t('server.skippedNotInList', { number: 3 }) })), `${locale}: ${text}`);
    assert.doesNotMatch(text, /was skipped/, locale);
  }
});
