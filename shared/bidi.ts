/**
 * Bidirectional-text controls in what senders write. Embeddings, overrides and isolates (U+202A–202E,
 * U+2066–2069) and the direction marks reorder the text around them: a display name ending in U+202E
 * turns the address after it into "elpmaxe.live@ytiruces", a file name `invoice‮fdp.exe` reads as
 * "invoiceexe.pdf". Names and subjects are shown isolated (their controls cannot reach past them);
 * addresses and file names never need the controls, so they are shown without them, made visible.
 */

/** Every bidi control character (Unicode Bidi_Control) that can reorder text. */
const BIDI_CONTROL = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;
const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/gu;

/** Whether text holds bidi controls, which can make it read differently from what it is. */
export function hasBidiControls(text: string): boolean {
  return BIDI_CONTROL.test(text);
}

/** Text with every bidi control shown as its code point (`[U+202E]`), so nothing is reordered or hidden. */
export function visibleBidiControls(text: string): string {
  return text.replace(BIDI_CONTROLS, (character) => `[U+${(character.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}]`);
}
