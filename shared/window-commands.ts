/**
 * Commands main sends to the mail window: the application menu's and the tray's mail commands (the same
 * ones the window's keyboard shortcuts run), and word that a `mailto:` link the system handed to
 * Mailbag waits to be opened in compose.
 */

/** What a keyboard shortcut or a menu item of the mail window does. */
export type MailCommand =
  | 'send-receive'
  | 'new'
  | 'reply'
  | 'reply-all'
  | 'forward'
  | 'delete'
  | 'search'
  | 'mark-read'
  | 'mark-unread'
  | 'toggle-read'
  | 'toggle-flag'
  | 'junk'
  | 'not-junk'
  | 'move'
  | 'copy'
  | 'undo';

/** A command of the application menu that is not a mail shortcut: opens a page or dialog of the window. */
export type WindowPageCommand = 'import' | 'settings';

/** One command main sends to the window (the `windowCommand` event). */
export type WindowCommand =
  | { readonly command: MailCommand | WindowPageCommand }
  /** `mailto:` links wait in main: the window takes them (takeMailtoLinks) and opens compose. */
  | { readonly command: 'mailto' };

/** The keyboard preset names (Settings → Keyboard), here so main can label its menu without the renderer. */
export type KeyboardPresetName = 'outlook' | 'thunderbird';

/**
 * The key shown beside each menu command, in Electron's accelerator syntax, per keyboard preset: the
 * first key of the preset's table in renderer/state/shortcuts.ts (a test keeps the two in step). A
 * command a preset has no key for is absent (Undo's Ctrl+Z is the Edit menu's own).
 */
export const MENU_ACCELERATORS: Readonly<Record<KeyboardPresetName, Readonly<Partial<Record<MailCommand, string>>>>> = {
  outlook: {
    'send-receive': 'F9',
    new: 'CmdOrCtrl+N',
    reply: 'CmdOrCtrl+R',
    'reply-all': 'CmdOrCtrl+Shift+R',
    forward: 'CmdOrCtrl+F',
    delete: 'Delete',
    search: 'CmdOrCtrl+E',
    'mark-read': 'CmdOrCtrl+Q',
    'mark-unread': 'CmdOrCtrl+U',
    'toggle-flag': 'Insert',
    move: 'CmdOrCtrl+Shift+V',
  },
  thunderbird: {
    'send-receive': 'F9',
    new: 'CmdOrCtrl+N',
    reply: 'CmdOrCtrl+R',
    'reply-all': 'CmdOrCtrl+Shift+R',
    forward: 'CmdOrCtrl+L',
    delete: 'Delete',
    search: 'CmdOrCtrl+K',
    'toggle-read': 'M',
    'toggle-flag': 'S',
    junk: 'J',
    'not-junk': 'Shift+J',
  },
};
