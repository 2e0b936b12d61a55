/**
 * The identity's signature in what compose holds: a block of its own in rich text (marked, so that a
 * change of From replaces exactly that block and nothing the user wrote), and the "-- " block in plain
 * text. An identity may have a rich signature (with images), a plain one, or both; each format uses
 * its own and falls back to the other.
 */
import type { Identity } from '../../../shared/accounts';
import { appendSignature, identitySignatureHtml, replaceSignature, SIGNATURE_SEPARATOR } from '../../../shared/compose';
import { htmlToText, sanitizeHtml, SIGNATURE_ATTRIBUTE, textToHtml, type ComposeContent } from './compose-content';

/** The plain-text signature of an identity: its own, else the text of its rich one. */
export function textSignature(identity: Identity | undefined): string {
  if (identity === undefined) return '';
  if (identity.signature.trim() !== '') return identity.signature;
  const rich = identity.signatureHtml ?? '';
  return rich.trim() === '' ? '' : htmlToText(rich).trim();
}

/** The marked signature block of rich text (present even when the identity has no signature, so one can be put there later). */
export function signatureBlock(identity: Identity | undefined): string {
  const inner = identity === undefined ? '' : sanitizeHtml(identitySignatureHtml(identity));
  return `<div ${SIGNATURE_ATTRIBUTE}="">${inner}</div>`;
}

/** A new message's body: an empty line, then the signature; rich text when the identity has a rich signature. */
export function newMessageBody(identity: Identity | undefined): Pick<ComposeContent, 'format' | 'text' | 'html'> {
  const signature = appendSignature('', textSignature(identity));
  const text = signature === '' ? '' : `\n\n${signature}`;
  const rich = (identity?.signatureHtml ?? '').trim() !== '';
  return { format: rich ? 'html' : 'plain', text, html: `<p><br></p>${signatureBlock(identity)}` };
}

/**
 * Plain text as rich-text HTML, with the identity's "-- " block (when the text has it) turned into the
 * marked signature block with the identity's rich signature.
 */
export function textToRichHtml(text: string, identity: Identity | undefined): string {
  const lines = textSignature(identity).replace(/\r\n?/g, '\n').replace(/\s+$/u, '');
  const block =
    lines === '' ? null : `${SIGNATURE_SEPARATOR}\n${lines.startsWith(`${SIGNATURE_SEPARATOR}\n`) ? lines.slice(SIGNATURE_SEPARATOR.length + 1) : lines}`;
  const at = block === null ? -1 : text.indexOf(block);
  if (block === null || at < 0) return textToHtml(text);
  return `${textToHtml(text.slice(0, at))}${signatureBlock(identity)}${textToHtml(text.slice(at + block.length).replace(/^\n/, ''))}`;
}

/**
 * Rich text with its signature block holding the signature of `identity` instead; null when the text
 * has no signature block (a reopened draft), so nothing the user wrote is touched.
 */
function replaceHtmlSignature(html: string, identity: Identity | undefined): string | null {
  const container = document.implementation.createHTMLDocument('').createElement('div');
  container.innerHTML = sanitizeHtml(html);
  const block = container.querySelector(`[${SIGNATURE_ATTRIBUTE}]`);
  if (block === null) return null;
  block.outerHTML = signatureBlock(identity);
  return container.innerHTML;
}

/** The body of `content` written as `after` instead of `before`: both formats have their signature replaced. */
export function swapSignature(content: ComposeContent, before: Identity | undefined, after: Identity | undefined): Pick<ComposeContent, 'text' | 'html'> {
  const text = replaceSignature(content.text, textSignature(before), textSignature(after));
  const html = replaceHtmlSignature(content.html, after) ?? content.html;
  return { text, html };
}
