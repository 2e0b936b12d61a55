/**
 * `mailbag show MESSAGE-ID [--raw]`: one message in plain words — headers, the text body (for an
 * HTML-only message, the text rendering mailparser makes from it; nothing in the HTML is executed or
 * fetched) and the list of attachments, with control characters shown visibly. `--raw` writes the
 * stored bytes exactly as received, but not to a terminal unless `--force` says so.
 */
import { once } from 'node:events';
import type { Readable } from 'node:stream';
import { parseArgs } from 'node:util';
import type { MailAddress } from '../../storage/message-index';
import type { MessageDetails } from '../../storage/message-queries';
import { MAX_INDEXED_TEXT_CHARS, parseRawMessage } from '../../jobs/parse/parse-message';
import { translatorOf, UsageError, type Command } from '../command';
import type { Translator } from '../../../shared/i18n/catalogs';
import { EXIT } from '../exit-codes';
import { formatByteSize } from '../../../shared/byte-size';
import { formattingLocale } from '../../../shared/i18n/catalogs';
import { addressText, flagLetters, formatDate, subjectText } from '../mail-selection';
import type { ParseProblem } from '../../storage/message-index';
import { visibleBidiControls } from '../../../shared/bidi';
import { writeResult, type CliStreams } from '../output';
import { folderTreeOf } from '../../main/folder-handlers';
import { placedFolders, shownPath, shownTree } from '../folder-paths';

/** Largest message id accepted on the command line. */
const MAX_MESSAGE_ID = Number.MAX_SAFE_INTEGER;

/** Each parse problem as the `problem` argument of cli.show.problem (ICU select keys hold no dash). */
const PROBLEM_KEYS: Readonly<Record<ParseProblem, string>> = {
  'header-too-large': 'headerTooLarge',
  'too-many-parts': 'tooManyParts',
  'too-deep': 'tooDeep',
  unparseable: 'unparseable',
  'text-truncated': 'textTruncated',
};

const USAGE = 'mailbag show MESSAGE-ID [--raw [--force]]';

/** A writer that takes bytes (process.stdout does; tests pass their own). */
interface ByteSink {
  write(chunk: Uint8Array): unknown;
  once?(event: 'drain', listener: () => void): unknown;
  on?(event: 'error', listener: (error: Error) => void): unknown;
}

/** Parses MESSAGE-ID: a whole number, else a usage error. */
export function messageIdArgument(text: string | undefined): number {
  if (text === undefined) throw new UsageError('cli.show.nameMessage');
  if (!/^\d{1,16}$/.test(text) || Number(text) < 1 || Number(text) > MAX_MESSAGE_ID) throw new UsageError('cli.show.notId', { text });
  return Number(text);
}

function isBrokenPipe(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === 'EPIPE';
}

/**
 * Streams bytes to stdout unchanged, waiting whenever the stream asks to (a slow pipe never makes the
 * whole message pile up in memory). A reader that goes away (`mailbag show 1 --raw | head`) ends the
 * copy quietly, as it does for `cat`. CliStreams types stdout for text; the real one takes bytes too.
 */
export async function writeBytes(streams: CliStreams, source: Readable): Promise<void> {
  const sink = streams.stdout as unknown as ByteSink;
  let failure: Error | undefined;
  // Without a listener, a write error on process.stdout would end the process; later ones are moot.
  sink.on?.('error', (error) => {
    failure ??= error;
  });
  try {
    for await (const chunk of source) {
      if (failure !== undefined) break;
      if (sink.write(chunk as Buffer) === false && sink.once !== undefined) await once(sink as unknown as NodeJS.EventEmitter, 'drain');
    }
  } catch (error) {
    failure ??= error as Error;
  } finally {
    source.destroy();
  }
  if (failure !== undefined && !isBrokenPipe(failure)) throw failure;
}

function address(entry: MailAddress): string {
  return addressText(entry);
}

/** Lines of `Name:  value` with the values in one column, whatever the names' length in the language. */
function labelled(lines: ReadonlyArray<readonly [string, string]>): string[] {
  const shown = lines.filter(([, value]) => value !== '');
  const width = Math.max(0, ...shown.map(([name]) => name.length)) + 1;
  return shown.map(([name, value]) => `${name.padEnd(width)}${value}`);
}

