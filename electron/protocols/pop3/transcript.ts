/**
 * The session transcript: every line both ways, for the account doctor and the "Server mailbox" view.
 * Secrets never reach it: commands mark their sensitive arguments (ImapFlow style) and the transcript
 * shows a placeholder instead; message bodies appear as a byte count only.
 */

import { REDACTED } from '../transcript';

/** A command as words, with the words that must never be logged marked. */
export interface Pop3Command {
  /** The verb, upper-case, such as `RETR`; this alone is what errors report. */
  readonly verb: string;
  readonly args: readonly Pop3CommandArgument[];
}

/** One argument; `sensitive` ones are replaced by `REDACTED` in the transcript. */
export interface Pop3CommandArgument {
  readonly value: string;
  readonly sensitive?: boolean;
}

/** Builds a command; plain strings are non-sensitive arguments. */
export function command(verb: string, ...args: ReadonlyArray<string | Pop3CommandArgument>): Pop3Command {
  return { verb, args: args.map((arg) => (typeof arg === 'string' ? { value: arg } : arg)) };
}

/** Marks an argument as secret (PASS, AUTH payloads, APOP digest). */
export function secret(value: string): Pop3CommandArgument {
  return { value, sensitive: true };
}

/**
 * A bare SASL response line (RFC 5034 §4): no verb, one secret payload. The transcript never shows it.
 */
export function saslResponse(payload: string): Pop3Command {
  return { verb: '', args: [secret(payload)] };
}

/** The wire form of a command, CRLF excluded. */
export function commandLine(cmd: Pop3Command): string {
  const words = cmd.args.map((arg) => arg.value);
  return (cmd.verb === '' ? words : [cmd.verb, ...words]).join(' ');
}

/** The transcript form of a command. */
export function redactedCommandLine(cmd: Pop3Command): string {
  const words = cmd.args.map((arg) => (arg.sensitive === true ? REDACTED : arg.value));
  return (cmd.verb === '' ? words : [cmd.verb, ...words]).join(' ');
}
