/**
 * `mailbag send`: queue a message in the account's Outbox, then send it now. Attachments, bodies and
 * ready messages are read here from the files the user named; only their bytes reach the composer
 * (never a path). Exit codes: 0 sent, 3 some recipients refused (listed with the server's reason),
 * 1 failed or waiting for another try, 4 busy (another Mailbag is sending it right now).
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { detectMimeType } from 'nodemailer/lib/mime-funcs/mime-types';
import { isErrorCode } from '../../../shared/errors';
import type { Translator } from '../../../shared/i18n/catalogs';
import { ownOutboxReason, recipientReasonText, sayOutboxReason } from '../../../shared/outbox-reason';
import { flattenAddressList, parseAddressList, type AddressProblem, type MailAddress } from '../../../shared/mail/address';
import type { OutgoingAttachment } from '../../../shared/mail/outgoing';
import type { OutboxComposeInput, OutboxEntry, OutboxFlushResult } from '../../services/outbox';
import { CliError, translatorOf, UsageError, type Command, type CommandContext } from '../command';
import { formatDate } from '../mail-selection';
import { EXIT, type ExitCode } from '../exit-codes';
import { writeError, writeResult } from '../output';
import { describeState, outboxJson, outboxOf } from './outbox';

const USAGE = `mailbag send --account ACCOUNT --to ADDR[,ADDR] [--cc ADDR[,ADDR]] [--bcc ADDR[,ADDR]] --subject TEXT
               [--body-file FILE] [--html-file FILE] [--attach FILE]...
       mailbag send --account ACCOUNT --eml FILE`;

/** Each refused address's problem as the `problem` argument of cli.send.addressesRefused (ICU select keys hold no dash). */
const PROBLEM_KEYS: Readonly<Record<AddressProblem, string>> = {
  empty: 'empty',
  'control-character': 'controlCharacter',
  syntax: 'syntax',
  'too-long': 'tooLong',
  'encoded-word': 'encodedWord',
};

const OPTIONS = {
  account: { type: 'string' },
  to: { type: 'string', multiple: true },
  cc: { type: 'string', multiple: true },
  bcc: { type: 'string', multiple: true },
  subject: { type: 'string' },
  'body-file': { type: 'string' },
  'html-file': { type: 'string' },
  attach: { type: 'string', multiple: true },
  eml: { type: 'string' },
} as const;

/** Addresses from repeated options, each an address list (`A <a@x>, "B, b" <b@y>`). */
function addresses(option: string, values: readonly string[] | undefined): MailAddress[] {
  const result: MailAddress[] = [];
  for (const value of values ?? []) {
    const parsed = parseAddressList(value);
    if (!parsed.ok) throw new UsageError('cli.send.addressesRefused', { option, value: JSON.stringify(value), problem: PROBLEM_KEYS[parsed.problem] });
    for (const mailbox of flattenAddressList(parsed.value))
      result.push(mailbox.name === undefined ? { address: mailbox.address } : { name: mailbox.name, address: mailbox.address });
  }
  return result;
}

async function readUserFile(option: string, file: string): Promise<Buffer> {
  try {
    return await fs.readFile(file);
  } catch (error) {
    throw new CliError('VALIDATION', 'cli.send.unreadable', { option, file, code: (error as NodeJS.ErrnoException).code ?? 'error' });
  }
}

async function composeInput(values: ReturnType<typeof parse>['values']): Promise<OutboxComposeInput> {
  const to = addresses('to', values.to);
  const cc = addresses('cc', values.cc);
  const bcc = addresses('bcc', values.bcc);
  if (to.length + cc.length + bcc.length === 0) throw new UsageError('cli.send.noRecipient');
  if (values.subject === undefined) throw new UsageError('cli.send.subject');
  const text = values['body-file'] === undefined ? undefined : (await readUserFile('body-file', values['body-file'])).toString('utf8');
  const html = values['html-file'] === undefined ? undefined : (await readUserFile('html-file', values['html-file'])).toString('utf8');
  const attachments: OutgoingAttachment[] = [];
  for (const file of values.attach ?? []) {
    const content = await readUserFile('attach', file);
    const fileName = path.basename(file);
    attachments.push({ fileName, contentType: detectMimeType(fileName), content: new Uint8Array(content.buffer, content.byteOffset, content.byteLength) });
  }
  return {
    to,
    cc,
    bcc,
    subject: values.subject,
    ...(text === undefined && html === undefined ? { text: '' } : {}),
    ...(text === undefined ? {} : { text }),
    ...(html === undefined ? {} : { html }),
    attachments,
  };
}

