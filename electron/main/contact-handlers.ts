/**
 * The address book's operations, wired to the same storage functions `mailbag contacts` uses. A change
 * is announced with contactsChanged so an open Contacts view and Settings refresh.
 */
import type { Handlers } from '../ipc/registry';
import type { EventHub } from '../services/events';
import { importContacts, readContactFile } from '../services/contacts/contact-import';
import { writeVCards } from '../services/contacts/vcard';
import { suggestAddresses } from '../storage/address-suggestions';
import {
  addContact,
  deleteContactGroup,
  deleteContacts,
  findDuplicateContacts,
  getContact,
  listContactGroups,
  listContacts,
  mergeContacts,
  remoteContentContacts,
  saveContactGroup,
  setContactRemoteContent,
  updateContact,
} from '../storage/contacts';
import type { SqliteDatabase } from '../storage/database';
import { matchesPrefix } from '../../shared/contacts';

/** The address book operations of the contract. */
export type ContactHandlers = Pick<
  Handlers,
  | 'listContacts'
  | 'saveContact'
  | 'deleteContacts'
  | 'mergeContacts'
  | 'findDuplicateContacts'
  | 'saveContactGroup'
  | 'deleteContactGroup'
  | 'suggestAddresses'
  | 'importContacts'
  | 'exportContacts'
  | 'listRemoteContentContacts'
  | 'setContactRemoteContent'
>;

/** Builds the address book operations. */
export function createContactHandlers(options: { readonly database: SqliteDatabase; readonly events: EventHub }): ContactHandlers {
  const { database, events } = options;
  function changed<T>(value: T): T {
    events.emit('contactsChanged', { at: Date.now() });
    return value;
  }
  return {
    listContacts: (input) => {
      const query = input?.query ?? '';
      const contacts = listContacts(database, input?.book).filter((contact) =>
        matchesPrefix(query, [contact.displayName, contact.firstName, contact.lastName, contact.nickname, ...contact.addresses]),
      );
      return { contacts, groups: listContactGroups(database) };
    },
    saveContact: ({ id, contact }) => changed(id === undefined ? addContact(database, contact) : updateContact(database, id, contact)),
    deleteContacts: ({ ids }) => changed({ deleted: deleteContacts(database, ids) }),
    mergeContacts: ({ ids }) => changed(mergeContacts(database, ids)),
    findDuplicateContacts: () => findDuplicateContacts(database),
    saveContactGroup: (input) => changed(saveContactGroup(database, input)),
    deleteContactGroup: ({ id }) => changed({ deleted: deleteContactGroup(database, id) }),
    suggestAddresses: ({ query, limit }) => suggestAddresses(database, query, limit),
    importContacts: ({ format, text }) => changed(importContacts(database, readContactFile(format, text))),
    exportContacts: ({ ids, version }) => {
      const contacts = ids === undefined ? listContacts(database) : ids.map((id) => getContact(database, id));
      return { text: writeVCards(contacts, version), count: contacts.length };
    },
    listRemoteContentContacts: () => remoteContentContacts(database),
    setContactRemoteContent: ({ id, allow }) => changed(setContactRemoteContent(database, id, allow)),
  };
}
