import type { Translate } from '../../shared/i18n/catalogs';
import type { MessageId } from '../../shared/i18n/messages-en';
import type { Settings } from '../../shared/settings';
import type { MailCommand } from '../../shared/window-commands';

/** What a keyboard shortcut of the mail window does (the application menu sends the same commands). */
export type { MailCommand };

/** A key press as the shortcuts see it. */
export interface KeyPress {
  readonly key: string;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly shiftKey: boolean;
  readonly altKey: boolean;
  /** Whether the key went to a text field, a menu or compose: then only F9 counts. */
  readonly typing: boolean;
}

/** One line of a preset's table in Settings → Keyboard, in the window's language. */
export interface ShortcutLine {
  readonly keys: string;
  readonly command: string;
}

/**
 * The shortcuts of a preset. Outlook: F9 Send/Receive, Ctrl+N new, Ctrl+R reply, Ctrl+Shift+R reply
 * all, Ctrl+F forward, Delete, Ctrl+E or "/" to search, Ctrl+Q read, Ctrl+U unread, Insert flag,
 * Ctrl+Shift+V move. Thunderbird: Ctrl+N or Ctrl+M new, Ctrl+R, Ctrl+Shift+R, Ctrl+L forward, Delete,
 * Ctrl+K or "/" to search, M read or unread, S flag, J junk, Shift+J not junk (F9 Send/Receive and Ctrl+Z undo in both). Cmd works like
 * Ctrl on a Mac. While typing, keys belong to the field (Ctrl+R in a text box is not a reply).
 */
export function commandForKey(press: KeyPress, preset: Settings['keyboardPreset']): MailCommand | null {
  const key = press.key.length === 1 ? press.key.toLowerCase() : press.key;
  const command = press.ctrlKey || press.metaKey;
  if (key === 'F9' && !command && !press.altKey && !press.shiftKey) return 'send-receive';
  if (press.typing || press.altKey) return null;
  if (command && !press.shiftKey && key === 'z') return 'undo';
  const chord: Chord = { key, command, shift: press.shiftKey };
  switch (preset) {
    case 'outlook':
      return outlookCommand(chord);
    case 'thunderbird':
      return thunderbirdCommand(chord);
    default: {
      const unknown: never = preset;
      return unknown;
    }
  }
}

interface Chord {
  readonly key: string;
  /** Ctrl, or Cmd on a Mac. */
  readonly command: boolean;
  readonly shift: boolean;
}

function outlookCommand({ key, command, shift }: Chord): MailCommand | null {
  if (command) {
    switch (key) {
      case 'n':
        return shift ? null : 'new';
      case 'r':
        return shift ? 'reply-all' : 'reply';
      case 'f':
        return shift ? null : 'forward';
      case 'e':
        return shift ? null : 'search';
      case 'q':
        return shift ? null : 'mark-read';
      case 'u':
        return shift ? null : 'mark-unread';
      case 'v':
        return shift ? 'move' : null;
      default:
        return null;
    }
  }
  if (shift) return null;
  if (key === 'Delete') return 'delete';
  if (key === 'Insert') return 'toggle-flag';
  if (key === '/') return 'search';
  return null;
}

function thunderbirdCommand({ key, command, shift }: Chord): MailCommand | null {
  if (command) {
    switch (key) {
      case 'n':
      case 'm':
        return shift ? null : 'new';
      case 'r':
        return shift ? 'reply-all' : 'reply';
      case 'l':
        return shift ? null : 'forward';
      case 'k':
        return shift ? null : 'search';
      default:
        return null;
    }
  }
  if (shift) return key === 'j' ? 'not-junk' : null;
  switch (key) {
    case 'Delete':
      return 'delete';
    case '/':
      return 'search';
    case 'm':
      return 'toggle-read';
    case 's':
      return 'toggle-flag';
    case 'j':
      return 'junk';
    default:
      return null;
  }
}

/** One line of a preset's table: the keys (any one of them works) and the command's words in the catalogs. */
interface ShortcutKeys {
  readonly keys: readonly string[];
  readonly command: MessageId;
}

/** The keys of each preset, for Settings → Keyboard (the same table commandForKey follows). */
const SHORTCUT_KEYS: Readonly<Record<Settings['keyboardPreset'], readonly ShortcutKeys[]>> = {
  outlook: [
    { keys: ['F9'], command: 'menu.shortcutSendReceive' },
    { keys: ['Ctrl+N'], command: 'menu.shortcutNew' },
    { keys: ['Ctrl+R'], command: 'menu.shortcutReply' },
    { keys: ['Ctrl+Shift+R'], command: 'menu.shortcutReplyAll' },
    { keys: ['Ctrl+F'], command: 'menu.shortcutForward' },
    { keys: ['Delete'], command: 'menu.shortcutDelete' },
    { keys: ['Ctrl+E', '/'], command: 'menu.shortcutSearch' },
    { keys: ['Ctrl+Q'], command: 'menu.shortcutMarkRead' },
    { keys: ['Ctrl+U'], command: 'menu.shortcutMarkUnread' },
    { keys: ['Insert'], command: 'menu.shortcutFlag' },
    { keys: ['Ctrl+Shift+V'], command: 'menu.shortcutMove' },
    { keys: ['Ctrl+Z'], command: 'menu.shortcutUndo' },
    { keys: ['Enter'], command: 'menu.shortcutOpen' },
    { keys: ['Shift+F10'], command: 'menu.shortcutActions' },
  ],
  thunderbird: [
    { keys: ['F9'], command: 'menu.shortcutSendReceive' },
    { keys: ['Ctrl+N', 'Ctrl+M'], command: 'menu.shortcutNew' },
    { keys: ['Ctrl+R'], command: 'menu.shortcutReply' },
    { keys: ['Ctrl+Shift+R'], command: 'menu.shortcutReplyAll' },
    { keys: ['Ctrl+L'], command: 'menu.shortcutForward' },
    { keys: ['Delete'], command: 'menu.shortcutDelete' },
    { keys: ['Ctrl+K', '/'], command: 'menu.shortcutSearch' },
    { keys: ['M'], command: 'menu.shortcutToggleRead' },
    { keys: ['S'], command: 'menu.shortcutFlag' },
    { keys: ['J'], command: 'menu.shortcutJunk' },
    { keys: ['Shift+J'], command: 'menu.shortcutNotJunk' },
    { keys: ['Ctrl+Z'], command: 'menu.shortcutUndo' },
    { keys: ['Enter'], command: 'menu.shortcutOpen' },
    { keys: ['Shift+F10'], command: 'menu.shortcutActions' },
  ],
};

/** The keys of a preset and what they do, in the language of `t`, for Settings → Keyboard. */
export function shortcutLines(t: Translate, preset: Settings['keyboardPreset']): ShortcutLine[] {
  return SHORTCUT_KEYS[preset].map((line) => ({
    keys: line.keys.reduce((shown, key) => t('menu.keysOr', { first: shown, second: key })),
    command: t(line.command),
  }));
}

/** Whether an event target is somewhere typing happens (fields, editable text, open menus and dialogs). */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof Element)) return false;
  if (
    target.closest('input, textarea, select, [contenteditable=""], [contenteditable="true"], [role="menu"], [role="dialog"], [role="alertdialog"], dialog') !==
    null
  )
    return true;
  return false;
}
