/**
 * CSV address books as Thunderbird ("First Name,Last Name,Display Name,Nickname,Primary Email,…") and
 * Outlook ("First Name,Middle Name,Last Name,…,E-mail Address,E-mail 2 Address,…") export them, read
 * with csv-parse. Columns are found by their header names, so either program's set (and the
 * semicolon-separated files Outlook writes where the comma is the decimal mark) is read the same way.
 */
import { parse } from 'csv-parse/sync';
import type { ContactInput } from '../../../shared/contacts';
import type { ContactsRead } from './vcard';

/** Header names (lower case) of each field, in the order they are preferred. */
const COLUMNS = {
  firstName: ['first name', 'given name'],
  middleName: ['middle name', 'additional name'],
  lastName: ['last name', 'family name', 'surname'],
  displayName: ['display name', 'name', 'full name'],
  nickname: ['nickname'],
  addresses: ['primary email', 'secondary email', 'e-mail address', 'e-mail 2 address', 'e-mail 3 address', 'email', 'email address', 'e-mail'],
  phone: ['mobile number', 'mobile phone', 'primary phone', 'work phone', 'business phone', 'home phone'],
  notes: ['notes'],
} as const;

/** The separator the header line uses most: comma, semicolon or tab. */
function delimiterOf(headerLine: string): string {
  const counts = [',', ';', '\t'].map((candidate) => ({ candidate, count: headerLine.split(candidate).length }));
  return counts.sort((a, b) => b.count - a.count)[0]?.candidate ?? ',';
}

/** Reads the contacts of a Thunderbird or Outlook CSV export; rows without a name or address are skipped. */
export function readContactsCsv(input: string): ContactsRead {
  const text = input.replace(/^\uFEFF/u, '');
  const headerLine = text.split(/\r?\n/u, 1)[0] ?? '';
  let rows: string[][];
  try {
    rows = parse(text, { delimiter: delimiterOf(headerLine), relax_column_count: true, skip_empty_lines: true, bom: true }) as string[][];
  } catch (error) {
    return { contacts: [], skipped: [`The file is not CSV: ${error instanceof Error ? error.message : String(error)}`] };
  }
  const [header, ...records] = rows;
  if (header === undefined) return { contacts: [], skipped: [] };
  const names = header.map((name) => name.trim().toLowerCase());
  const columns = (keys: readonly string[]): number[] => keys.flatMap((key) => names.flatMap((name, index) => (name === key ? [index] : [])));
  const first = (keys: readonly string[], record: readonly string[]): string =>
    columns(keys)
      .map((index) => (record[index] ?? '').trim())
      .find((value) => value !== '') ?? '';
  if (columns(COLUMNS.addresses).length === 0 && columns(COLUMNS.displayName).length === 0 && columns(COLUMNS.firstName).length === 0) {
    return { contacts: [], skipped: ['The file has no column Mailbag knows (such as “Primary Email” or “E-mail Address”).'] };
  }
  const contacts: ContactInput[] = [];
  const skipped: string[] = [];
  records.forEach((record, index) => {
    const addresses = [...new Set(columns(COLUMNS.addresses).map((column) => (record[column] ?? '').trim()))].filter((address) => address !== '');
    const contact: ContactInput = {
      firstName: [first(COLUMNS.firstName, record), first(COLUMNS.middleName, record)].filter((part) => part !== '').join(' '),
      lastName: first(COLUMNS.lastName, record),
      displayName: first(COLUMNS.displayName, record),
      nickname: first(COLUMNS.nickname, record),
      addresses,
      phone: first(COLUMNS.phone, record),
      notes: first(COLUMNS.notes, record),
    };
    if (contact.addresses.length === 0 && contact.displayName === '' && contact.firstName === '' && contact.lastName === '') {
      skipped.push(`Row ${index + 2}: no name and no address.`);
      return;
    }
    contacts.push(contact);
  });
  return { contacts, skipped };
}