function headerLines(message: MessageDetails, folder: string, account: string, translator: Translator): Array<readonly [string, string]> {
  const { t } = translator;
  return [
    [t('cli.show.from'), message.from === null ? '' : address(message.from)],
    [t('cli.show.to'), message.to.map(address).join(', ')],
    [t('cli.show.cc'), message.cc.map(address).join(', ')],
    [t('cli.show.date'), formatDate(message.date, translator)],
    [t('cli.show.subject'), subjectText(message, t)],
    [t('cli.show.messageId'), message.messageId ?? ''],
    [t('cli.show.folder'), t('cli.show.folderOf', { folder, account })],
    [t('cli.show.size'), formatByteSize(message.size, formattingLocale(translator.locale))],
    [t('cli.show.flags'), flagLetters(message)],
  ];
}

/** `mailbag show`. */
export const showCommand: Command = {
  name: 'show',
  summary: 'cli.show.summary',
  usage: USAGE,
  help: 'cli.show.help',
  async run(args, context) {
    const { values, positionals } = parseArgs({
      args: [...args],
      options: { raw: { type: 'boolean' }, force: { type: 'boolean' } },
      strict: true,
      allowPositionals: true,
    });
    if (positionals.length > 1) throw new UsageError('cli.usage.unexpected', { argument: positionals[1] ?? '' });
    const id = messageIdArgument(positionals[0]);
    if (values.force === true && values.raw !== true) throw new UsageError('cli.show.forceRaw');
    if (values.raw === true && values.force !== true && context.streams.stdout.isTTY === true) {
      // Like `git show` of a binary: raw bytes could drive the terminal (escape sequences in the mail).
      throw new UsageError('cli.show.rawTerminal', { id: String(id) });
    }
    const core = await context.openCore();
    try {
      const message = core.store.getMessage(id);
      if (values.raw === true) {
        await writeBytes(context.streams, core.store.openRawMessage(id));
        return EXIT.SUCCESS;
      }
      const parsed = await parseRawMessage(core.store.openRawMessage(id));
      const translator = translatorOf(context);
      const { t } = translator;
      // Folders are found in the whole tree, so mail filed in Local Folders shows its path there too
      // (read from the store: the accounts' names are all it needs of them).
      const tree = folderTreeOf(core.store, core.accounts.references());
      const placed = placedFolders(tree).find((entry) => entry.folder.id === message.folderId);
      const folder = placed === undefined ? t('cli.show.folderNumber', { id: message.folderId }) : shownPath(placed, t);
      const account =
        placed === undefined
          ? (core.accounts.references().find((candidate) => candidate.id === message.accountId)?.name ?? message.accountId ?? t('folder.localFolders'))
          : shownTree(placed, t);
      const notes: string[] = [];
      if (message.partial) notes.push(t('cli.show.partial'));
      if (parsed.problems.includes('text-truncated')) notes.push(t('cli.show.truncated', { limit: MAX_INDEXED_TEXT_CHARS, id: String(id) }));
      const unreadable = parsed.problems.filter((problem) => problem !== 'text-truncated');
      if (unreadable.length > 0)
        notes.push(
          t('cli.show.unreadable', {
            problems: unreadable.map((problem) => t('cli.show.problem', { problem: PROBLEM_KEYS[problem] })).join(t('rules.listSeparator')),
            id: String(id),
          }),
        );
      writeResult(context.streams, context.json, { ...message, text: parsed.text, attachments: parsed.attachments, problems: parsed.problems }, () =>
        [
          ...labelled([...headerLines(message, folder, account, translator), ...notes.map((note) => [t('cli.show.note'), note] as const)]),
          '',
          parsed.text.trimEnd(),
          ...(parsed.attachments.length === 0
            ? []
            : [
                '',
                t('cli.show.attachments', { count: parsed.attachments.length }),
                ...parsed.attachments.map(
                  (attachment, index) =>
                    `  ${index + 1}. ${attachment.fileName === null ? t('cli.show.noName') : visibleBidiControls(attachment.fileName)}  ${attachment.contentType}  ${formatByteSize(attachment.size, formattingLocale(translator.locale))}${attachment.inline ? `  ${t('cli.show.inline')}` : ''}`,
                ),
              ]),
        ].join('\n'),
      );
      return EXIT.SUCCESS;
    } finally {
      await core.close();
    }
  },
};
