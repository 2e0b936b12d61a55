import type { Duplex } from 'node:stream';
import {
  COMMAND_TIMEOUT_MS,
  CONNECT_TIMEOUT_MS,
  DATA_IDLE_TIMEOUT_MS,
  GREETING_TIMEOUT_MS,
  KEEPALIVE_INTERVAL_MS,
  MAX_LINE_BYTES,
  MAX_LISTING_BYTES,
  MAX_LISTING_LINES,
  MAX_UNFINISHED_SINKS,
  PIPELINE_MAX_OUTSTANDING_BYTES,
  PIPELINE_MAX_OUTSTANDING_COMMANDS,
  PROGRESS_MIN_BYTES,
  PROGRESS_WINDOW_MS,
  QUIT_TIMEOUT_MS,
  RECEIVE_HIGH_WATER_BYTES,
  TLS_HANDSHAKE_TIMEOUT_MS,
} from './constants';
import type { TranscriptSink } from '../transcript';

/** Per-phase timeouts in milliseconds; defaults in `constants.ts`. */
export interface Pop3Timeouts {
  readonly connect: number;
  readonly tlsHandshake: number;
  readonly greeting: number;
  readonly command: number;
  readonly dataIdle: number;
  readonly quit: number;
  /** NOOP interval while the session sits idle in the TRANSACTION state; 0 disables keep-alives. */
  readonly keepAlive: number;
  /** The progress watchdog's window (see `PROGRESS_WINDOW_MS`); 0 disables it. */
  readonly progressWindow: number;
}

/** Memory and pipelining bounds; defaults in `constants.ts`. */
export interface Pop3Limits {
  readonly maxLineBytes: number;
  readonly maxListingLines: number;
  readonly maxListingBytes: number;
  readonly receiveHighWaterBytes: number;
  readonly pipelineMaxOutstandingBytes: number;
  readonly pipelineMaxOutstandingCommands: number;
  /** Sinks of a batch allowed to finish in the background while later messages arrive (1 = one at a time). */
  readonly maxUnfinishedSinks: number;
  /** Bytes the server must send per progress window while an answer is awaited (see `PROGRESS_MIN_BYTES`). */
  readonly progressMinBytes: number;
}

/** Where to connect, handed to a socket factory. */
export interface Pop3SocketTarget {
  readonly host: string;
  readonly port: number;
  /** Aborted when the connect timeout passes or the caller cancels. */
  readonly signal: AbortSignal;
}

/**
 * Opens the raw byte stream to the server (a TCP socket, or a proxy tunnel). It must resolve once
 * connected. TLS, when configured, is layered on top by the engine.
 */
export type Pop3SocketFactory = (target: Pop3SocketTarget) => Duplex | Promise<Duplex>;

/** How to reach and secure the server. */
export interface Pop3ConnectOptions {
  readonly host: string;
  readonly port: number;
  /** `tls`: implicit TLS (RFC 8314); `starttls`: STLS (RFC 2595); `none`: plaintext, an explicit choice. */
  readonly security: 'tls' | 'starttls' | 'none';
  /** Lets credentials cross an unencrypted connection. Off unless the user chose it visibly. */
  readonly allowInsecureAuth?: boolean;
  /** Extra trusted CA certificates (PEM), added to the system roots. */
  readonly ca?: string;
  /**
   * The user's certificate exception: the SHA-256 fingerprint (hex, colons optional) of the one
   * certificate accepted for this host and port even though it does not verify. Any other
   * certificate is refused, verified or not.
   */
  readonly pinnedFingerprint256?: string;
  /** Name checked against the certificate and sent as SNI; defaults to `host`. */
  readonly servername?: string;
  readonly socketFactory?: Pop3SocketFactory;
  readonly transcript?: TranscriptSink;
  /** Cancels the whole session: every pending call rejects with CANCELLED and the socket is released. */
  readonly signal?: AbortSignal;
  readonly timeouts?: Partial<Pop3Timeouts>;
  readonly limits?: Partial<Pop3Limits>;
  /** Never pipeline, even when the server advertises PIPELINING (for comparisons and broken servers). */
  readonly forceLockStep?: boolean;
}

/** The default timeouts. */
export const DEFAULT_TIMEOUTS: Pop3Timeouts = Object.freeze({
  connect: CONNECT_TIMEOUT_MS,
  tlsHandshake: TLS_HANDSHAKE_TIMEOUT_MS,
  greeting: GREETING_TIMEOUT_MS,
  command: COMMAND_TIMEOUT_MS,
  dataIdle: DATA_IDLE_TIMEOUT_MS,
  quit: QUIT_TIMEOUT_MS,
  keepAlive: KEEPALIVE_INTERVAL_MS,
  progressWindow: PROGRESS_WINDOW_MS,
});

/** The default limits. */
export const DEFAULT_LIMITS: Pop3Limits = Object.freeze({
  maxLineBytes: MAX_LINE_BYTES,
  maxListingLines: MAX_LISTING_LINES,
  maxListingBytes: MAX_LISTING_BYTES,
  receiveHighWaterBytes: RECEIVE_HIGH_WATER_BYTES,
  pipelineMaxOutstandingBytes: PIPELINE_MAX_OUTSTANDING_BYTES,
  pipelineMaxOutstandingCommands: PIPELINE_MAX_OUTSTANDING_COMMANDS,
  maxUnfinishedSinks: MAX_UNFINISHED_SINKS,
  progressMinBytes: PROGRESS_MIN_BYTES,
});

/** Fills in defaults for anything not overridden. */
export function resolveTimeouts(overrides: Partial<Pop3Timeouts> | undefined): Pop3Timeouts {
  return { ...DEFAULT_TIMEOUTS, ...overrides };
}

/** Fills in defaults for anything not overridden. */
export function resolveLimits(overrides: Partial<Pop3Limits> | undefined): Pop3Limits {
  return { ...DEFAULT_LIMITS, ...overrides };
}
