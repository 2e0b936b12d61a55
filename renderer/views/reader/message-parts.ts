/**
 * A message body of several parts as one frame document in which no part can reach into another:
 * each HTML part is sanitized on its own and serialized from its own tree, so it is closed and balanced
 * before it meets its neighbours; text parts are escaped. An attribute or comment left open in one part
 * (the EFAIL trick of wrapping a secret part into an image URL) ends with that part.
 */
import type { BodyPartView } from '../../../shared/mail';
import type { MailResourcePolicy } from '../../mail-html/mail-css';
import { sanitizeMessageHtmlSteps, type SanitizedMessage } from '../../mail-html/message-html';
import { runInSlices, type SanitizeSteps } from '../../mail-html/sanitize-slices';

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Whether any part is HTML (the reader then shows a frame, else plain text). */
export function hasHtmlPart(parts: readonly BodyPartView[]): boolean {
  return parts.some((part) => part.kind === 'html');
}

/** Every HTML part's source, for finding the cid: references they make (not for showing). */
export function htmlSources(parts: readonly BodyPartView[]): string[] {
  return parts.flatMap((part) => (part.kind === 'html' ? [part.html] : []));
}

function* messagePartsSteps(parts: readonly BodyPartView[], policy: MailResourcePolicy): SanitizeSteps<SanitizedMessage> {
  const [only] = parts;
  if (parts.length === 1 && only?.kind === 'html') return yield* sanitizeMessageHtmlSteps(only.html, policy);
  const styles: string[] = [];
  const bodies: string[] = [];
  let blockedRemote = 0;
  for (const part of parts) {
    if (part.kind === 'text') {
      bodies.push(`<pre class="mail-part mail-part-text">${escapeText(part.text)}</pre>`);
      continue;
    }
    const sanitized = yield* sanitizeMessageHtmlSteps(part.html, policy);
    styles.push(sanitized.styles);
    blockedRemote += sanitized.blockedRemote;
    bodies.push(`<div class="mail-part">${sanitized.content}</div>`);
    yield;
  }
  const content = bodies.join('');
  return { styles: styles.join(''), body: `<body>${content}</body>`, content, blockedRemote };
}

/**
 * Sanitizes every part of a body on its own and puts them in order into one frame body, in slices that
 * leave the window responsive (null when `signal` aborts first). A body of a single HTML part keeps its
 * own body element (and its attributes), as before.
 */
export function sanitizeMessageParts(parts: readonly BodyPartView[], policy: MailResourcePolicy, signal: AbortSignal): Promise<SanitizedMessage | null> {
  return runInSlices(messagePartsSteps(parts, policy), signal);
}
