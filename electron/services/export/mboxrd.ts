/**
 * The mboxrd flavour of mbox, as `mailbag export --format mbox` writes it: each message starts with a
 * `From SENDER DATE` separator line and ends with an empty line; every body line that matches
 * `^>*From ` gets one more `>` (so a reader removes exactly one and gets the line back, unlike mboxo);
 * lines end in LF, as mbox files on Unix conventionally do (the stored CRLF becomes LF, and a reader
 * turns LF back into CRLF). For byte-exact copies use the `.eml` export instead.
 */

const LF = 0x0a;
const CR = 0x0d;
const GT = 0x3e;
const FROM_SPACE = Buffer.from('From ', 'latin1');
const QUOTE = Buffer.from('>', 'latin1');
const NEWLINE = Buffer.from('\n', 'latin1');
/** The sender of the separator line when a message has no usable From address. */
export const UNKNOWN_SENDER = 'MAILER-DAEMON';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

function two(value: number): string {
  return String(value).padStart(2, '0');
}

/** A time in the C `asctime` form mbox separator lines use (UTC), e.g. `Tue Nov  3 10:00:00 2026`. */
export function asctime(time: number): string {
  const date = new Date(time);
  return `${DAYS[date.getUTCDay()] ?? ''} ${MONTHS[date.getUTCMonth()] ?? ''} ${String(date.getUTCDate()).padStart(2, ' ')} ${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())} ${date.getUTCFullYear()}`;
}

/** The `From ` line that starts a message: the sender's address (no spaces) and when it arrived. */
export function separatorLine(sender: string | null, time: number): Buffer {
  const address = sender !== null && /^[^\s]+$/.test(sender) ? sender : UNKNOWN_SENDER;
  return Buffer.from(`From ${address} ${asctime(time)}\n`, 'latin1');
}

/** Whether a line (without its line end) matches `^>*From `, which mboxrd quotes. */
export function needsQuoting(line: Uint8Array): boolean {
  let index = 0;
  while (index < line.length && line[index] === GT) index += 1;
  if (line.length - index < FROM_SPACE.length) return false;
  for (let offset = 0; offset < FROM_SPACE.length; offset += 1) if (line[index + offset] !== FROM_SPACE[offset]) return false;
  return true;
}

function encodeLine(line: Buffer, out: Buffer[]): void {
  const content = line.length > 0 && line[line.length - 1] === CR ? line.subarray(0, line.length - 1) : line;
  if (needsQuoting(content)) out.push(QUOTE);
  out.push(content, NEWLINE);
}

/**
 * One message's body in mboxrd form, streaming: CRLF line ends become LF, `>*From ` lines are quoted,
 * a last line without a line end gets one, and the empty line that ends a message follows.
 */
export async function* mboxrdMessage(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<Buffer> {
  let pending: Buffer = Buffer.alloc(0);
  for await (const chunk of chunks) {
    const data = pending.length === 0 ? Buffer.from(chunk) : Buffer.concat([pending, chunk]);
    const out: Buffer[] = [];
    let start = 0;
    for (let end = data.indexOf(LF, start); end !== -1; end = data.indexOf(LF, start)) {
      encodeLine(data.subarray(start, end), out);
      start = end + 1;
    }
    pending = Buffer.from(data.subarray(start));
    if (out.length > 0) yield Buffer.concat(out);
  }
  const tail: Buffer[] = [];
  if (pending.length > 0) encodeLine(pending, tail);
  tail.push(NEWLINE);
  yield Buffer.concat(tail);
}
