/**
 * Warnings about who a message claims to be from, shown above its body: replies that would go
 * elsewhere, display names that pose as another address or domain, and domains that borrow letters
 * from other alphabets to look like a familiar one. Pure, so the rules are tested without a window.
 */
import type { AddressView } from '../../../shared/mail';
import { hasBidiControls, visibleBidiControls } from '../../../shared/bidi';
import { decodeDomainToUnicode } from '../../../shared/mail/punycode';
import type { Translate } from '../../../shared/i18n/catalogs';

/** Which check a warning comes from. */
export type SenderWarningKind = 'reply-to' | 'name-is-address' | 'name-mentions-domain' | 'lookalike-domain' | 'bidi-controls';

/** One warning, in plain words. */
export interface SenderWarning {
  readonly kind: SenderWarningKind;
  readonly text: string;
}

/** The header fields the checks read. */
export interface SenderHeaders {
  readonly from: AddressView | null;
  readonly fromAll: readonly AddressView[];
  readonly sender: AddressView | null;
  readonly replyTo: readonly AddressView[];
}

/** Something written like an address inside a display name. */
const ADDRESS_IN_TEXT = /[^\s@<>()"',;:]+@[^\s@<>()"',;:]+\.[^\s@<>()"',;:]+/gu;
/** Something written like a domain name inside a display name (checked against COMMON_TOP_LEVEL_DOMAINS). */
const DOMAIN_IN_TEXT = /(?:[\p{L}\p{N}-]+\.)+([\p{L}]{2,24})(?![\p{L}\p{N}-])/gu;
/**
 * Top-level domains common enough that a name ending in one reads as a web address ("PayPal.com"),
 * so a name like "Dr.Smith" or "J.R.R. Tolkien" is not taken for a domain.
 */
const COMMON_TOP_LEVEL_DOMAINS = new Set([
  'com',
  'net',
  'org',
  'info',
  'biz',
  'io',
  'co',
  'app',
  'dev',
  'me',
  'us',
  'uk',
  'de',
  'fr',
  'it',
  'es',
  'nl',
  'be',
  'ch',
  'at',
  'se',
  'no',
  'dk',
  'fi',
  'pl',
  'cz',
  'ru',
  'ua',
  'cn',
  'jp',
  'kr',
  'in',
  'br',
  'au',
  'ca',
  'eu',
  'gov',
  'edu',
  'online',
  'shop',
  'store',
  'bank',
  'email',
  'support',
  'security',
]);
/** Alphabets whose letters can pass for Latin ones in a domain name. */
const CONFUSABLE_SCRIPTS = [/\p{Script=Latin}/u, /\p{Script=Cyrillic}/u, /\p{Script=Greek}/u, /\p{Script=Armenian}/u, /\p{Script=Cherokee}/u] as const;
/** Cyrillic and Greek letters that look like Latin ones; a label of only these imitates a Latin word. */
const LATIN_LOOKALIKES = new Set([...'асеһіјӏопрԛѕԁԝхуѵаеорсхуАВЕКМНОРСТХЅІЈԚԜαοντικυρεΑΒΕΖΗΙΚΜΝΟΡΤΥΧ']);

function lower(address: string): string {
  return address.trim().toLowerCase();
}

function domainOf(address: string): string {
  const at = address.lastIndexOf('@');
  return at < 0 ? '' : lower(address.slice(at + 1));
}

function listAddresses(addresses: readonly AddressView[]): string {
  return addresses.map((entry) => entry.address).join(', ');
}

/** Whether one label mixes look-alike alphabets, or imitates Latin with letters of another alphabet. */
function isLookalikeLabel(label: string): boolean {
  const letters = [...label].filter((character) => /\p{L}/u.test(character));
  if (letters.length === 0) return false;
  const scripts = CONFUSABLE_SCRIPTS.filter((script) => letters.some((character) => script.test(character)));
  if (scripts.length > 1) return true;
  const latin = CONFUSABLE_SCRIPTS[0];
  return !letters.some((character) => latin.test(character)) && letters.every((character) => LATIN_LOOKALIKES.has(character));
}

