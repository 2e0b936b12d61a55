import type { Settings } from '../../shared/settings';
import type { MailCommand } from '../../shared/window-commands';
import type { MessageId } from '../../shared/i18n/messages-en';

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

/** One line of a preset's table in Settings → Keyboard: the key chords that do it (any one of them) and what it does. */
export interface ShortcutLine {
  /** Chords as `Ctrl+Shift+R`; Settings names the keys in the chosen language. */
  readonly keys: readonly string[];
  readonly command: MessageId;
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

/** The keys of each preset in words, for Settings → Keyboard (the same table commandForKey follows). */
export const SHORTCUT_TABLES: Readonly<Record<Settings['keyboardPreset'], readonly ShortcutLine[]>> = {
  outlook: [
    { keys: ['F9'], command: 'toolbar.sendReceive' },
    { keys: ['Ctrl+N'], command: 'settings.shortcut.newMessage' },
    { keys: ['Ctrl+R'], command: 'toolbar.reply' },
    { keys: ['Ctrl+Shift+R'], command: 'toolbar.replyAll' },
    { keys: ['Ctrl+F'], command: 'toolbar.forward' },
    { keys: ['Delete'], command: 'settings.shortcut.deleteSelected' },
    { keys: ['Ctrl+E', '/'], command: 'toolbar.search' },
    { keys: ['Ctrl+Q'], command: 'toolbar.markRead' },
    { keys: ['Ctrl+U'], command: 'toolbar.markUnread' },
    { keys: ['Insert'], command: 'settings.shortcut.flagToggle' },
    { keys: ['Ctrl+Shift+V'], command: 'settings.shortcut.moveToFolder' },
    { keys: ['Ctrl+Z'], command: 'settings.shortcut.undo' },
    { keys: ['Enter'], command: 'settings.shortcut.openWindow' },
    { keys: ['Shift+F10'], command: 'settings.shortcut.selectionActions' },
  ],
  thunderbird: [
    { keys: ['F9'], command: 'toolbar.sendReceive' },
    { keys: ['Ctrl+N', 'Ctrl+M'], command: 'settings.shortcut.newMessage' },
    { keys: ['Ctrl+R'], command: 'toolbar.reply' },
    { keys: ['Ctrl+Shift+R'], command: 'toolbar.replyAll' },
    { keys: ['Ctrl+L'], command: 'toolbar.forward' },
    { keys: ['Delete'], command: 'settings.shortcut.deleteSelected' },
    { keys: ['Ctrl+K', '/'], command: 'toolbar.search' },
    { keys: ['M'], command: 'settings.shortcut.readToggle' },
    { keys: ['S'], command: 'settings.shortcut.flagToggle' },
    { keys: ['J'], command: 'menu.markJunk' },
    { keys: ['Shift+J'], command: 'toolbar.notJunk' },
    { keys: ['Ctrl+Z'], command: 'settings.shortcut.undo' },
    { keys: ['Enter'], command: 'settings.shortcut.openWindow' },
    { keys: ['Shift+F10'], command: 'settings.shortcut.selectionActions' },
  ],
};

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
