/**
 * Contact groups put in their members' place when an Outbox message is sent, as Thunderbird does: a
 * group in To or Cc becomes its members' addresses in that header field, a group in Bcc its members
 * in the envelope only (RFC 5322 §3.6.3). Members already among the message's recipients are not
 * added again (compared case-insensitively), and a group deleted or emptied meanwhile stops the send
 * before anything is sent, naming the group.
 */
import { encodeWord } from 'nodemailer/lib/mime-funcs';
import { wordedError } from '../../../shared/error-words';
import { checkAddress, type MailAddress, type ParsedAddress } from '../../../shared/mail/address';
import { findHeaderEndInText, readHeaderFields, type HeaderField } from '../../../shared/mail/header-section';
import type { GroupRecipient } from '../../../shared/mail/outgoing';

/** Longest encoded word (RFC 2047 §2 allows 75 characters). */
const MAX_ENCODED_WORD = 75;

/** A group's members now: null when the group no longer exists. */
export type GroupMembersLookup = (groupId: number) => readonly MailAddress[] | null;

/** What the groups of a message add: header recipients per field and every new envelope recipient. */
export interface GroupExpansion {
  readonly to: readonly ParsedAddress[];
  readonly cc: readonly ParsedAddress[];
  /** The envelope recipients after expansion: the message's own first, then the members added. */
  readonly envelope: readonly string[];
  readonly needsSmtpUtf8: boolean;
}

/**
 * The members the groups add to a message whose envelope already holds `recipients`. Throws
 * GROUP_UNAVAILABLE naming every group that no longer exists or has no member, and VALIDATION for a
 * member address that cannot be sent to — before anything is sent.
 */
export function expandGroups(groups: readonly GroupRecipient[], recipients: readonly string[], members: GroupMembersLookup): GroupExpansion {
  const resolved = groups.map((group) => ({ group, members: members(group.groupId) }));
  const missing = resolved.filter((item) => item.members === null || item.members.length === 0).map((item) => `“${item.group.name}”`);
  if (missing.length > 0) {
    throw wordedError('GROUP_UNAVAILABLE', { id: 'outbox.reason.groupUnavailable', values: { groups: missing.join(', ') } }, { detail: missing.join(', ') });
  }
  const seen = new Set(recipients.map((address) => address.toLowerCase()));
  const envelope = [...recipients];
  const added: Record<GroupRecipient['field'], ParsedAddress[]> = { to: [], cc: [], bcc: [] };
  let needsSmtpUtf8 = false;
  for (const { group, members: list } of resolved) {
    for (const member of list ?? []) {
      const checked = checkAddress(member);
      if (!checked.ok)
        throw wordedError(
          'VALIDATION',
          { id: 'serviceError.outbox.groupAddressUnusable', values: { group: group.name, address: member.address } },
          { detail: checked.problem },
        );
      const key = checked.value.envelope.toLowerCase();
      if (seen.has(key)) continue;
      seen.add(key);
      envelope.push(checked.value.envelope);
      added[group.field].push(checked.value);
      needsSmtpUtf8 ||= checked.value.needsSmtpUtf8;
    }
  }
  return { to: added.to, cc: added.cc, envelope, needsSmtpUtf8 };
}

/** One address as a header value: the name quoted or RFC 2047-encoded (RFC 5322 §3.4), UTF-8 as latin1 text. */
function headerAddress(address: ParsedAddress): string {
  const name = address.name ?? '';
  const phrase = name === '' ? '' : /[^\x20-\x7e]/.test(name) ? `${encodeWord(name, 'Q', MAX_ENCODED_WORD)} ` : `"${name.replace(/["\\]/g, '\\$&')}" `;
  return Buffer.from(`${phrase}<${address.address}>`, 'utf8').toString('latin1');
}

/** A field's lines with addresses added at its end, one folded line each (RFC 5322 §2.2.3). */
function withAddresses(lines: readonly string[], addresses: readonly ParsedAddress[]): string[] {
  const result = [...lines];
  const last = result.length - 1;
  const body = result
    .join('')
    .slice(result.join('').indexOf(':') + 1)
    .trim();
  // A field with no address yet (an empty group "Team:;" only) gets the new ones without a comma before them.
  if (body !== '') result[last] = `${result[last] ?? ''},`;
  addresses.forEach((address, index) => result.push(` ${headerAddress(address)}${index < addresses.length - 1 ? ',' : ''}`));
  return result;
}

/**
 * The message with `to` and `cc` added to its To and Cc fields (a field is written when the message
 * has none); the body and every other field are kept byte for byte.
 */
export function addRecipientHeaders(raw: Uint8Array, additions: { readonly to: readonly ParsedAddress[]; readonly cc: readonly ParsedAddress[] }): Buffer {
  const text = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString('latin1');
  const end = findHeaderEndInText(text);
  if (end === undefined) throw wordedError('INTERNAL', { id: 'serviceError.outbox.queuedWithoutHeader' });
  const fields: HeaderField[] = readHeaderFields(text.slice(0, end.headerEnd), { maxChars: end.headerEnd });
  const lines: string[] = [];
  const pending = { to: additions.to, cc: additions.cc };
  for (const field of fields) {
    const name = field.name.toLowerCase();
    if ((name === 'to' || name === 'cc') && pending[name].length > 0) {
      lines.push(...withAddresses(field.lines, pending[name]));
      pending[name] = [];
    } else lines.push(...field.lines);
  }
  if (pending.to.length > 0) lines.push(...withAddresses(['To:'], pending.to));
  if (pending.cc.length > 0) lines.push(...withAddresses(['Cc:'], pending.cc));
  return Buffer.from(`${lines.join('\r\n')}\r\n${text.slice(end.headerEnd)}`, 'latin1');
}
