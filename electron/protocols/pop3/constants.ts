/**
 * Every limit and timeout of the POP3 engine, named once. Timeouts can be overridden per connection
 * (see `Pop3Timeouts`), limits per session (see `Pop3Limits`); these are the defaults.
 */

/** Time allowed for the TCP connection to be established. */
export const CONNECT_TIMEOUT_MS = 30_000;

/** Time allowed for the TLS handshake (implicit TLS or after STLS). */
export const TLS_HANDSHAKE_TIMEOUT_MS = 30_000;

/** Time allowed between connecting and the server's greeting line. */
export const GREETING_TIMEOUT_MS = 30_000;

/** Time allowed between sending a command and the first line of its answer. */
export const COMMAND_TIMEOUT_MS = 60_000;

/** Longest silence tolerated inside a multi-line answer (a listing or a message being downloaded). */
export const DATA_IDLE_TIMEOUT_MS = 60_000;

/**
 * The progress watchdog: while Mailbag waits for the server, at least `PROGRESS_MIN_BYTES` must arrive
 * in every `PROGRESS_WINDOW_MS`. The idle timeout alone restarts on every byte, so a server that
 * trickles one byte a second would otherwise hold Send/Receive forever.
 */
export const PROGRESS_WINDOW_MS = 60_000;

/** Bytes the server must send per progress window while an answer is awaited (see `PROGRESS_WINDOW_MS`). */
export const PROGRESS_MIN_BYTES = 1024;

/** Time allowed for the answer to QUIT before the socket is simply closed. */
export const QUIT_TIMEOUT_MS = 10_000;

/**
 * After `+OK` to QUIT the server closes the connection (RFC 1939 §6). Mailbag waits this long for it:
 * anything the server sends meanwhile means that `+OK` may have answered an earlier command, so the
 * deletions are not taken as done. A server that keeps the connection open costs only this wait.
 */
export const QUIT_CLOSE_WAIT_MS = 2_000;

/**
 * Interval of NOOP keep-alives while the caller holds an idle authenticated session. RFC 1939 §3 lets a
 * server log out an idle client after ten minutes at the earliest, so two minutes is comfortably inside.
 */
export const KEEPALIVE_INTERVAL_MS = 120_000;

/**
 * Longest status or listing line accepted, CRLF included. RFC 2449 §4 caps responses at 512 octets;
 * we allow far more for servers that do not follow it, but never unbounded.
 */
export const MAX_LINE_BYTES = 64 * 1024;

/** Most lines accepted in one multi-line listing (LIST, UIDL, CAPA). */
export const MAX_LISTING_LINES = 1_000_000;

/** Most bytes accepted in one multi-line listing (LIST, UIDL, CAPA). */
export const MAX_LISTING_BYTES = 64 * 1024 * 1024;

/** Most capability lines accepted from CAPA (RFC 2449 §5). */
export const MAX_CAPABILITY_LINES = 512;

/**
 * Received bytes buffered before the socket is paused. Bounds memory while a slow sink applies
 * backpressure or while a pipelined answer waits for its consumer.
 */
export const RECEIVE_HIGH_WATER_BYTES = 1024 * 1024;

/**
 * Most command bytes outstanding (sent, answer not yet fully read) while pipelining (RFC 2449 §6.6).
 * Kept well below any socket send buffer, so the server can always read our next commands while we
 * are not reading its answers, and neither side can deadlock.
 */
export const PIPELINE_MAX_OUTSTANDING_BYTES = 4 * 1024;

/**
 * Most retrieved messages whose sinks are still finishing (flushing, fsyncing) while the next ones
 * are received. Lets disk flushes overlap with the network without unbounded open files.
 */
export const MAX_UNFINISHED_SINKS = 32;

/** Most commands outstanding at once while pipelining, whatever their size. */
export const PIPELINE_MAX_OUTSTANDING_COMMANDS = 128;

/**
 * Longest AUTH command line that may carry an initial response; longer ones send it after the empty
 * challenge instead (RFC 5034 §4).
 */
export const MAX_AUTH_COMMAND_BYTES = 255;

/** Longest unique-id listing value allowed by RFC 1939 §7 (UIDL). */
export const MAX_UNIQUE_ID_LENGTH = 70;
