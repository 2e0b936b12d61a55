/**
 * `mailto:` links the system hands to Mailbag (the command line of the first launch, a second
 * instance's arguments, macOS's open-url) wait here until the mail window takes them to open compose:
 * the window may not be loaded yet, or have no account yet. A link is only kept as text; compose parses
 * it with shared/mailto.ts, which uses the safe header fields alone — `attach=`/`attachment=`, which
 * some programs read as local file paths, are ignored like every other field, so a link never makes
 * Mailbag read a file.
 */
import { MAX_MAILTO_LENGTH } from '../../shared/mailto';
import type { EventHub } from '../services/events';

/** Most links kept waiting for the window; older ones go first (only the newest opens compose anyway). */
export const MAX_WAITING_MAILTO_LINKS = 8;

/** Control characters (and DEL) that no link from the command line may carry; encoded ones are decoded later. */
// eslint-disable-next-line no-control-regex -- control characters are what is refused
const CONTROLS = /[\u0000-\u001f\u007f]/u;

/** Whether a command-line argument or open-url value is a `mailto:` link Mailbag may keep. */
export function isMailtoLink(text: string): boolean {
  return /^mailto:/i.test(text) && text.length <= MAX_MAILTO_LENGTH && !CONTROLS.test(text);
}

/** The `mailto:` links among a command line's arguments (Chromium's own switches and the rest are skipped). */
export function mailtoLinksInArgv(argv: readonly string[]): string[] {
  return argv.filter(isMailtoLink);
}

/** The waiting links, and the window's way to take them. */
export interface MailtoLinks {
  /** Keeps a link and tells the window (`windowCommand` mailto); false when the text is no usable link. */
  add(url: string): boolean;
  /** The waiting links, oldest first; they are no longer waiting afterwards. */
  take(): string[];
}

/** The waiting list of one core. */
export function createMailtoLinks(events: EventHub): MailtoLinks {
  let waiting: string[] = [];
  return {
    add(url) {
      if (!isMailtoLink(url)) return false;
      waiting = [...waiting, url].slice(-MAX_WAITING_MAILTO_LINKS);
      events.emit('windowCommand', { command: 'mailto' });
      return true;
    },
    take() {
      const taken = waiting;
      waiting = [];
      return taken;
    },
  };
}
