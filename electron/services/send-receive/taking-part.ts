/**
 * Which accounts a Send/Receive covers, and their Outboxes sent before receiving: one rule for the
 * window and the command line, so an account left out of Send/Receive is left out by both.
 */
import type { Account } from '../../../shared/accounts';

/**
 * The accounts a Send/Receive covers: the one named (whether or not it takes part, the user asked
 * for it), or else every account that takes part in Send/Receive.
 */
export function sendReceiveAccounts(all: readonly Account[], named: Account | undefined): Account[] {
  return named === undefined ? all.filter((account) => account.settings?.policy.includeInSendReceive === true) : [named];
}

/**
 * Sends the Outbox of each account a Send/Receive covers, one account after another, and gathers
 * what each sent; an account not among them keeps its Outbox for its own Send/Receive.
 */
export async function sendOutboxesOf<Result>(accounts: readonly Account[], flush: (accountId: string) => Promise<readonly Result[]>): Promise<Result[]> {
  const results: Result[] = [];
  for (const account of accounts) results.push(...(await flush(account.id)));
  return results;
}
