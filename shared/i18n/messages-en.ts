/**
 * The English catalog: the source every other catalog translates. Messages are ICU MessageFormat
 * (plurals, select, number and date arguments); ids are `area.what`. A message never ends in a piece
 * another message adds to it: a sentence is one message, with its variable parts as arguments.
 */
export const EN_MESSAGES = {
  'app.cannotStart': 'Mailbag cannot start',
  'app.unreachable': 'Mailbag is not reachable.',
  'app.opening': 'Opening your mail…',
  'settings.loadFailed': 'Settings could not be loaded.',
  'settings.saveFailed': 'Settings could not be saved.',
  'language.title': 'Language',
  'language.label': 'Language of the window and of the mail you write',
  'language.system': 'Same as system ({language})',
  'language.hint': 'Reply and forward headers, dates and sizes follow this choice too. The change applies at once.',
  'message.noSubject': '(no subject)',
  'message.label': 'Message',
  'window.messageTitle': '{subject} — Mailbag',
} as const satisfies Readonly<Record<string, string>>;

/** Every message id: a call with an id not in the English catalog fails type-checking. */
export type MessageId = keyof typeof EN_MESSAGES;

/** A translation: every id of the English catalog, none missing (a missing one fails `tsc`). */
export type Catalog = Readonly<Record<MessageId, string>>;
