/**
 * Suggestions for the To/Cc/Bcc fields: contacts of both books, addresses only sent to, and groups,
 * matched by the prefix of any word of a name or address (accents and case ignored) and ranked by how
 * often and how recently each address was written to, as Thunderbird's "popularity" and Outlook's
 * auto-complete list do.
 */
import { contactLabel, matchesPrefix, type AddressSuggestion } from '../../shared/contacts';
import { addressKey, listAddressUsage, listContactGroups, listContacts } from './contacts';
import type { SqliteDatabase } from './database';

/** Days after which a use counts half as much: last month's correspondent beats last year's. */
const USE_HALF_LIFE_DAYS = 30;

const DAY_MS = 24 * 60 * 60 * 1000;

/** Extra weight of the user's own contacts over collected and merely recent addresses. */
const PERSONAL_BONUS = 0.5;

/** Suggestions shown when no number is asked for. */
const DEFAULT_SUGGESTIONS = 10;

/** A use score that decays with age: each use counts 1 when new, ½ after a half-life, and so on. */
export function useScore(uses: number, lastUsedAt: number | null, now: number): number {
  if (lastUsedAt === null || uses === 0) return 0;
  const ageDays = Math.max(0, now - lastUsedAt) / DAY_MS;
  return uses * Math.pow(0.5, ageDays / USE_HALF_LIFE_DAYS);
}

type AddressEntry = Extract<AddressSuggestion, { kind: 'address' }>;

/** The suggestions for what was typed, best first. */
export function suggestAddresses(database: SqliteDatabase, query: string, limit = DEFAULT_SUGGESTIONS, now = Date.now()): AddressSuggestion[] {
  const usage = new Map(listAddressUsage(database).map((use) => [addressKey(use.address), use]));
  const entries = new Map<string, AddressEntry & { readonly score: number }>();
  const book = listContacts(database);
  for (const contact of book) {
    const name = contactLabel({ ...contact, addresses: [] });
    contact.addresses.forEach((address, position) => {
      const key = addressKey(address);
      if (!matchesPrefix(query, [contact.displayName, contact.firstName, contact.lastName, contact.nickname, address])) return;
      const use = usage.get(key);
      const score = useScore(use?.uses ?? 0, use?.lastUsedAt ?? null, now) + (contact.book === 'personal' ? PERSONAL_BONUS : 0) - position * 0.01;
      const entry = {
        kind: 'address' as const,
        name,
        address,
        source: contact.book === 'personal' ? ('contact' as const) : ('collected' as const),
        uses: use?.uses ?? 0,
        lastUsedAt: use?.lastUsedAt ?? null,
        score,
      };
      const known = entries.get(key);
      if (known === undefined || (known.source !== 'contact' && entry.source === 'contact') || known.score < score) entries.set(key, entry);
    });
  }
  for (const [key, use] of usage) {
    if (entries.has(key) || !matchesPrefix(query, [use.name, use.address])) continue;
    entries.set(key, {
      kind: 'address',
      name: use.name,
      address: use.address,
      source: 'recent',
      uses: use.uses,
      lastUsedAt: use.lastUsedAt,
      score: useScore(use.uses, use.lastUsedAt, now),
    });
  }
  const collator = new Intl.Collator(undefined, { sensitivity: 'base' });
  const ranked: AddressSuggestion[] = [...entries.values()]
    .sort((a, b) => b.score - a.score || collator.compare(a.name || a.address, b.name || b.address))
    .map(({ score: _score, ...entry }) => entry);
  const contacts = new Map(book.map((contact) => [contact.id, contact]));
  const groups: AddressSuggestion[] = listContactGroups(database)
    .filter((group) => matchesPrefix(query, [group.name]))
    .map((group) => ({
      kind: 'group',
      name: group.name,
      groupId: group.id,
      members: group.memberIds.flatMap((id) => {
        const contact = contacts.get(id);
        const address = contact?.addresses[0];
        return contact === undefined || address === undefined ? [] : [{ name: contactLabel({ ...contact, addresses: [] }), address }];
      }),
    }));
  return [...groups, ...ranked].slice(0, limit);
}
