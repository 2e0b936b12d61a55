/**
 * The base subject of RFC 5256 §2.1: a subject without its reply and forward markers, so "Re: AW:
 * [list] Topic (fwd)" and "Topic" are known as one conversation. Besides the English "Re", "Fw" and
 * "Fwd" of the RFC, the prefixes other mail programs write in their own languages are removed, as
 * Thunderbird does ("AW:", "SV:", "VS:", "Antw:", "WG:", "Odp:", "回复：" …).
 */

/**
 * Reply and forward prefixes, lower case, without their colon: the RFC's re/fw/fwd and the localized
 * forms of Outlook, Thunderbird and Apple Mail (German, Nordic, Dutch, French, Italian, Polish,
 * Portuguese, Spanish, Turkish, Finnish, Chinese, Japanese).
 */
const PREFIXES = [
  're',
  'fw',
  'fwd',
  'aw',
  'wg',
  'sv',
  'vs',
  'vb',
  'antw',
  'antwort',
  'doorst',
  'tr',
  'réf',
  'rif',
  'odp',
  'res',
  'enc',
  'rv',
  'ynt',
  'ilt',
  'vl',
  '回复',
  '回覆',
  '答复',
  '转发',
  '轉寄',
  '返信',
  '転送',
] as const;

/** Longest subject looked at: a subject past this is cut first, so a hostile header costs little. */
const MAX_SUBJECT_CHARS = 2_000;

/** A subj-blob of RFC 5256 §5: "[" then anything but brackets, then "]", then blanks. */
const BLOB = String.raw`\[[^\[\]]*\]\s*`;
/** A subj-refwd of RFC 5256 §5 (with our localized prefixes, "Re[2]"/"Re(2)" counters and the full-width colon). */
const REFWD = new RegExp(String.raw`^(?:${PREFIXES.join('|')})\s*(?:${BLOB}|\(\d+\)\s*)?[:\uFF1A]\s*`, 'iu');
const LEADING_BLOB = new RegExp(`^${BLOB}`, 'u');
/** The subj-trailer of RFC 5256 §5: "(fwd)" at the end. */
const TRAILER = /\s*\(fwd\)\s*$/i;
/** The "[fwd: … ]" wrapper of RFC 5256 §2.1 step 6. */
const FWD_WRAPPER = /^\[fwd:\s*(.*)\]$/isu;

/** A subject's base subject, and whether it was marked as a reply or forward. */
export interface BaseSubject {
  /** The subject without markers, blanks folded, as written (for display). */
  readonly text: string;
  /** The base subject compared case-insensitively: lower case, NFC. Empty when there is none. */
  readonly key: string;
  /** True when a reply or forward marker was removed (RFC 5256 §2.1: the message is a reply or forward). */
  readonly replyOrForward: boolean;
}

/**
 * The base subject of RFC 5256 §2.1: blanks folded (step 1), "(fwd)" trailers removed (step 2),
 * leading "Re:"-like prefixes and "[tags]" removed until none is left (steps 3–5; a tag that is the
 * whole subject stays), then a "[fwd: …]" wrapper removed and the steps repeated (step 6).
 */
export function baseSubject(subject: string | null | undefined): BaseSubject {
  let text = (subject ?? '').slice(0, MAX_SUBJECT_CHARS).replace(/\s+/gu, ' ').trim();
  let replyOrForward = false;
  for (;;) {
    while (TRAILER.test(text)) {
      text = text.replace(TRAILER, '');
      replyOrForward = true;
    }
    for (;;) {
      const prefix = REFWD.exec(text);
      if (prefix !== null) {
        text = text.slice(prefix[0].length);
        replyOrForward = true;
        continue;
      }
      const blob = LEADING_BLOB.exec(text);
      if (blob !== null && blob[0].length < text.length) {
        text = text.slice(blob[0].length);
        continue;
      }
      break;
    }
    const wrapper = FWD_WRAPPER.exec(text);
    if (wrapper === null) break;
    text = (wrapper[1] ?? '').trim();
    replyOrForward = true;
  }
  return { text, key: text.normalize('NFC').toLowerCase(), replyOrForward };
}
