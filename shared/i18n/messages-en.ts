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
  'common.details': 'Details',
  'status.news': '{count, plural, =0 {no new mail} one {# new message} other {# new messages}}',
  'status.checked': '{account}: checked at {time}, {news}.',
  'status.checkedTrouble': '{account}: checked at {time}, {news}; {problem}',
  'status.busy': '{account}: the mailbox is busy.',
  'status.busyUntil': '{account}: {reason} (at {time}).',
  'status.cancelled': '{account}: check cancelled at {time}.',
  'status.accountProblem': '{account}: {problem}',
  'status.checkFailed': 'the check failed.',
  'status.pausedPassword': 'Automatic checks of this account are paused until you enter the password.',
  'status.pausedSignIn': 'Automatic checks of this account are paused until you sign in again.',
  'status.certificateNextStep': 'Open the account’s settings and choose Test account settings to see the certificate and decide whether to trust it.',
  'status.signInAgain': 'Sign in again…',
  'status.enterPassword': 'Enter password…',
  'status.offline': 'You are offline: mail is checked again when the network is back.',
  'progress.starting': '{account}: Starting…',
  'progress.phase': '{account}: {phase}…',
  'progress.counts': '{account}: {phase} {done} of {total, plural, one {# message} other {# messages}}',
  'progress.countsBytes': '{account}: {phase} {done} of {total, plural, one {# message} other {# messages}} ({doneSize} of {totalSize})',
  'progress.group': 'Send/Receive progress',
  'progress.bar': 'Send/Receive {account}',
  'phase.starting': 'Starting',
  'phase.connecting': 'Connecting',
  'phase.authenticating': 'Signing in',
  'phase.listing': 'Looking for new mail',
  'phase.downloading': 'Downloading',
  'phase.deleting': 'Cleaning up the server',
  'phase.finishing': 'Finishing',
  'answer.attribution': 'On {date}, {sender} wrote:',
  'answer.forwarded': '---------- Forwarded message ----------',
  'answer.forwardFrom': 'From: {value}',
  'answer.forwardDate': 'Date: {value}',
  'answer.forwardSubject': 'Subject: {value}',
  'answer.forwardTo': 'To: {value}',
  'answer.forwardCc': 'Cc: {value}',
  'reader.andMore': 'and {count, number} more',
  'header.from': 'From',
  'header.sender': 'Sender',
  'header.replyTo': 'Reply-To',
  'header.to': 'To',
  'header.cc': 'Cc',
  'header.date': 'Date',
  'reader.nobody': '(nobody)',
  'reader.warnings': 'Warnings about the sender',
} as const satisfies Readonly<Record<string, string>>;

/** Every message id: a call with an id not in the English catalog fails type-checking. */
export type MessageId = keyof typeof EN_MESSAGES;

/** A translation: every id of the English catalog, none missing (a missing one fails `tsc`). */
export type Catalog = Readonly<Record<MessageId, string>>;
