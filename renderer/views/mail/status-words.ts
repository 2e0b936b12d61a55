/**
 * The status line's words: an account's last Send/Receive and its progress, in the window's language
 * (kept apart from the components so they can be checked without a window).
 */
import { errorDetailIsolatedIn, errorMessageIn } from '../../../shared/error-words';
import type { Translate } from '../../../shared/i18n/catalogs';
import type { SendReceiveProgressEvent } from '../../../shared/mail';
import { serverTextForDisplay } from '../../../shared/terminal-text';
import type { LastRun } from '../../state/send-receive';
import { passwordProblemOf, type PasswordReason } from '../../state/send-receive-model';
import { phaseWords } from './format';

/** What the status line says about one account's last run. */
export interface RunWords {
  readonly text: string;
  readonly problem: boolean;
  /** The technical detail behind a "Details" disclosure, when the error has one. */
  readonly detail?: string;
  /** The run needs a password from the user: the line offers to enter it. */
  readonly password?: PasswordReason;
}

/** What the status line's words are written with: the window's messages and its clock format. */
export interface StatusWords {
  readonly t: Translate;
  readonly clockTime: (ms: number) => string;
  readonly byteSize: (bytes: number) => string;
}

/** One account's last Send/Receive in plain words, and whether it is a problem. */
export function lastRunWords(words: StatusWords, name: string, run: LastRun, signsInWithProvider = false): RunWords {
  const { t, clockTime } = words;
  const { event, at } = run;
  switch (event.status) {
    case 'completed': {
      const news = t('status.news', { count: event.newMessages + event.partialMessages });
      const trouble = event.errors[0];
      return trouble === undefined
        ? { text: t('status.checked', { account: name, time: clockTime(at), news }), problem: false }
        : {
            text: t('status.checkedTrouble', { account: name, time: clockTime(at), news, problem: serverTextForDisplay(errorMessageIn(t, trouble)) }),
            problem: true,
          };
    }
    case 'busy':
      return {
        text:
          event.busy === null
            ? t('status.busy', { account: name })
            : t('status.busyUntil', { account: name, reason: errorMessageIn(t, event.busy).replace(/\.$/, ''), time: clockTime(event.busy.retryAt) }),
        problem: true,
      };
    case 'cancelled':
      return { text: t('status.cancelled', { account: name, time: clockTime(at) }), problem: false };
    case 'failed': {
      const error = event.errors[0];
      // Said in the window's language where it is a catalog message (its quoted words already plain and bounded), else the text as given, made plain.
      const detail =
        error?.detailWords !== undefined ? errorDetailIsolatedIn(t, error) : error?.detail === undefined ? undefined : serverTextForDisplay(error.detail);
      const password = passwordProblemOf(event);
      // Errors may quote the server: shown as plain text of a sane length. Each added sentence is a whole message.
      const sentences = [
        t('status.accountProblem', { account: name, problem: serverTextForDisplay(error === undefined ? t('status.checkFailed') : errorMessageIn(t, error)) }),
        ...(password === 'refused' ? [t(signsInWithProvider ? 'status.pausedSignIn' : 'status.pausedPassword')] : []),
        ...(error?.code === 'TLS_CERTIFICATE' ? [t('status.certificateNextStep')] : []),
      ];
      return {
        text: sentences.join(' '),
        problem: true,
        ...(detail === undefined ? {} : { detail }),
        ...(password === null ? {} : { password }),
      };
    }
  }
}

/** A progress line in words: "Alice: Downloading 3 of 10 messages (12 KB of 40 KB)". */
export function progressWords(words: StatusWords, name: string, progress: SendReceiveProgressEvent | null): string {
  const { t, byteSize } = words;
  if (progress === null) return t('progress.starting', { account: name });
  const phase = phaseWords(t, progress.phase);
  if (progress.messagesTotal === 0) return t('progress.phase', { account: name, phase });
  const counts = { account: name, phase, done: progress.messagesDone, total: progress.messagesTotal };
  return progress.bytesTotal > 0
    ? t('progress.countsBytes', { ...counts, doneSize: byteSize(progress.bytesDone), totalSize: byteSize(progress.bytesTotal) })
    : t('progress.counts', counts);
}
