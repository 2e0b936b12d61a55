/**
 * Mailbag's POP3 engine: the single public entry. Imports only Node built-ins and `shared/`.
 *
 * Typical use:
 * ```ts
 * const session = await connectPop3({ host, port: 995, security: 'tls', signal, transcript });
 * await session.authenticate({ username, password });          // -> { mechanism }
 * const { entries, duplicates } = await session.uidl();
 * const outcomes = await session.retrieveMany(items, (item) => openFileSink(item), onProgress);
 * await session.deleteMany(numbersAlreadyStoredDurably);
 * await session.quit();                                         // commits DELE (RFC 1939 §6)
 * ```
 *
 * - `connectPop3(options)`: TCP / implicit TLS / STLS, greeting, CAPA. See `Pop3ConnectOptions`.
 * - `Pop3Session`: `capabilities`, `greeting`, `state`, `encrypted`, `pipelining`; `authenticate`,
 *   `utf8`, `stat`, `list`, `listOne`, `uidl`, `uidlOne`, `top`, `retr`, `dele`, `rset`, `noop`,
 *   `quit`, `close`; batches `retrieveMany`, `deleteMany`, `uidlMany`, `listMany`, pipelined when the server
 *   announces PIPELINING unless `forceLockStep` is set.
 * - Errors are `Pop3Error` (a `MailbagError` from `shared/errors.ts`) with `code`, `response`,
 *   `command` (verb only), `responseCode` and `retryable`.
 * - Timeouts and limits default to the named constants in `constants.ts` and can be overridden per
 *   connection (`timeouts`, `limits`), which tests use to stay fast.
 */
export { connectPop3 } from './connect';
export { connectAndSignIn } from './sign-in';
export { Pop3Session } from './session';
export type { Pop3ConnectOptions, Pop3Timeouts } from './options';
export type { Pop3AuthMechanism, Pop3Credentials } from './auth/mechanisms';
export { chooseMechanisms } from './auth/mechanisms';
export { mechanismLabel, MAX_SIGN_IN_REFUSALS } from './auth/authenticate';
export type { Pop3Capabilities } from './capabilities';
export { NO_CAPABILITIES, parseCapabilities, stlsWorthTrying } from './capabilities';
export type { Pop3InvalidLine } from './commands/maildrop';
export { Pop3Error } from './errors';
export { HeaderSink, readHeaderSections } from './header-sink';
export { REDACTED, type TranscriptEntry, type TranscriptSink } from '../transcript';
export * as pop3Constants from './constants';
