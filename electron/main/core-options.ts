/**
 * What the composition root (core.ts) needs to know about where it runs, in a file of its own so the
 * services it wires on first use (core-engine.ts, core-services.ts) read it without importing the root.
 */
import type { SafeStorageLike } from '../services/credentials/encrypted-file';
import type { Keychain } from '../services/credentials/keychain';
import type { DiscoveryNetwork } from '../services/discovery/discover';
import type { HostLookup } from '../services/doctor';
import type { AccountService } from '../services/accounts';
import type { Logger } from '../services/logger';
import type { ReceiveRunner } from '../services/send-receive';

/** What the composition root needs to know about where it runs. */
export interface CoreOptions {
  readonly profileDir: string;
  readonly logger: Logger;
  /** better-sqlite3 addon built for Electron's ABI, when running inside Electron. */
  readonly sqliteNativeBinding?: string;
  readonly electronVersions?: { readonly electron: string; readonly chrome: string };
  /** Opens a checked URL in the system browser; absent where the page must open links itself. */
  readonly openExternal?: (url: URL) => Promise<void>;
  /**
   * Opens a file with the desktop's program for it, resolving to an error text (empty on success), as
   * Electron's shell.openPath does; absent where Mailbag cannot start programs (the page saves instead).
   */
  readonly openPath?: (filePath: string) => Promise<string>;
  /** Opens a message in a window of its own; absent where Mailbag has no windows (the page opens a tab). */
  readonly openMessageWindow?: (messageId: number) => void;
  /** The system's mailto: registration, where the installed app can make it; absent in a browser or a source build. */
  readonly defaultMailHandler?: { readonly isDefault: () => boolean; readonly makeDefault: () => boolean };
  /** Environment for the keychain's session-bus check; default process.env. */
  readonly env?: NodeJS.ProcessEnv;
  /** The keychain (tests pass a fake); default the system keychain through keytar. */
  readonly keychain?: Keychain | (() => Promise<Keychain>);
  /** Electron's safeStorage, for the encrypted-file fallback; absent in plain Node. */
  readonly safeStorage?: SafeStorageLike;
  /** Setup discovery's network (tests pass local fakes); default the system's. */
  readonly discoveryNetwork?: DiscoveryNetwork;
  /** The doctor's name resolver (tests); default the system's. */
  readonly doctorLookup?: HostLookup;
  /**
   * Wraps the account service every other service uses: the command line's `--password-stdin` gives
   * one account's password this way, so each command resolves passwords the one way receive does.
   */
  readonly wrapAccounts?: (accounts: AccountService) => AccountService;
  /**
   * Whether the full-text index follows Send/Receive batch by batch, beside the download and yielding
   * to it (default true).
   */
  readonly indexWhileReceiving?: boolean;
  /** Where Send/Receive runs each account's job; default a worker thread per run (the window never waits on it). */
  readonly receiveRunner?: ReceiveRunner;
  /**
   * Whether a finished Send/Receive's mail is indexed in full before it is announced (default true: the
   * window's search finds it). The command line turns it off: it ends as soon as mail is listed, and
   * what is left is indexed at its next search.
   */
  readonly indexWhenReceived?: boolean;
  /** Whether the machine has a core to spare for indexing beside a download (tests); default its load average. */
  readonly spareCoreForIndexing?: () => boolean;
  /**
   * Called each time the core wires a part of the services it builds on first use: the services that
   * move mail, then the rest (the command line then knows its run loaded their code, which its code
   * cache should hold).
   */
  readonly onServicesWired?: () => void;
}
