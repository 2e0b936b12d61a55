import { Menu, type MenuItemConstructorOptions } from 'electron';
import { MENU_ACCELERATORS, type KeyboardPresetName, type MailCommand, type WindowPageCommand } from '../../shared/window-commands';

/** Quit's key outside macOS (Electron's default there, Ctrl+Q, is a mail command). */
export const QUIT_ACCELERATOR = 'Alt+F4';

/** What the menu's commands do; supplied by the composition root. */
export interface MenuActions {
  readonly showAbout: () => void;
  /** A mail command or a page of the window: sent to the mail window, which runs it as its own keys do. */
  readonly command?: (command: MailCommand | WindowPageCommand) => void;
  /** Whose keys the menu shows beside its commands (the window's keyboard preset); Outlook's by default. */
  readonly keyboardPreset?: KeyboardPresetName;
  /** View → Conversations: whether the list shows conversations now, and the switch (kept in the settings). */
  readonly conversations?: { readonly on: boolean; readonly toggle: () => void };
}

type Item = MenuItemConstructorOptions;

/**
 * The application menu: File, Edit, View, Message, Tools, Window and Help, with the mail commands and
 * the keys of the chosen keyboard preset beside them. The keys are shown but not registered with the
 * menu: the window's own shortcuts run them, so a key typed into a field (Delete, M, J) stays the
 * field's and the two can never both act on one press.
 */
export function buildApplicationMenu(actions: MenuActions, platform: NodeJS.Platform = process.platform): Menu {
  const isMac = platform === 'darwin';
  const keys = MENU_ACCELERATORS[actions.keyboardPreset ?? 'outlook'];
  const send = actions.command;
  const mail = (label: string, command: MailCommand): Item[] => {
    if (send === undefined) return [];
    const accelerator = keys[command];
    return [{ id: command, label, click: () => send(command), ...(accelerator === undefined ? {} : { accelerator, registerAccelerator: false }) }];
  };
  const page = (label: string, command: WindowPageCommand): Item[] => (send === undefined ? [] : [{ id: command, label, click: () => send(command) }]);
  const separator: Item[] = send === undefined ? [] : [{ type: 'separator' }];
  const hasKey = (command: MailCommand): boolean => keys[command] !== undefined;

  const template: Item[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    // Ctrl+Q is Outlook's "mark as read" in the mail window, so Quit keeps Windows' own Alt+F4 there.
    {
      label: '&File',
      submenu: [
        ...mail('&New message', 'new'),
        ...separator,
        ...page('&Import…', 'import'),
        ...separator,
        isMac ? { role: 'close' as const } : { role: 'quit' as const, accelerator: QUIT_ACCELERATOR },
      ],
    },
    {
      label: '&Edit',
      submenu: [
        { role: 'undo' },
        { role: 'redo' },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
        ...separator,
        ...mail('&Search mail', 'search'),
      ],
    },
    {
      label: '&View',
      submenu: [
        ...(actions.conversations === undefined
          ? []
          : [
              { label: '&Conversations', type: 'checkbox' as const, checked: actions.conversations.on, click: actions.conversations.toggle },
              { type: 'separator' as const },
            ]),
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    ...(send === undefined
      ? []
      : [
          {
            label: '&Message',
            submenu: [
              ...mail('&Reply', 'reply'),
              ...mail('Reply &all', 'reply-all'),
              ...mail('&Forward', 'forward'),
              ...separator,
              // Thunderbird's preset toggles read with one key; Outlook's has a key for each way.
              ...(hasKey('toggle-read')
                ? mail('Mark as read or unrea&d', 'toggle-read')
                : [...mail('Mark as rea&d', 'mark-read'), ...mail('Mark as &unread', 'mark-unread')]),
              ...mail('F&lag or unflag', 'toggle-flag'),
              ...mail('Mark as &junk', 'junk'),
              ...mail('N&ot junk', 'not-junk'),
              ...separator,
              ...mail('&Move to folder…', 'move'),
              ...mail('&Copy to folder…', 'copy'),
              ...mail('&Delete', 'delete'),
            ],
          },
          { label: '&Tools', submenu: [...mail('&Send/Receive', 'send-receive'), ...separator, ...page('Se&ttings', 'settings')] },
        ]),
    { role: 'windowMenu' },
    { role: 'help', submenu: [{ label: 'About Mailbag', click: () => actions.showAbout() }] },
  ];
  return Menu.buildFromTemplate(template);
}
