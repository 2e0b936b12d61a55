import type { Keychain } from '../../electron/services/credentials/keychain';

/**
 * A keychain in memory, for tests that save accounts without the system's: share one between the cores
 * a test opens on a profile, as the system keychain would be shared. `entries` shows what was stored.
 */
export function memoryKeychain(): Keychain & { readonly entries: Map<string, string> } {
  const entries = new Map<string, string>();
  return {
    entries,
    getPassword: async (service, account) => entries.get(`${service}/${account}`) ?? null,
    setPassword: async (service, account, password) => void entries.set(`${service}/${account}`, password),
    deletePassword: async (service, account) => entries.delete(`${service}/${account}`),
  };
}
