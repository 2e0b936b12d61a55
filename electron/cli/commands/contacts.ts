/**
 * `mailbag contacts list|add|import|export`: the address book the window's Contacts view edits, from
 * the command line. Import reads vCard (versions 2.1 to 4) and the CSV files Thunderbird and Outlook
 * export; export writes vCard, to a file or to standard output for a pipe.
 */
import { readFile, stat, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { contactLabel, CONTACT_BOOKS, MAX_CONTACT_IMPORT_CHARACTERS, type ContactBook } from '../../../shared/contacts';
import { MailbagError } from '../../../shared/errors';
import { decodeContactFile } from '../../services/contacts/contact-import';
import { call } from '../call';
import { UsageError, withCore, type Command, type CommandContext } from '../command';
import { EXIT, type ExitCode } from '../exit-codes';
import { writeResult } from '../output';
import { table } from '../table';

const USAGE = `mailbag contacts list [--search TEXT] [--book personal|collected]
       mailbag contacts add --email ADDRESS [--email ADDRESS]… [--name NAME] [--first NAME] [--last NAME] [--phone PHONE] [--notes TEXT]
       mailbag contacts import FILE [--format vcard|csv]   (.vcf, or Thunderbird's or Outlook's CSV export)
       mailbag contacts export [--out FILE] [--vcard-version 3.0|4.0] [--force]`;

function book(text: string | undefined): ContactBook | undefined {
  if (text === undefined) return undefined;
  const found = CONTACT_BOOKS.find((candidate) => candidate === text);
  if (found === undefined) throw new UsageError(`--book takes ${CONTACT_BOOKS.join(' or ')}, not “${text}”.`);
  return found;
}

function list(args: readonly string[], context: CommandContext): Promise<ExitCode> {
  const { values, positionals } = parseArgs({
    args: [...args],
    options: { search: { type: 'string' }, book: { type: 'string' } },
    strict: true,
    allowPositionals: true,
  });
  if (positionals.length > 0) throw new UsageError(`Unexpected argument: ${positionals[0] ?? ''}`);
  const chosen = book(values.book);
  return withCore(context, async (core) => {
    const { contacts } = await call(core, 'listContacts', {
      ...(values.search === undefined ? {} : { query: values.search }),
      ...(chosen === undefined ? {} : { book: chosen }),
    });
    writeResult(context.streams, context.json, contacts, () =>
      contacts.length === 0
        ? 'No contacts. Add one with: mailbag contacts add --email ADDRESS --name NAME'
        : table([
            ['ID', 'NAME', 'ADDRESSES', 'PHONE', 'BOOK'],
            ...contacts.map((contact) => [String(contact.id), contactLabel(contact), contact.addresses.join(', '), contact.phone, contact.book]),
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
  if (positionals.length > 0) throw new UsageError(`Unexpected argument: ${positionals[0] ?? ''} (quote a name with spaces)`);
  const addresses = values.email ?? [];
  if (addresses.length === 0 && values.name === undefined && values.first === undefined && values.last === undefined) {
    throw new UsageError('Give the contact an address with --email ADDRESS or a name with --name NAME.');
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
    writeResult(context.streams, context.json, contact, () => `Added ${contactLabel(contact)} (id ${contact.id}).`);
    return EXIT.SUCCESS;
  });
}

function formatOf(file: string, given: string | undefined): 'vcard' | 'csv' {
  if (given === 'vcard' || given === 'csv') return given;
  if (given !== undefined) throw new UsageError(`--format takes vcard or csv, not “${given}”.`);
  if (/\.(vcf|vcard)$/iu.test(file)) return 'vcard';
  if (/\.csv$/iu.test(file)) return 'csv';
  throw new UsageError('Say what the file is with --format vcard or --format csv.');
}

function importFile(args: readonly string[], context: CommandContext): Promise<ExitCode> {
  const { values, positionals } = parseArgs({ args: [...args], options: { format: { type: 'string' } }, strict: true, allowPositionals: true });
  const [file, extra] = positionals;
  if (file === undefined) throw new UsageError('Name the .vcf or .csv file to import.');
  if (extra !== undefined) throw new UsageError(`Unexpected argument: ${extra} (quote a path with spaces)`);
  const format = formatOf(file, values.format);
  return withCore(context, async (core) => {
    const size = (
      await stat(file).catch((error: unknown) => {
        throw new MailbagError('NOT_FOUND', `Mailbag cannot read ${file}.`, { cause: error });
      })
    ).size;
    if (size > MAX_CONTACT_IMPORT_CHARACTERS) throw new MailbagError('VALIDATION', `${file} is too large to be an address book.`);
    const report = await call(core, 'importContacts', { format, text: decodeContactFile(await readFile(file)) });
    writeResult(context.streams, context.json, report, () =>
      [
        `Imported ${report.added} new contact${report.added === 1 ? '' : 's'}; ${report.merged} filled in a contact with the same address.`,
        ...report.skipped.map((line) => `Not imported: ${line}`),
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
  if (positionals.length > 0) throw new UsageError(`Unexpected argument: ${positionals[0] ?? ''}`);
  const version = values['vcard-version'] ?? '4.0';
  if (version !== '3.0' && version !== '4.0') throw new UsageError(`--vcard-version takes 3.0 or 4.0, not “${version}”.`);
  return withCore(context, async (core) => {
    const { text, count } = await call(core, 'exportContacts', { version });
    if (values.out === undefined) {
      context.streams.stdout.write(text);
      return EXIT.SUCCESS;
    }
    await writeFile(values.out, text, { flag: values.force === true ? 'w' : 'wx' }).catch((error: unknown) => {
      const exists = (error as NodeJS.ErrnoException).code === 'EEXIST';
      throw new MailbagError('VALIDATION', exists ? `${values.out ?? ''} exists; add --force to replace it.` : `Mailbag cannot write ${values.out ?? ''}.`, {
        cause: error,
      });
    });
    writeResult(context.streams, context.json, { count, out: values.out }, () => `Exported ${count} contact${count === 1 ? '' : 's'} to ${values.out ?? ''}.`);
    return EXIT.SUCCESS;
  });
}

/** `mailbag contacts …`. */
export const contactsCommand: Command = {
  name: 'contacts',
  summary: 'list, add, import or export the address book',
  usage: USAGE,
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
        throw new UsageError(`Unknown contacts command: ${sub}`);
    }
  },
};
