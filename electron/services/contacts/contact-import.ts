/**
 * Importing an address book file into the store: each card or row is checked as the editor checks a
 * contact (an address compose would refuse is left out and named), and a card whose address is
 * already in the book fills in that contact instead of making a second one.
 */
import { checkAddress } from '../../../shared/mail/address';
import { contactLabel, MAX_CONTACT_ADDRESSES, type ContactImportReport, type ContactInput } from '../../../shared/contacts';
import { MailbagError } from '../../../shared/errors';
import type { SqliteDatabase } from '../../storage/database';
import { addContact, findContactsByAddress, updateContact } from '../../storage/contacts';
import { readContactsCsv } from './contacts-csv';
import { readVCards, type ContactsRead } from './vcard';

/** Reads an address book file of the given format. */
export function readContactFile(format: 'vcard' | 'csv', text: string): ContactsRead {
  switch (format) {
    case 'vcard':
      return readVCards(text);
    case 'csv':
      return readContactsCsv(text);
  }
}

/**
 * Bytes of an address book file as text: UTF-8 (with or without a byte order mark), else Windows-1252,
 * the charset Thunderbird and Outlook on Windows write CSV in.
 */
export function decodeContactFile(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

/** Saves what was read: new contacts added, known ones (by address) filled in. */
export function importContacts(database: SqliteDatabase, read: ContactsRead, now = Date.now()): ContactImportReport {
  let added = 0;
  let merged = 0;
  const skipped = [...read.skipped];
  for (const input of read.contacts) {
    const label = contactLabel({ displayName: input.displayName, firstName: input.firstName, lastName: input.lastName, addresses: input.addresses });
    const addresses = input.addresses.filter((address) => {
      const ok = checkAddress({ address }).ok;
      if (!ok) skipped.push(`${label}: “${address}” is not an e-mail address and was left out.`);
      return ok;
    });
    const contact: ContactInput = { ...input, addresses: addresses.slice(0, MAX_CONTACT_ADDRESSES), book: 'personal' };
    try {
      const known = addresses.flatMap((address) => findContactsByAddress(database, address))[0];
      if (known === undefined) {
        addContact(database, contact, now);
        added += 1;
        continue;
      }
      updateContact(
        database,
        known.id,
        {
          displayName: known.displayName || contact.displayName,
          firstName: known.firstName || contact.firstName,
          lastName: known.lastName || contact.lastName,
          nickname: known.nickname || (contact.nickname ?? ''),
          phone: known.phone || contact.phone,
          notes: known.notes || contact.notes,
          addresses: [...known.addresses, ...addresses].slice(0, MAX_CONTACT_ADDRESSES),
          book: 'personal',
        },
        now,
      );
      merged += 1;
    } catch (error) {
      const reason = error instanceof MailbagError ? error.message : error instanceof Error ? error.message.split('\n')[0] : String(error);
      skipped.push(`${label === '' ? 'A contact' : label}: ${reason}`);
    }
  }
  return { added, merged, skipped };
}
