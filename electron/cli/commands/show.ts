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
import { UsageError, type Command } from '../command';
import { EXIT } from '../exit-codes';
import { formatByteSize } from '../../../shared/byte-size';
import { addressText, flagLetters, formatDate, subjectText } from '../mail-selection';
import { LOCAL_FOLDERS_NAME } from '../folder-paths';
import { visibleBidiControls } from '../../../shared/bidi';
import { writeResult, type CliStreams } from '../output';

/** Largest message id accepted on the command line. */
const MAX_MESSAGE_ID = Number.MAX_SAFE_INTEGER;

const USAGE = `mailbag show MESSAGE-ID [--raw [--force]]
MESSAGE-ID is the id \`mailbag list\` and \`mailbag search\` print.
--raw writes the message's bytes exactly as received (for saving or piping to another program).
--force lets --raw write to a terminal, where the message's control characters take effect.`;

/** A writer that takes bytes (process.stdout does; tests pass their own). */
interface ByteSink {
  write(chunk: Uint8Array): unknown;
  once?(event: 'drain', listener: () => void): unknown;
  on?(event: 'error', listener: (error: Error) => void): unknown;
}

/** Parses MESSAGE-ID: a whole number, else a usage error. */
export function messageIdArgument(text: string | undefined): number {
  if (text === undefined) throw new UsageError('Name the message by the id `mailbag list` prints.');
  if (!/^\d{1,16}$/.test(text) || Number(text) < 1 || Number(text) > MAX_MESSAGE_ID) throw new UsageError(`“${text}” is not a message id (a whole number).`);
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

function headerLines(message: MessageDetails, folder: string, account: string): string[] {
  const lines: Array<[string, string]> = [
    ['From', message.from === null ? '' : address(message.from)],
    ['To', message.to.map(address).join(', ')],
    ['Cc', message.cc.map(address).join(', ')],
    ['Date', formatDate(message.date)],
    ['Subject', subjectText(message)],
    ['Message-ID', message.messageId ?? ''],
    ['Folder', `${folder} (${account})`],
    ['Size', formatByteSize(message.size)],
    ['Flags', flagLetters(message)],
  ];
  return lines.filter(([, value]) => value !== '').map(([name, value]) => `${`${name}:`.padEnd(12)}${value}`);
}

/** `mailbag show`. */
export const showCommand: Command = {
  name: 'show',
  summary: 'Show one message (headers, text, attachments), or its raw bytes with --raw',
  usage: USAGE,
  async run(args, context) {
    const { values, positionals } = parseArgs({
      args: [...args],
      options: { raw: { type: 'boolean' }, force: { type: 'boolean' } },
      strict: true,
      allowPositionals: true,
    });
    if (positionals.length > 1) throw new UsageError(`Unexpected argument: ${positionals[1] ?? ''}`);
    const id = messageIdArgument(positionals[0]);
    if (values.force === true && values.raw !== true) throw new UsageError('--force only goes with --raw.');
    if (values.raw === true && values.force !== true && context.streams.stdout.isTTY === true) {
      // Like `git show` of a binary: raw bytes could drive the terminal (escape sequences in the mail).
      throw new UsageError(
        `--raw writes the message's bytes unchanged, and its control characters would act on this terminal. Redirect it (\`mailbag show ${id} --raw > message.eml\`), pipe it to another program, or add --force.`,
      );
    }
    const core = await context.openCore();
    try {
      const message = core.store.getMessage(id);
      if (values.raw === true) {
        await writeBytes(context.streams, core.store.openRawMessage(id));
        return EXIT.SUCCESS;
      }
      const parsed = await parseRawMessage(core.store.openRawMessage(id));
      const folder =
        core.store.listFolders(message.accountId ?? '').find((candidate) => candidate.id === message.folderId)?.name ?? `folder ${message.folderId}`;
      const account = core.accounts.list().find((candidate) => candidate.id === message.accountId)?.name ?? message.accountId ?? LOCAL_FOLDERS_NAME;
      const notes: string[] = [];
      if (message.partial) notes.push('Only the headers of this message are stored here; the rest is still on the server.');
      if (parsed.problems.includes('text-truncated'))
        notes.push(`The text is longer than ${MAX_INDEXED_TEXT_CHARS} characters and is cut here; \`mailbag show ${id} --raw\` has all of it.`);
      const unreadable = parsed.problems.filter((problem) => problem !== 'text-truncated');
      if (unreadable.length > 0)
        notes.push(`Mailbag could read this message only in part (${unreadable.join(', ')}); \`mailbag show ${id} --raw\` has its bytes.`);
      writeResult(context.streams, context.json, { ...message, text: parsed.text, attachments: parsed.attachments, problems: parsed.problems }, () =>
        [
          ...headerLines(message, folder, account),
          ...notes.map((note) => `Note:       ${note}`),
          '',
          parsed.text.trimEnd(),
          ...(parsed.attachments.length === 0
            ? []
            : [
                '',
                `Attachments (${parsed.attachments.length}):`,
                ...parsed.attachments.map(
                  (attachment, index) =>
                    `  ${index + 1}. ${attachment.fileName === null ? '(no name)' : visibleBidiControls(attachment.fileName)}  ${attachment.contentType}  ${formatByteSize(attachment.size)}${attachment.inline ? '  inline' : ''}`,
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
