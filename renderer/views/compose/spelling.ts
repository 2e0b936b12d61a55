/**
 * "Check spelling before sending": the words of the message that the app's spell checker marks as
 * misspelled. Only the desktop app can say (its preload asks Electron's spell checker); in a browser
 * the page cannot learn what the browser underlines, so the check is skipped there.
 */
import { wordsToCheck } from '../../../shared/spelling';
import type { PreloadSpelling } from '../../../electron/preload/index';

declare global {
  interface Window {
    /** Present inside the Electron app, exposed by the preload. */
    readonly mailbagSpelling?: PreloadSpelling;
  }
}

/** Most misspelled words named when asking before Send. */
export const MAX_NAMED_MISSPELLINGS = 10;

/** Whether this window has a spell checker that can be asked (the desktop app). */
export function hasSpellChecker(): boolean {
  return window.mailbagSpelling !== undefined;
}

/** The misspelled words of `text`, each once; null when no spell checker can be asked. */
export function misspelledWords(text: string): string[] | null {
  const checker = window.mailbagSpelling;
  if (checker === undefined) return null;
  return [...new Set(checker.misspelled(wordsToCheck(text)))];
}

/** What the user wrote in a message, for the spell check: the body without quoted lines or quoted HTML. */
export function writtenText(
  content: { readonly format: 'plain' | 'html'; readonly text: string; readonly html: string },
  toText: (html: string) => string,
): string {
  if (content.format === 'plain')
    return content.text
      .split('\n')
      .filter((line) => !line.startsWith('>'))
      .join('\n');
  const container = document.implementation.createHTMLDocument('').createElement('div');
  container.innerHTML = content.html;
  for (const quote of Array.from(container.querySelectorAll('blockquote'))) quote.remove();
  return toText(container.innerHTML);
}
