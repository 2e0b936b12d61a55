/**
 * The address book's operations: contacts (names, several addresses, phone, notes), the two books
 * (the user's own and "Collected addresses", filled by sending), groups that expand to their members'
 * addresses, suggestions for the To/Cc/Bcc fields ranked by use, merging duplicates, and vCard/CSV
 * import and vCard export. Inputs are checked here for shape; main checks each address as compose does.
 */
import { z } from 'zod';
import { checkAddress } from './mail/address';

/** Most addresses one contact keeps (Thunderbird shows two; vCards bring more). */
export const MAX_CONTACT_ADDRESSES = 20;

/** Longest name, phone or nickname field. */
export const MAX_CONTACT_FIELD_LENGTH = 256;

/** Longest note on a contact. */
export const MAX_CONTACT_NOTES_LENGTH = 10_000;

/** Most contacts one request may name (delete, merge, group members, export). */
export const MAX_CONTACTS_PER_REQUEST = 10_000;

/** Most suggestions the address fields ask for. */
export const MAX_SUGGESTIONS = 50;

/** Largest vCard or CSV text accepted for import (a large address book is a few megabytes). */
export const MAX_CONTACT_IMPORT_CHARACTERS = 20 * 1024 * 1024;

/** Longest text typed into an address field that is looked up. */
const MAX_SUGGEST_QUERY_LENGTH = 256;

/** Which address book a contact is in: the user's own, or the addresses collected by sending. */
export const CONTACT_BOOKS = ['personal', 'collected'] as const;

/** One address book. */
export type ContactBook = (typeof CONTACT_BOOKS)[number];

const field = z.string().trim().max(MAX_CONTACT_FIELD_LENGTH);

/** An address as a contact keeps it: refused when compose would refuse it. */
export const contactAddressSchema = z
  .string()
  .trim()
  .min(3)
  .max(320)
  .refine((value) => checkAddress({ address: value }).ok, { message: 'This is not an e-mail address.' });

/** A contact as the editor saves it. */
export const contactInputSchema = z.strictObject({
  displayName: field,
  firstName: field,
  lastName: field,
  nickname: field.optional(),
  /** In the order the user lists them; the first is the one a group expands to. */
  addresses: z.array(contactAddressSchema).max(MAX_CONTACT_ADDRESSES),
  phone: field,
  notes: z.string().max(MAX_CONTACT_NOTES_LENGTH),
  book: z.enum(CONTACT_BOOKS).optional(),
  /** Remote content (images) in this contact's mail loads without asking. */
  allowRemoteContent: z.boolean().optional(),
});

/** A contact to save. */
export type ContactInput = z.input<typeof contactInputSchema>;

/** A saved contact. */
export interface Contact {
  readonly id: number;
  readonly book: ContactBook;
  readonly displayName: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly nickname: string;
  readonly addresses: readonly string[];
  readonly phone: string;
  readonly notes: string;
  readonly allowRemoteContent: boolean;
  readonly updatedAt: number;
}

/** A group (mailing list) of contacts. */
export interface ContactGroup {
  readonly id: number;
  readonly name: string;
  readonly memberIds: readonly number[];
}

/** One suggestion for an address field: a single address, or a group that expands to its members. */
export type AddressSuggestion =
  | {
      readonly kind: 'address';
      readonly name: string;
      readonly address: string;
      /** Where it comes from: a contact of the user's book, the collected book, or only sent to. */
      readonly source: 'contact' | 'collected' | 'recent';
      readonly uses: number;
      readonly lastUsedAt: number | null;
    }
  | {
      readonly kind: 'group';
      readonly name: string;
      readonly groupId: number;
      readonly members: readonly { readonly name: string; readonly address: string }[];
    };

/** What an import added, merged into existing contacts, and could not read. */
export interface ContactImportReport {
  readonly added: number;
  /** Cards whose address was already in the book: their new fields were added to that contact. */
  readonly merged: number;
  readonly skipped: readonly string[];
}

/** The file formats an import reads. */
export const CONTACT_IMPORT_FORMATS = ['vcard', 'csv'] as const;

const contactIdSchema = z.number().int().positive();
const contactIdsSchema = z.array(contactIdSchema).min(1).max(MAX_CONTACTS_PER_REQUEST);

