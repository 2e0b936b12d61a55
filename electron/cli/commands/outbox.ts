/**
 * `mailbag outbox`: the queue with each message's state and reason; `outbox remove ID` and
 * `outbox send-again ID` for the user's decisions. Also the one place the command line gets its
 * Outbox from (the core's).
 */
import { parseArgs } from 'node:util';
import type { Core } from '../../main/core';
import type { Outbox, OutboxEntry } from '../../services/outbox';
import { UsageError, type Command, type CommandContext } from '../command';
import { EXIT, type ExitCode } from '../exit-codes';
import { writeResult } from '../output';
import { table } from '../table';

const USAGE = `mailbag outbox [list] [--account ACCOUNT]
       mailbag outbox remove ID
       mailbag outbox send-again ID     send a failed or "may have been sent" message again
ID is the number in the first column of the list.`;

/** The core's Outbox. */
export function outboxOf(core: Core): Outbox {
  return core.outbox;
}

/** When a message will next be tried, or what it waits for, in a few words. */
export function describeState(entry: OutboxEntry): string {
  switch (entry.state) {
    case 'queued':
      return 'queued';
    case 'sending':
      return 'sending';
    case 'retrying':
      return `retrying at ${new Date(entry.nextAttemptAt ?? 0).toISOString()}`;
    case 'failed':
      return 'failed';
    case 'sent':
      return entry.recipients.some((recipient) => recipient.status === 'refused') ? 'sent (some refused)' : 'sent';
    case 'ambiguous':
      return 'may have been sent';
  }
}

function messageId(positionals: readonly string[]): number {
  const [text, extra] = positionals;
  if (text === undefined) throw new UsageError('Name the message by the ID that `mailbag outbox` prints.');
  if (extra !== undefined) throw new UsageError(`Unexpected argument: ${extra}`);
  const id = Number(text);
  if (!Number.isSafeInteger(id) || id <= 0) throw new UsageError(`Not a message ID: ${text}`);
  return id;
}

async function list(args: readonly string[], context: CommandContext): Promise<ExitCode> {
  const { values } = parseArgs({ args: [...args], options: { account: { type: 'string' } }, strict: true, allowPositionals: false });
  const core = await context.openCore();
  try {
    const accountId = values.account === undefined ? undefined : core.accounts.find(values.account).id;
    const entries = outboxOf(core).list(accountId === undefined ? {} : { accountId });
    const names = new Map(core.accounts.list().map((account) => [account.id, account.name]));
    const subjects = new Map(await Promise.all(entries.map(async (entry) => [entry.id, await subjectOf(core, entry)] as const)));
    writeResult(
      context.streams,
      context.json,
      entries.map((entry) => ({ ...entry, subject: subjects.get(entry.id) ?? null })),
      () =>
        entries.length === 0
          ? 'The Outbox is empty.'
          : table([
              ['ID', 'ACCOUNT', 'STATE', 'ATTEMPTS', 'TO', 'SUBJECT', 'REASON'],
              ...entries.map((entry) => [
                String(entry.id),
                names.get(entry.accountId) ?? entry.accountId,
                describeState(entry),
                String(entry.attempts),
                entry.recipients.map((recipient) => recipient.address).join(', '),
                subjects.get(entry.id) ?? '',
                entry.reason ?? '',
              ]),
            ]),
    );
    return EXIT.SUCCESS;
  } finally {
    await core.close();
  }
}

/**
 * The subject of a queued message: from the index when it has been indexed, otherwise decoded from
 * the stored header (messages queued from the command line are indexed only later).
 */
async function subjectOf(core: Core, entry: OutboxEntry): Promise<string | null> {
  try {
    const indexed = core.store.getMessage(entry.storedMessageId).subject;
    if (indexed !== null && indexed !== '') return indexed;
    const raw = await core.store.readRawMessage(entry.storedMessageId);
    const end = raw.indexOf('\r\n\r\n');
    // Loaded here only: mailparser brings every character set table, a good part of any command's start.
    const { simpleParser } = await import('mailparser');
    const parsed = await simpleParser(end === -1 ? raw : raw.subarray(0, end + 4));
    return parsed.subject ?? null;
  } catch {
    return null;
  }
}

async function remove(args: readonly string[], context: CommandContext): Promise<ExitCode> {
  const { positionals } = parseArgs({ args: [...args], options: {}, strict: true, allowPositionals: true });
  const id = messageId(positionals);
  const core = await context.openCore();
  try {
    await outboxOf(core).remove(id);
    writeResult(context.streams, context.json, { removed: id }, () => `Removed message ${id} from the Outbox.`);
    return EXIT.SUCCESS;
  } finally {
    await core.close();
  }
}

async function sendAgain(args: readonly string[], context: CommandContext): Promise<ExitCode> {
  const { positionals } = parseArgs({ args: [...args], options: {}, strict: true, allowPositionals: true });
  const id = messageId(positionals);
  const core = await context.openCore();
  try {
    const entry = outboxOf(core).sendAgain(id);
    writeResult(context.streams, context.json, entry, () => `Message ${id} is queued again; it is sent with the next Send/Receive or \`mailbag receive\`.`);
    return EXIT.SUCCESS;
  } finally {
    await core.close();
  }
}

/** `mailbag outbox`. */
export const outboxCommand: Command = {
  name: 'outbox',
  summary: 'List the Outbox: each message with its state and reason',
  usage: USAGE,
  async run(args, context) {
    const [first, ...rest] = args;
    switch (first) {
      case 'remove':
        return remove(rest, context);
      case 'send-again':
        return sendAgain(rest, context);
      case 'list':
        return list(rest, context);
      default:
        return list(args, context);
    }
  },
};
