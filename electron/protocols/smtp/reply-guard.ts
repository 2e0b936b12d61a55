/**
 * SMTP is a strict dialogue: after the greeting the server speaks only to answer a command (RFC 5321
 * §4.3; with PIPELINING still one reply per command, RFC 2920 §3). A reply that arrives before its
 * command was sent (sent with the greeting, before EHLO, or injected before STARTTLS) shifts every
 * later reply onto the wrong command: a forged EHLO answer, a STARTTLS "refusal", or a TLS handshake
 * against a server still speaking plaintext that OpenSSL reports as "wrong version number". While a
 * session is being set up, this guard counts complete replies received against the greeting plus the
 * commands sent, and stops the session at the first reply too many, before it is acted on.
 */
import type SMTPConnection from 'nodemailer/lib/smtp-connection';
import { wordedSmtpError, type SmtpError } from './errors';

/** The nodemailer internals the guard wraps; checked at run time, so a change fails loudly. */
interface GuardedInternals {
  _onData: (chunk: Buffer) => void;
  _sendCommand: (command: string, logCommand?: string) => void;
}

/** A final reply line (RFC 5321 §4.2): three digits, then a space or the end of the line. */
const FINAL_REPLY_LINE = /^\d{3}(?: |$)/;

/** The error for a reply nobody asked for, in plain words. */
export function unsolicitedReplyError(line: string): SmtpError {
  return wordedSmtpError('PROTOCOL_ERROR', { id: 'protocolError.replyBeforeAsked' }, { response: line, command: 'CONN' });
}

/** A running guard; `stop()` once the session is set up (a message's DATA is not counted as commands). */
export interface ReplyGuard {
  stop(): void;
}

/**
 * Starts counting on `connection` (before `connect()`); `onUnsolicited` gets the error the first time a
 * reply arrives that no command asked for. The chunk carrying it is not handed to nodemailer.
 */
export function guardReplies(connection: SMTPConnection, onUnsolicited: (error: SmtpError) => void): ReplyGuard {
  const internals = connection as unknown as Partial<GuardedInternals>;
  const originalData = internals._onData;
  const originalSend = internals._sendCommand;
  if (typeof originalData !== 'function' || typeof originalSend !== 'function') {
    throw wordedSmtpError('INTERNAL', { id: 'protocolError.libraryChanged' });
  }
  let active = true;
  let tripped = false;
  let owed = 1; // the greeting
  let remainder = '';
  internals._sendCommand = function guardedSend(this: SMTPConnection, command: string, logCommand?: string): void {
    if (active) owed += 1;
    originalSend.call(this, command, logCommand);
  };
  internals._onData = function guardedData(this: SMTPConnection, chunk: Buffer): void {
    if (tripped) return;
    if (active) {
      const lines = (remainder + chunk.toString('latin1')).split(/\r?\n/);
      remainder = lines.pop() ?? '';
      for (const line of lines) {
        if (!FINAL_REPLY_LINE.test(line)) continue;
        owed -= 1;
        if (owed < 0) {
          tripped = true;
          onUnsolicited(unsolicitedReplyError(line));
          return;
        }
      }
    }
    originalData.call(this, chunk);
  };
  return {
    stop: () => {
      active = false;
      remainder = '';
    },
  };
}
