import type { Account } from '../../../shared/accounts';

/** "12 messages" / "1 message". */
export function messagesWord(count: number): string {
  return `${count} ${count === 1 ? 'message' : 'messages'}`;
}

/** What removing an account does to the mail stored here, said before the user confirms. */
export function removalWarning(account: Pick<Account, 'messageCount'>): string {
  return account.messageCount === 0
    ? 'No mail of this account is stored on this computer. Its saved passwords are removed too.'
    : `${messagesWord(account.messageCount)} of this account ${account.messageCount === 1 ? 'is' : 'are'} stored on this computer and will be deleted from it. Its saved passwords are removed too. Mail still on the server stays there.`;
}
