/**
 * The end-to-end files that must pass in German and in Arabic (right to left) as well as in English:
 * `npm test` runs each of them again with the browser in each of these languages, and a failure in any
 * language fails the suite. A file joins the list once every control it finds and every text it checks
 * comes from the catalogs (`ui()` in test/e2e/support/words.ts) and the views it drives are translated.
 */

/** The languages of the extra passes (BCP 47 tags for MAILBAG_E2E_LOCALE): one left-to-right, one right-to-left. */
export const LANGUAGE_PASS_LOCALES = ['de-DE', 'ar'] as const;

/** The end-to-end files checked in every language of {@link LANGUAGE_PASS_LOCALES}, relative to the repository. */
export const LANGUAGE_CHECKED_FILES: readonly string[] = [
  'test/e2e/account-setup.test.ts',
  'test/e2e/compose-inline-images.test.ts',
  'test/e2e/certificates.test.ts',
  'test/e2e/compose-languages.test.ts',
  'test/e2e/compose-signatures.test.ts',
  'test/e2e/compose-spelling.test.ts',
  'test/e2e/compose.test.ts',
  'test/e2e/contacts.test.ts',
  'test/e2e/conversation-selection.test.ts',
  'test/e2e/conversations.test.ts',
  'test/e2e/desktop-commands.test.ts',
  'test/e2e/desktop-languages.test.ts',
  'test/e2e/everyday-window.test.ts',
  'test/e2e/first-run.test.ts',
  'test/e2e/flags.test.ts',
  'test/e2e/folder-names.test.ts',
  'test/e2e/folders.test.ts',
  'test/e2e/hostile-replies.test.ts',
  'test/e2e/hostile-server-text.test.ts',
  'test/e2e/hostile-mail.test.ts',
  'test/e2e/import-export.test.ts',
  'test/e2e/import-programs.test.ts',
  'test/e2e/junk.test.ts',
  'test/e2e/languages.test.ts',
  'test/e2e/mail-sanitizer.test.ts',
  'test/e2e/mail-window-arrival.test.ts',
  'test/e2e/mail-window-large.test.ts',
  'test/e2e/mail-window.test.ts',
  'test/e2e/message-requests.test.ts',
  'test/e2e/outbox.test.ts',
  'test/e2e/offline.test.ts',
  'test/e2e/passwords.test.ts',
  'test/e2e/provider-sign-in.test.ts',
  'test/e2e/replies-forwards.test.ts',
  'test/e2e/rules.test.ts',
  'test/e2e/search.test.ts',
  'test/e2e/server-mailbox.test.ts',
  'test/e2e/settings-languages.test.ts',
  'test/e2e/tags.test.ts',
  'test/e2e/unread-filter.test.ts',
  'test/e2e/window-languages-views.test.ts',
  'test/e2e/window-languages.test.ts',
];
