/**
 * Which accounts a Send/Receive covers: one rule for the window and the command line, so an account
 * left out of Send/Receive is left out by both (its Outbox too).
 */
import type { Account } from '../../../shared/accounts';

/**
 * The accounts a Send/Receive covers: the one named (whether or not it takes part, the user asked
 * for it), or else every account that takes part in Send/Receive.
 */
export function sendReceiveAccounts(all: readonly Account[], named: Account | undefined): Account[] {
  return named === undefined ? all.filter((account) => account.settings?.policy.includeInSendReceive === true) : [named];
}
