/**
 * `mailbag contacts list|add|import|export`: the address book the window's Contacts view edits, from
 * the command line. Import reads vCard (versions 2.1 to 4) and the CSV files Thunderbird and Outlook
 * export; export writes vCard, to a file or to standard output for a pipe.
 */
import { readFile, stat, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { contactLabel, CONTACT_BOOKS, MAX_CONTACT_IMPORT_CHARACTERS, type ContactBook } from '../../../shared/contacts';
import { decodeContactFile } from '../../services/contacts/contact-import';
import { call } from '../call';
import { CliError, translatorOf, UsageError, withCore, type Command, type CommandContext } from '../command';
import { EXIT, type ExitCode } from '../exit-codes';
import { writeResult } from '../output';
import { table } from '../table';

const USAGE = `mailbag contacts list [--search TEXT] [--book personal|collected]
       mailbag contacts add --email ADDRESS [--email ADDRESS]… [--name NAME] [--first NAME] [--last NAME] [--phone PHONE] [--notes TEXT]
       mailbag contacts import FILE [--format vcard|csv]
       mailbag contacts export [--out FILE] [--vcard-version 3.0|4.0] [--force]`;

function book(text: string | undefined): ContactBook | undefined {
  if (text === undefined) return undefined;
  const found = CONTACT_BOOKS.find((candidate) => candidate === text);
  if (found === undefined) throw new UsageError('cli.contacts.book', { books: CONTACT_BOOKS.join(', '), text });
  return found;
}

function list(args: readonly string[], context: CommandContext): Promise<ExitCode> {
  const { values, positionals } = parseArgs({
    args: [...args],
    options: { search: { type: 'string' }, book: { type: 'string' } },
    strict: true,
    allowPositionals: true,
  });
  if (positionals.length > 0) throw new UsageError('cli.usage.unexpected', { argument: positionals[0] ?? '' });
  const chosen = book(values.book);
  return withCore(context, async (core) => {
    const { contacts } = await call(core, 'listContacts', {
      ...(values.search === undefined ? {} : { query: values.search }),
      ...(chosen === undefined ? {} : { book: chosen }),
    });
    const { t } = translatorOf(context);
    writeResult(context.streams, context.json, contacts, () =>
      contacts.length === 0
        ? t('cli.contacts.none')
        : table([
            [t('cli.column.id'), t('cli.account.columnName'), t('cli.contacts.columnAddresses'), t('cli.contacts.columnPhone'), t('cli.contacts.columnBook')],
            ...contacts.map((contact) => [
              String(contact.id),
              contactLabel(contact),
              contact.addresses.join(', '),
              contact.phone,
              t('cli.contacts.bookName', { book: contact.book }),
            ]),
          ]),
    );
    return EXIT.SUCCESS;
  });
}

function add(args: readonly string[], context: CommandContext): Promise<ExitCode> {
  const { values, positionals } = parseArgs({
    args: [...args],
    options: {
      email: { type: 'string', multiple: true },
      name: { type: 'string' },
      first: { type: 'string' },
      last: { type: 'string' },
      phone: { type: 'string' },
      notes: { type: 'string' },
    },
    strict: true,
    allowPositionals: true,
  });
  if (positionals.length > 0) throw new UsageError('cli.usage.unexpectedQuote', { argument: positionals[0] ?? '', what: 'name' });
  const addresses = values.email ?? [];
  if (addresses.length === 0 && values.name === undefined && values.first === undefined && values.last === undefined) {
    throw new UsageError('cli.contacts.empty');
  }
  return withCore(context, async (core) => {
    const contact = await call(core, 'saveContact', {
      contact: {
        displayName: values.name ?? '',
        firstName: values.first ?? '',
        lastName: values.last ?? '',
        addresses,
        phone: values.phone ?? '',
        notes: values.notes ?? '',
      },
    });
    writeResult(context.streams, context.json, contact, () => translatorOf(context).t('cli.contacts.added', { name: contactLabel(contact), id: contact.id }));
    return EXIT.SUCCESS;
  });
}

function formatOf(file: string, given: string | undefined): 'vcard' | 'csv' {
  if (given === 'vcard' || given === 'csv') return given;
  if (given !== undefined) throw new UsageError('cli.contacts.format', { given });
  if (/\.(vcf|vcard)$/iu.test(file)) return 'vcard';
  if (/\.csv$/iu.test(file)) return 'csv';
  throw new UsageError('cli.contacts.sayFormat');
}

function importFile(args: readonly string[], context: CommandContext): Promise<ExitCode> {
  const { values, positionals } = parseArgs({ args: [...args], options: { format: { type: 'string' } }, strict: true, allowPositionals: true });
  const [file, extra] = positionals;
  if (file === undefined) throw new UsageError('cli.contacts.nameFile');
  if (extra !== undefined) throw new UsageError('cli.usage.unexpectedQuote', { argument: extra, what: 'path' });
  const format = formatOf(file, values.format);
  return withCore(context, async (core) => {
    const size = (
      await stat(file).catch((error: unknown) => {
        throw new CliError('NOT_FOUND', 'cli.contacts.unreadable', { file, code: (error as NodeJS.ErrnoException).code ?? 'error' });
      })
    ).size;
    if (size > MAX_CONTACT_IMPORT_CHARACTERS) throw new CliError('VALIDATION', 'cli.contacts.tooLarge', { file });
    const report = await call(core, 'importContacts', { format, text: decodeContactFile(await readFile(file)) });
    const { t } = translatorOf(context);
    writeResult(context.streams, context.json, report, () =>
      [
        t('cli.contacts.imported', { added: report.added, merged: report.merged }),
        ...report.skipped.map((line) => t('cli.contacts.notImported', { line })),
      ].join('\n'),
    );
    return report.skipped.length > 0 ? EXIT.PARTIAL : EXIT.SUCCESS;
  });
}

function exportFile(args: readonly string[], context: CommandContext): Promise<ExitCode> {
  const { values, positionals } = parseArgs({
    args: [...args],
    options: { out: { type: 'string' }, 'vcard-version': { type: 'string' }, force: { type: 'boolean' } },
    strict: true,
    allowPositionals: true,
  });
  if (positionals.length > 0) throw new UsageError('cli.usage.unexpected', { argument: positionals[0] ?? '' });
  const version = values['vcard-version'] ?? '4.0';
  if (version !== '3.0' && version !== '4.0') throw new UsageError('cli.contacts.version', { version });
  return withCore(context, async (core) => {
    const { text, count } = await call(core, 'exportContacts', { version });
    if (values.out === undefined) {
      context.streams.stdout.write(text);
      return EXIT.SUCCESS;
    }
    await writeFile(values.out, text, { flag: values.force === true ? 'w' : 'wx' }).catch((error: unknown) => {
      const exists = (error as NodeJS.ErrnoException).code === 'EEXIST';
      const file = values.out ?? '';
      throw exists
        ? new CliError('VALIDATION', 'cli.contacts.exists', { file })
        : new CliError('VALIDATION', 'cli.contacts.unwritable', { file, code: (error as NodeJS.ErrnoException).code ?? 'error' });
    });
    writeResult(context.streams, context.json, { count, out: values.out }, () =>
      translatorOf(context).t('cli.contacts.exported', { count, file: values.out ?? '' }),
    );
    return EXIT.SUCCESS;
  });
}

/** `mailbag contacts …`. */
export const contactsCommand: Command = {
  name: 'contacts',
  summary: 'cli.contacts.summary',
  usage: USAGE,
  help: 'cli.contacts.help',
  run(args, context) {
    const [sub, ...rest] = args;
    switch (sub) {
      case 'list':
      case undefined:
        return list(rest, context);
      case 'add':
        return add(rest, context);
      case 'import':
        return importFile(rest, context);
      case 'export':
        return exportFile(rest, context);
      default:
        throw new UsageError('cli.usage.unknownSubcommand', { command: 'contacts', subcommand: sub });
    }
  },
};
