/**
 * Child process of the keychain tests: runs a list of credential-store steps against the real keytar
 * (talking to whatever DBUS_SESSION_BUS_ADDRESS names) and prints the results as one JSON line. A
 * process per scenario, because libsecret keeps its first bus connection for the life of a process.
 *
 * Input (standard input, JSON): {@link ScenarioInput}. Output (standard output): {@link ScenarioOutput}.
 */
import { MailbagError } from '../../../../shared/errors';
import { createCredentialStore, type CredentialProtocol, type CredentialStatus } from '../../../../electron/services/credentials/credential-store';
import type { LogFields } from '../../../../electron/services/logger';
import { createFakeSafeStorage } from '../../../fakes/safe-storage';

/** One operation on the store. */
export type ScenarioStep =
  | { readonly op: 'status' }
  | {
      readonly op: 'save';
      readonly account: string;
      readonly protocol: CredentialProtocol;
      readonly password: string;
      readonly loginSucceeds: boolean;
      readonly remember?: boolean;
    }
  | { readonly op: 'get'; readonly account: string; readonly protocol: CredentialProtocol }
  | { readonly op: 'remove'; readonly account: string; readonly protocol: CredentialProtocol }
  | { readonly op: 'removeAccount'; readonly account: string };

/** What the parent sends. */
export interface ScenarioInput {
  readonly profileDir: string;
  /** Key of the fake safeStorage; absent: no safeStorage at all. */
  readonly safeStorageKeyHex?: string;
  readonly keychainTimeoutMs?: number;
  readonly steps: readonly ScenarioStep[];
}

/** One result per step: a status, a password (or null), an error code, or 'done'. */
export type StepResult = { readonly status: CredentialStatus } | { readonly password: string | null } | { readonly error: string } | 'done';

/** What the child prints. */
export interface ScenarioOutput {
  readonly results: readonly StepResult[];
  /** Every log line the store wrote, to check that none holds a password. */
  readonly logs: readonly string[];
}

async function main(): Promise<void> {
  let text = '';
  for await (const chunk of process.stdin) text += String(chunk);
  const input = JSON.parse(text) as ScenarioInput;
  const logs: string[] = [];
  const log = (message: string, fields?: LogFields): void => {
    logs.push(`${message} ${JSON.stringify(fields ?? {})}`);
  };
  const store = createCredentialStore({
    profileDir: input.profileDir,
    ...(input.safeStorageKeyHex === undefined ? {} : { safeStorage: createFakeSafeStorage({ keyHex: input.safeStorageKeyHex }) }),
    ...(input.keychainTimeoutMs === undefined ? {} : { keychainTimeoutMs: input.keychainTimeoutMs }),
    logger: { info: log, warn: log, error: log },
  });
  const results: StepResult[] = [];
  for (const step of input.steps) {
    try {
      switch (step.op) {
        case 'status':
          results.push({ status: await store.status() });
          break;
        case 'save': {
          const verify = async (): Promise<void> => {
            if (!step.loginSucceeds) throw new MailbagError('AUTH_FAILED');
          };
          const options = step.remember === undefined ? {} : { remember: step.remember };
          results.push({ status: await store.saveAfterSuccessfulLogin(step.account, step.protocol, step.password, verify, options) });
          break;
        }
        case 'get':
          results.push({ password: (await store.get(step.account, step.protocol)) ?? null });
          break;
        case 'remove':
          await store.remove(step.account, step.protocol);
          results.push('done');
          break;
        case 'removeAccount':
          await store.removeAccount(step.account);
          results.push('done');
          break;
      }
    } catch (error) {
      results.push({ error: error instanceof MailbagError ? error.code : String(error) });
    }
  }
  const output: ScenarioOutput = { results, logs };
  process.stdout.write(`${JSON.stringify(output)}\n`, () => {
    // A keychain call that timed out still holds a worker thread; do not wait for it.
    process.exit(0);
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
