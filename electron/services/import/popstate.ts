/**
 * Thunderbird's `popstate.dat` (one per POP3 account, in its mail directory), as its POP3 client
 * writes it: `#` comment lines, then `*host user` starting a server's block, then one line per message
 * it knows, `status uidl receivedAt` (receivedAt in seconds; very old versions wrote none). Status is
 * `k` downloaded and kept on the server, `d` downloaded and to be deleted from the server at the next
 * check, `b` too big (only its headers were downloaded), `f` the rest asked for but not fetched yet.
 */

/** What Thunderbird knew about one server message. */
export type PopStateStatus = 'k' | 'd' | 'b' | 'f';

/** One message line. */
export interface PopStateEntry {
  readonly status: PopStateStatus;
  readonly uidl: string;
  /** Seconds since 1970, when written. */
  readonly receivedAt?: number;
}

/** One server's block. */
export interface PopStateBlock {
  readonly host: string;
  readonly user: string;
  readonly entries: readonly PopStateEntry[];
}

const STATUSES: readonly string[] = ['k', 'd', 'b', 'f'];

/** The blocks of a popstate.dat's text (unknown statuses and malformed lines are passed over). */
export function parsePopState(text: string): PopStateBlock[] {
  const blocks: Array<{ host: string; user: string; entries: PopStateEntry[] }> = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    if (line.startsWith('*')) {
      const [host = '', ...user] = line.slice(1).split(' ');
      blocks.push({ host, user: user.join(' '), entries: [] });
      continue;
    }
    const [status, uidl, time, ...rest] = line.split(/\s+/);
    const block = blocks.at(-1);
    if (block === undefined || status === undefined || uidl === undefined || rest.length > 0 || !STATUSES.includes(status)) continue;
    const receivedAt = time === undefined ? undefined : Number(time);
    block.entries.push({
      status: status as PopStateStatus,
      uidl,
      ...(receivedAt === undefined || !Number.isSafeInteger(receivedAt) ? {} : { receivedAt }),
    });
  }
  return blocks;
}

/**
 * The UIDLs whose messages Thunderbird downloaded in full (`k` and `d`) from this server and user
 * (host compared without case). `b` and `f` messages were only partly downloaded, so they are left
 * for Mailbag to download in full.
 */
export function downloadedUidls(blocks: readonly PopStateBlock[], host: string, user: string): string[] {
  return blocks
    .filter((block) => block.host.toLowerCase() === host.toLowerCase() && block.user === user)
    .flatMap((block) => block.entries.filter((entry) => entry.status === 'k' || entry.status === 'd').map((entry) => entry.uidl));
}
