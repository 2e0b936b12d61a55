import { Menu, type MenuItemConstructorOptions } from 'electron';

/** Quit's key outside macOS (Electron's default there, Ctrl+Q, is a mail command). */
export const QUIT_ACCELERATOR = 'Alt+F4';

/** What the menu's commands do; supplied by the composition root. */
export interface MenuActions {
  readonly showAbout: () => void;
  /** File → Import…: the window opens its import wizard. */
  readonly openImport?: () => void;
  /** View → Conversations: whether the list shows conversations now, and the switch (kept in the settings). */
  readonly conversations?: { readonly on: boolean; readonly toggle: () => void };
}

/**
 * The application menu: the platform's usual File, Edit, View, Window and Help menus. Mail commands
 * (New, Send/Receive F9, Reply Ctrl+R) join as their features arrive.
 */
export function buildApplicationMenu(actions: MenuActions, platform: NodeJS.Platform = process.platform): Menu {
  const isMac = platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    // Ctrl+Q is Outlook's "mark as read" in the mail window, so Quit keeps Windows' own Alt+F4 there.
    {
      label: '&File',
      submenu: [
        ...(actions.openImport === undefined ? [] : [{ label: '&Import…', click: actions.openImport }, { type: 'separator' as const }]),
        isMac ? { role: 'close' as const } : { role: 'quit' as const, accelerator: QUIT_ACCELERATOR },
      ],
    },
    { role: 'editMenu' },
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
    { role: 'windowMenu' },
    { role: 'help', submenu: [{ label: 'About Mailbag', click: () => actions.showAbout() }] },
  ];
  return Menu.buildFromTemplate(template);
}