function parse(args: readonly string[]) {
  return parseArgs({ args: [...args], options: OPTIONS, strict: true, allowPositionals: false });
}

/** The exit code for how the message's attempt ended. */
export function exitCodeForResult(result: OutboxFlushResult | undefined, entry: OutboxEntry): ExitCode {
  if (result === undefined) return entry.state === 'sending' ? EXIT.BUSY : EXIT.FAILURE;
  switch (result.result) {
    case 'sent':
      return EXIT.SUCCESS;
    case 'partial':
      return EXIT.PARTIAL;
    case 'retrying':
    case 'failed':
    case 'ambiguous':
      return EXIT.FAILURE;
  }
}

function report(result: OutboxFlushResult | undefined, entry: OutboxEntry, translator: Translator): string {
  const { t } = translator;
  const lines: string[] = [];
  const accepted = entry.recipients.filter((recipient) => recipient.status === 'accepted').map((recipient) => recipient.address);
  if (accepted.length > 0) lines.push(t('cli.send.sentTo', { addresses: accepted.join(', ') }));
  for (const recipient of entry.recipients) {
    if (recipient.status === 'refused')
      lines.push(t('cli.send.refused', { address: recipient.address, reason: recipientReasonText(t, recipient) ?? t('cli.send.refusedByServer') }));
    else if (recipient.status === 'pending' && result?.result === 'partial')
      lines.push(t('cli.send.notYet', { address: recipient.address, reason: recipientReasonText(t, recipient) ?? t('cli.send.waiting') }));
  }
  if (entry.state === 'retrying' && entry.nextAttemptAt !== null) lines.push(t('cli.send.retryAt', { time: formatDate(entry.nextAttemptAt, translator) }));
  if (result === undefined && entry.state === 'sending') lines.push(t('cli.send.sendingElsewhere', { id: entry.id }));
  return lines.length === 0 ? t('cli.send.inOutbox', { id: entry.id, state: describeState(entry, translator) }) : lines.join('\n');
}

async function run(args: readonly string[], context: CommandContext): Promise<ExitCode> {
  const { values } = parse(args);
  if (values.account === undefined) throw new UsageError('cli.send.account');
  const composeOptions = ['to', 'cc', 'bcc', 'subject', 'body-file', 'html-file', 'attach'] as const;
  if (values.eml !== undefined && composeOptions.some((option) => values[option] !== undefined)) {
    throw new UsageError('cli.send.eml');
  }
  // Read the user's files before anything is opened: a typo leaves nothing behind.
  const input = values.eml === undefined ? await composeInput(values) : await readUserFile('eml', values.eml);
  const core = await context.openCore();
  try {
    const account = core.accounts.find(values.account);
    const outbox = outboxOf(core);
    const queued = input instanceof Uint8Array ? await outbox.queueRaw(account.id, input) : await outbox.queue(account.id, input);
    const [result] = await outbox.flush({ accountId: account.id, ids: [queued.id] });
    const entry = outbox.get(queued.id);
    const code = exitCodeForResult(result, entry);
    const translator = translatorOf(context);
    writeResult(context.streams, context.json, { entry: outboxJson(entry), result: result === undefined ? null : outboxJson(result) }, () =>
      report(result, entry, translator),
    );
    if (code === EXIT.FAILURE && entry.reason !== null) {
      const errorCode = entry.reasonCode !== null && isErrorCode(entry.reasonCode) ? entry.reasonCode : 'INTERNAL';
      // A reason Mailbag gives itself is said in the user's language; a server's words stay as they came.
      const said = ownOutboxReason(translator.t, entry) ?? (entry.reasonWords === null ? undefined : sayOutboxReason(translator.t, entry.reasonWords));
      writeError(context.streams, false, { code: errorCode, message: entry.reason }, translator, said);
    }
    return code;
  } finally {
    await core.close();
  }
}

/** `mailbag send`. */
export const sendCommand: Command = {
  name: 'send',
  summary: 'cli.send.summary',
  usage: USAGE,
  help: 'cli.send.help',
  run,
};
