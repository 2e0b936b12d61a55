/**
 * A receive run as it crosses a thread boundary: the profile to write into, the account, where to
 * connect, and the policy. Plain data only (no functions, no signal).
 */
import type { Pop3ConnectOptions, Pop3Credentials } from '../../protocols/pop3';
import type { ReceiveMode, ReceivePolicy } from './receive-types';

/** Connection settings that can be sent to a worker. */
export type ReceiveConnection = Omit<Pop3ConnectOptions, 'socketFactory' | 'transcript' | 'signal'>;

/** One account's receive run. */
export interface ReceiveJob {
  readonly accountId: string;
  /** The profile's SQLite file (opened by the worker as a second connection; WAL serializes writers). */
  readonly databaseFile: string;
  /** The profile's raw message folder. */
  readonly rawDirectory: string;
  readonly connection: ReceiveConnection;
  readonly credentials: Pop3Credentials;
  readonly policy: ReceivePolicy;
  readonly mode?: ReceiveMode;
  /** Overrides of the batch limits (tests, benchmarks). */
  readonly batchMessages?: number;
}
