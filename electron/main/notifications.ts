/**
 * New-mail notifications and the unread badge of the desktop app. The renderer cannot show system
 * notifications in Electron (every permission request is refused), so main does: one notification
 * per newMail event when the `notifications` setting is on (clicking it opens the message, or the
 * window when several arrived), and the dock/taskbar badge follows the unified Inbox's unread count
 * whenever mail changes.
 */
import type { Translate } from '../../shared/i18n/catalogs';
import type { Settings } from '../../shared/settings';
import type { EventHub } from '../services/events';

/** What the notifier needs; the Electron parts are passed in so the logic runs without Electron. */
export interface NewMailNotifierOptions {
  readonly events: EventHub;
  readonly settings: () => Settings;
  /** The words of the language chosen now (it may change while Mailbag runs). */
  readonly t: () => Translate;
  /** The account's name for the notification text. */
  readonly accountName: (accountId: string) => string;
  /** Unread messages in every account's Inbox. */
  readonly unifiedUnread: () => number;
  /** The newest unread message of the account, for a notification of one new message to open. */
  readonly newestUnread?: (accountId: string) => number | null;
  /** Shows a notification; `onClick` runs when the user clicks it. */
  readonly notify: (title: string, body: string, onClick: () => void) => void;
  /** Opens the message (in a window of its own) or, with null, shows the mail window. */
  readonly openMail?: (messageId: number | null) => void;
  readonly setBadgeCount: (count: number) => void;
  /** Told when the system refuses a notification or the badge (they never stop the app). */
  readonly onError?: (error: unknown) => void;
}

/** The notification text for new mail. */
export function newMailText(t: Translate, accountName: string, count: number): string {
  return t('mail.newMailFor', { count, account: accountName });
}

/** Starts notifying; returns a function that stops it. */
export function startNewMailNotifier(options: NewMailNotifierOptions): () => void {
  let lastBadge = -1;
  const guarded = (step: () => void): void => {
    try {
      step();
    } catch (error) {
      options.onError?.(error);
    }
  };
  const updateBadge = (): void =>
    guarded(() => {
      const count = options.unifiedUnread();
      if (count === lastBadge) return;
      lastBadge = count;
      options.setBadgeCount(count);
    });
  updateBadge();
  return options.events.subscribe((name, payload) => {
    switch (name) {
      case 'newMail': {
        const { accountId, count } = payload as { accountId: string; count: number };
        if (options.settings().notifications && count > 0)
          guarded(() => {
            // Chosen now: by the time of the click, later mail may have arrived.
            const messageId = count === 1 ? (options.newestUnread?.(accountId) ?? null) : null;
            const t = options.t();
            options.notify(t('mail.newMailTitle'), newMailText(t, options.accountName(accountId), count), () => guarded(() => options.openMail?.(messageId)));
          });
        updateBadge();
        return;
      }
      case 'mailChanged':
      case 'accountsChanged':
        updateBadge();
        return;
      default:
        return;
    }
  });
}
