import type { Account } from '../../../shared/accounts';
import type { Translate } from '../../../shared/i18n/catalogs';

/** What removing an account does to the mail stored here, said before the user confirms. */
export function removalWarning(t: Translate, account: Pick<Account, 'messageCount'>): string {
  return account.messageCount === 0 ? t('settings.removeNoMail') : t('settings.removeMail', { count: account.messageCount });
}