/**
 * Whether a domain (ASCII with xn-- labels, or Unicode) is a homograph: a label mixing Latin with
 * Cyrillic or Greek letters, or a label written only in foreign letters that look Latin under an
 * ASCII top-level domain (the classic "аррӏе.com"). Returns the Unicode form when it is, else null.
 */
export function lookalikeDomain(domain: string): string | null {
  const unicode = decodeDomainToUnicode(lower(domain));
  if (unicode === null) return null;
  const labels = unicode.split('.');
  const top = labels.at(-1) ?? '';
  const asciiTop = /^[a-z0-9-]*$/.test(top);
  const suspicious = labels.some((label, index) => {
    if (!/[^\p{ASCII}]/u.test(label)) return false;
    const mixed = [...label].some((character) => CONFUSABLE_SCRIPTS[0].test(character)) && CONFUSABLE_SCRIPTS.slice(1).some((script) => script.test(label));
    if (mixed) return true;
    return index < labels.length - 1 && asciiTop && isLookalikeLabel(label);
  });
  return suspicious ? unicode : null;
}

/** Whether `domain` is `mentioned` or one of its subdomains. */
function belongsTo(domain: string, mentioned: string): boolean {
  return domain === mentioned || domain.endsWith(`.${mentioned}`);
}

/**
 * The warnings a reader shows for a message's sender fields, most serious first. Addresses compare
 * without regard to case; a Reply-To that only repeats From is not a warning.
 */
export function senderWarnings(headers: SenderHeaders, t: Translate): SenderWarning[] {
  const warnings: SenderWarning[] = [];
  const from = headers.fromAll.length > 0 ? headers.fromAll : headers.from === null ? [] : [headers.from];
  const fromAddresses = new Set(from.map((entry) => lower(entry.address)));

  for (const entry of from) {
    if (hasBidiControls(entry.name) || hasBidiControls(entry.address)) {
      warnings.push({
        kind: 'bidi-controls',
        text: t('reader.warnBidi', { address: visibleBidiControls(entry.address) }),
      });
    }
    const real = lower(entry.address);
    const realDomain = domainOf(real);
    const named = [...entry.name.matchAll(ADDRESS_IN_TEXT)].map((match) => lower(match[0]));
    const posing = named.find((address) => address !== real);
    if (posing !== undefined) {
      warnings.push({
        kind: 'name-is-address',
        text: t('reader.warnNameIsAddress', { posing, address: entry.address }),
      });
      continue;
    }
    if (named.length > 0) continue;
    for (const match of entry.name.toLowerCase().matchAll(DOMAIN_IN_TEXT)) {
      const mentioned = match[0];
      if (!COMMON_TOP_LEVEL_DOMAINS.has(match[1] ?? '') || belongsTo(realDomain, mentioned)) continue;
      warnings.push({
        kind: 'name-mentions-domain',
        text: t('reader.warnMentionsDomain', { domain: mentioned, address: entry.address }),
      });
      break;
    }
  }

  const replyElsewhere = headers.replyTo.filter((entry) => !fromAddresses.has(lower(entry.address)));
  if (replyElsewhere.length > 0) {
    warnings.push({ kind: 'reply-to', text: t('reader.warnReplyTo', { addresses: listAddresses(replyElsewhere) }) });
  }

  const checked = new Set<string>();
  const everyone = [...from, ...(headers.sender === null ? [] : [headers.sender]), ...headers.replyTo];
  for (const entry of everyone) {
    const domain = domainOf(entry.address);
    if (domain === '' || checked.has(domain)) continue;
    checked.add(domain);
    const unicode = lookalikeDomain(domain);
    if (unicode === null) continue;
    warnings.push({
      kind: 'lookalike-domain',
      text: t('reader.warnLookalike', { address: entry.address, unicode }),
    });
  }
  return warnings;
}
