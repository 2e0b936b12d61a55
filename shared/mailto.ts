/**
 * `mailto:` links (RFC 6068) turned into a compose draft. A link is data from any web page or message,
 * so nothing of it is trusted: addresses pass the `shared/mail/` address checks (a refused list is
 * dropped and reported), the subject loses every control character (an encoded CR/LF in `?subject=`
 * cannot start a header), only the header fields RFC 6068 §3 and §6 call safe are used (to, cc, bcc,
 * subject, body, in-reply-to) and every other one is ignored and reported.
 */
import { flattenAddressList, parseAddressList, type MailAddress } from './mail/address';
import { isMessageId, neutraliseHeaderText, type ComposeDraft, type ComposeProblem } from './compose';

/** Longest link accepted (browsers cut URLs around this length anyway). */
export const MAX_MAILTO_LENGTH = 8192;
/** Header fields of a link that are used; others are ignored (RFC 6068 §7: never trust hfields). */
const USED_FIELDS = new Set(['to', 'cc', 'bcc', 'subject', 'body', 'in-reply-to']);
/** Control characters a body may not keep (line breaks and tabs are kept). */
// eslint-disable-next-line no-control-regex -- control characters are what is removed
const BODY_CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/gu;

/** The outcome of {@link parseMailto}. */
export type MailtoResult = { readonly ok: true; readonly draft: ComposeDraft } | { readonly ok: false; readonly problem: string };

function decode(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

function addresses(field: string, text: string, problems: ComposeProblem[]): MailAddress[] {
  if (text.trim() === '') return [];
  const parsed = parseAddressList(text);
  if (!parsed.ok) {
    problems.push({ field, problem: parsed.problem });
    return [];
  }
  return flattenAddressList(parsed.value).map((item) => (item.name === undefined ? { address: item.address } : { name: item.name, address: item.address }));
}

/**
 * Parses a `mailto:` URL (RFC 6068 §2): the addresses of the path, then `hfname=hfvalue` pairs after
 * "?", percent-decoded as UTF-8. `to` values add to the path's; repeated subject/body keep the first.
 * The body's CRLF (`%0D%0A`, §5) becomes a line break. `from` is the identity that will send.
 */
export function parseMailto(url: string, from: MailAddress | null): MailtoResult {
  if (url.length > MAX_MAILTO_LENGTH) return { ok: false, problem: 'too-long' };
  if (!/^mailto:/i.test(url)) return { ok: false, problem: 'not-mailto' };
  const rest = url.slice('mailto:'.length);
  const question = rest.indexOf('?');
  const path = decode(question === -1 ? rest : rest.slice(0, question));
  if (path === undefined) return { ok: false, problem: 'encoding' };
  const problems: ComposeProblem[] = [];
  const to: MailAddress[] = addresses('to', path, problems);
  const cc: MailAddress[] = [];
  const bcc: MailAddress[] = [];
  let subject: string | undefined;
  let body: string | undefined;
  let inReplyTo: string | null = null;
  const query = question === -1 ? '' : rest.slice(question + 1);
  for (const pair of query.split('&')) {
    if (pair === '') continue;
    const equals = pair.indexOf('=');
    const name = decode(equals === -1 ? pair : pair.slice(0, equals))?.toLowerCase();
    const value = decode(equals === -1 ? '' : pair.slice(equals + 1));
    if (name === undefined || value === undefined) return { ok: false, problem: 'encoding' };
    if (!USED_FIELDS.has(name)) {
      problems.push({ field: neutraliseHeaderText(name, 64), problem: 'ignored' });
      continue;
    }
    if (name === 'to') to.push(...addresses('to', value, problems));
    else if (name === 'cc') cc.push(...addresses('cc', value, problems));
    else if (name === 'bcc') bcc.push(...addresses('bcc', value, problems));
    else if (name === 'subject') subject ??= neutraliseHeaderText(value);
    else if (name === 'body') body ??= value.replace(/\r\n?/g, '\n').replace(BODY_CONTROLS, '');
    else if (name === 'in-reply-to') {
      const id = value.trim();
      if (isMessageId(id)) inReplyTo = id;
      else problems.push({ field: 'in-reply-to', problem: 'syntax' });
    }
  }
  return {
    ok: true,
    draft: {
      from,
      to,
      cc,
      bcc,
      subject: subject ?? '',
      text: body ?? '',
      html: null,
      inReplyTo,
      references: inReplyTo === null ? [] : [inReplyTo],
      forwardedAttachments: [],
      attachOriginal: null,
      problems,
    },
  };
}
