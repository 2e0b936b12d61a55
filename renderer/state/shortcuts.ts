import type { Settings } from '../../shared/settings';

/** What a keyboard shortcut of the mail window does. */
export type MailCommand = 'send-receive' | 'new' | 'reply' | 'reply-all' | 'forward' | 'delete' | 'search';

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

/**
 * The Outlook keyboard preset: F9 Send/Receive, Ctrl+N new, Ctrl+R reply, Ctrl+Shift+R reply all,
 * Ctrl+F forward, Delete, Ctrl+E or "/" to search. Cmd works like Ctrl on a Mac. While typing, keys
 * belong to the field (Ctrl+R in a text box is not a reply).
 */
export function commandForKey(press: KeyPress, preset: Settings['keyboardPreset']): MailCommand | null {
  switch (preset) {
    case 'outlook':
      return outlookCommand(press);
  }
}

function outlookCommand(press: KeyPress): MailCommand | null {
  const key = press.key.length === 1 ? press.key.toLowerCase() : press.key;
  const command = press.ctrlKey || press.metaKey;
  if (key === 'F9' && !command && !press.altKey && !press.shiftKey) return 'send-receive';
  if (press.typing || press.altKey) return null;
  if (command) {
    switch (key) {
      case 'n':
        return press.shiftKey ? null : 'new';
      case 'r':
        return press.shiftKey ? 'reply-all' : 'reply';
      case 'f':
        return press.shiftKey ? null : 'forward';
      case 'e':
        return press.shiftKey ? null : 'search';
      default:
        return null;
    }
  }
  if (key === 'Delete' && !press.shiftKey) return 'delete';
  if (key === '/') return 'search';
  return null;
}

/** Whether an event target is somewhere typing happens (fields, editable text, open menus and dialogs). */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof Element)) return false;
  if (target.closest('input, textarea, select, [contenteditable=""], [contenteditable="true"], [role="menu"], [role="dialog"]') !== null) return true;
  return false;
}
