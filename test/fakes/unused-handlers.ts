import type { Handlers } from '../../electron/ipc/registry';

const unused = (): never => {
  throw new Error('not used in this test');
};

/** Handlers of the account operations for registry tests that exercise other operations. */
export const unusedAccountHandlers: Pick<Handlers, 'listAccounts' | 'getAccount' | 'discoverSettings' | 'saveAccount' | 'removeAccount' | 'testAccount'> = {
  listAccounts: unused,
  getAccount: unused,
  discoverSettings: unused,
  saveAccount: unused,
  removeAccount: unused,
  testAccount: unused,
};
