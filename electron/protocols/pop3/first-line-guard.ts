/**
 * The check on the first line of a message body (RETR, TOP), kept apart from the transport's byte
 * level: a status line there is a second answer, never mail.
 */

/** A status line (RFC 1939 §3) as the first line of a body means the server answered twice. */
const STATUS_LINE_START = /^(?:\+OK|-ERR)(?:[ \t\r\n]|$)/;
const PLUS = 0x2b;
const MINUS = 0x2d;
/** Bytes of a body's first line looked at: enough for `-ERR` and what follows it. */
const STATUS_LINE_PROBE_BYTES = 5;

/**
 * Watches the first bytes of a message body. A message (RFC 5322) never starts with `+OK` or `-ERR`
 * followed by a space or a line end, so such a line is an extra answer of a desynchronised or hostile
 * server (more lines than the command allows), never mail.
 */
export class FirstLineGuard {
  private head = Buffer.alloc(0);
  private decided = false;

  /** Feeds body bytes in order; true once the first line is known to be a status line. */
  looksLikeStatus(chunk: Buffer): boolean {
    if (this.decided) return false;
    // Nearly every body: its first byte already rules out `+OK` and `-ERR`.
    if (this.head.length === 0 && chunk.length > 0 && chunk[0] !== PLUS && chunk[0] !== MINUS) {
      this.decided = true;
      return false;
    }
    this.head = Buffer.concat([this.head, chunk.subarray(0, STATUS_LINE_PROBE_BYTES)]).subarray(0, STATUS_LINE_PROBE_BYTES);
    const text = this.head.toString('latin1');
    const complete = this.head.length >= STATUS_LINE_PROBE_BYTES || text.includes('\n');
    if (STATUS_LINE_START.test(text)) return true;
    if (!complete && ('+OK'.startsWith(text) || '-ERR'.startsWith(text) || /^(?:\+OK|-ERR)$/.test(text))) return false;
    this.decided = true;
    return false;
  }

  /** The bytes looked at, for the error. */
  text(): string {
    return this.head.toString('latin1');
  }
}
