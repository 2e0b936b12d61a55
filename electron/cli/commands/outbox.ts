/**
 * `mailbag outbox`: the queue with each message's state and reason; `outbox remove ID` and
 * `outbox send-again ID` for the user's decisions. Also the one place the command line gets its
 * Outbox from (the core's).
 */
import { parseArgs } from 'node:util';
import type { Core } from '../../main/core';
import type { Outbox, OutboxEntry } from '../../services/outbox';
import type { OutboxRecipient } from '../../storage/outbox';
import { translatorOf, UsageError, type Command, type CommandContext } from '../command';
import type { Translate, Translator } from '../../../shared/i18n/catalogs';
import { everyRecipientRefused, outboxReasonText, recipientReasonText, type OutboxReasonWords } from '../../../shared/outbox-reason';
import { formatDate } from '../mail-selection';
import { EXIT, type ExitCode } from '../exit-codes';
import { writeResult } from '../output';
import { table } from '../table';

const USAGE = `mailbag outbox [list] [--account ACCOUNT]
       mailbag outbox remove ID
       mailbag outbox send-again ID`;

/** The core's Outbox. */
export function outboxOf(core: Core): Outbox {
  return core.outbox;
}

/** When a message will next be tried, or what it waits for, in a few words of the user's language. */
export function describeState(entry: OutboxEntry, translator: Translator): string {
  const { t } = translator;
  switch (entry.state) {
    case 'queued':
      return t('cli.outbox.queued');
    case 'sending':
      return t('cli.outbox.sending');
    case 'retrying':
      return t('cli.outbox.retrying', { time: formatDate(entry.nextAttemptAt ?? 0, translator) });
    case 'failed':
      return t('cli.outbox.failed');
    case 'sent':
      return t(entry.recipients.some((recipient) => recipient.status === 'refused') ? 'cli.outbox.sentSomeRefused' : 'cli.outbox.sent');
    case 'ambiguous':
      return t('cli.outbox.ambiguous');
  }
}

/**
 * Why a message waits or failed, in the user's language: a message every recipient refused lists each
 * with the server's words (the window shows them on the recipients' own lines).
 */
export function outboxReasonWords(entry: Pick<OutboxEntry, 'state' | 'reason' | 'reasonCode' | 'reasonWords' | 'recipients'>, t: Translate): string {
  if (everyRecipientRefused(entry) === null) return outboxReasonText(t, entry) ?? '';
  return entry.recipients
    .map((recipient) => t('cli.send.refused', { address: recipient.address, reason: recipientReasonText(t, recipient) ?? t('cli.send.refusedByServer') }))
    .join('; ');
}

/**
 * An Outbox message or send result as `--json` shows it: the reasons in English only, as always (their
 * data is for wording them in the user's language, and does not change what scripts read).
 */
export function outboxJson<T extends { readonly reasonWords: OutboxReasonWords | null; readonly recipients: readonly OutboxRecipient[] }>(
  entry: T,
): Omit<T, 'reasonWords'> {
  const { reasonWords: _words, ...rest } = entry;
  return { ...rest, recipients: entry.recipients.map(({ reasonWords: _recipientWords, ...recipient }) => recipient) };
}

function messageId(positionals: readonly string[]): number {
  const [text, extra] = positionals;
  if (text === undefined) throw new UsageError('cli.outbox.nameMessage');
  if (extra !== undefined) throw new UsageError('cli.usage.unexpected', { argument: extra });
  const id = Number(text);
  if (!Number.isSafeInteger(id) || id <= 0) throw new UsageError('cli.usage.notMessageId', { text: text });
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
    const translator = translatorOf(context);
    const { t } = translator;
    writeResult(
      context.streams,
      context.json,
      entries.map((entry) => ({ ...outboxJson(entry), subject: subjects.get(entry.id) ?? null })),
      () =>
        entries.length === 0
          ? t('cli.outbox.empty')
          : table([
              [
                t('cli.column.id'),
                t('cli.folder.columnAccount'),
                t('cli.outbox.columnState'),
                t('cli.outbox.columnAttempts'),
                t('cli.outbox.columnTo'),
                t('cli.column.subject'),
                t('cli.outbox.columnReason'),
              ],
              ...entries.map((entry) => [
                String(entry.id),
                names.get(entry.accountId) ?? entry.accountId,
                describeState(entry, translator),
                translator.intl.formatNumber(entry.attempts),
                entry.recipients.map((recipient) => recipient.address).join(', '),
                subjects.get(entry.id) ?? '',
                outboxReasonWords(entry, t),
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
    writeResult(context.streams, context.json, { removed: id }, () => translatorOf(context).t('cli.outbox.removed', { id }));
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
    writeResult(context.streams, context.json, entry, () => translatorOf(context).t('cli.outbox.queuedAgain', { id }));
    return EXIT.SUCCESS;
  } finally {
    await core.close();
  }
}

/** `mailbag outbox`. */
export const outboxCommand: Command = {
  name: 'outbox',
  summary: 'cli.outbox.summary',
  usage: USAGE,
  help: 'cli.outbox.help',
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