/** Input schemas of the address book operations, spread into the contract's table. */
export const contactOperationInputs = {
  /** Every contact and group; with `query`, the contacts whose names or addresses start a word with it. */
  listContacts: z.strictObject({ query: z.string().max(MAX_SUGGEST_QUERY_LENGTH).optional(), book: z.enum(CONTACT_BOOKS).optional() }).optional(),
  /** Without `id` a new contact; with one, that contact changes. */
  saveContact: z.strictObject({ id: contactIdSchema.optional(), contact: contactInputSchema }),
  deleteContacts: z.strictObject({ ids: contactIdsSchema }),
  /** Merges the others into the first: addresses joined, empty fields filled, group memberships kept. */
  mergeContacts: z.strictObject({ ids: contactIdsSchema.min(2) }),
  /** Sets of contacts that share an address or a name: candidates for merging. */
  findDuplicateContacts: z.undefined(),
  saveContactGroup: z.strictObject({
    id: contactIdSchema.optional(),
    name: z.string().trim().min(1).max(MAX_CONTACT_FIELD_LENGTH),
    memberIds: z.array(contactIdSchema).max(MAX_CONTACTS_PER_REQUEST),
  }),
  deleteContactGroup: z.strictObject({ id: contactIdSchema }),
  /** Suggestions for what is typed in To/Cc/Bcc, best first. */
  suggestAddresses: z.strictObject({ query: z.string().max(MAX_SUGGEST_QUERY_LENGTH), limit: z.number().int().min(1).max(MAX_SUGGESTIONS).optional() }),
  importContacts: z.strictObject({ format: z.enum(CONTACT_IMPORT_FORMATS), text: z.string().max(MAX_CONTACT_IMPORT_CHARACTERS) }),
  /** vCard text of the contacts named (all without `ids`), version 4 unless 3 is asked for. */
  exportContacts: z.strictObject({ ids: contactIdsSchema.optional(), version: z.enum(['3.0', '4.0']).optional() }),
  /** The contacts whose mail's remote content loads without asking, one entry per address. */
  listRemoteContentContacts: z.undefined(),
  /** Whether one sender's remote content loads without asking (the Settings list or the sender's contact). */
  setContactRemoteContent: z.strictObject({ id: contactIdSchema, allow: z.boolean() }),
} as const;

/** What each address book operation returns. */
export interface ContactOperationOutputs {
  listContacts: { readonly contacts: readonly Contact[]; readonly groups: readonly ContactGroup[] };
  saveContact: Contact;
  deleteContacts: { readonly deleted: number };
  mergeContacts: Contact;
  findDuplicateContacts: readonly (readonly number[])[];
  saveContactGroup: ContactGroup;
  deleteContactGroup: { readonly deleted: number };
  suggestAddresses: readonly AddressSuggestion[];
  importContacts: ContactImportReport;
  exportContacts: { readonly text: string; readonly count: number };
  listRemoteContentContacts: readonly RemoteContentContact[];
  setContactRemoteContent: Contact;
}

/** One address of a contact whose remote content loads without asking. */
export interface RemoteContentContact {
  readonly contactId: number;
  readonly name: string;
  /** Lower case, as the reader compares senders. */
  readonly address: string;
}

/** The name a contact is shown by: its display name, else first and last, else its first address. */
export function contactLabel(contact: Pick<Contact, 'displayName' | 'firstName' | 'lastName' | 'addresses'>): string {
  if (contact.displayName !== '') return contact.displayName;
  const joined = [contact.firstName, contact.lastName].filter((part) => part !== '').join(' ');
  return joined !== '' ? joined : (contact.addresses[0] ?? '');
}

/** Text folded for matching: decomposed, accents removed, lower case, so "Zoë Ünal" is found by "zoe un". */
export function foldForMatch(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

/** The words of a name or address a suggestion matches by prefix: split at spaces and address punctuation. */
export function matchWords(text: string): string[] {
  return foldForMatch(text)
    .split(/[\s@.,;:_+\-"'()<>]+/u)
    .filter((word) => word !== '');
}

/**
 * Whether every word typed starts some word of the texts (names and addresses), or the whole typed
 * text starts one of the texts: "ann sm" finds "Ann Smith", "smi" and "ann.smith@" both find her.
 */
export function matchesPrefix(query: string, texts: readonly string[]): boolean {
  const folded = foldForMatch(query).trim();
  if (folded === '') return true;
  if (texts.some((text) => foldForMatch(text).startsWith(folded))) return true;
  const wanted = matchWords(folded);
  if (wanted.length === 0) return false;
  const words = texts.flatMap(matchWords);
  return wanted.every((prefix) => words.some((word) => word.startsWith(prefix)));
}
