import { Menu, type MenuItemConstructorOptions } from 'electron';
import type { Translate } from '../../shared/i18n/catalogs';
import type { MessageId } from '../../shared/i18n/messages-en';
import { MENU_ACCELERATORS, type KeyboardPresetName, type MailCommand, type WindowPageCommand } from '../../shared/window-commands';

/** Quit's key outside macOS (Electron's default there, Ctrl+Q, is a mail command). */
export const QUIT_ACCELERATOR = 'Alt+F4';

/** What the menu's commands do; supplied by the composition root. */
export interface MenuActions {
  /** The words of the chosen language: the menu is built again when it changes. */
  readonly t: Translate;
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
 * the keys of the chosen keyboard preset beside them, in the chosen language (every label, the
 * Edit and View roles' too, since Electron names those in English). The keys are shown but not registered with the
 * menu: the window's own shortcuts run them, so a key typed into a field (Delete, M, J) stays the
 * field's and the two can never both act on one press.
 */
export function buildApplicationMenu(actions: MenuActions, platform: NodeJS.Platform = process.platform): Menu {
  const isMac = platform === 'darwin';
  const { t } = actions;
  const keys = MENU_ACCELERATORS[actions.keyboardPreset ?? 'outlook'];
  const send = actions.command;
  const mail = (label: MessageId, command: MailCommand): Item[] => {
    if (send === undefined) return [];
    const accelerator = keys[command];
    return [{ id: command, label: t(label), click: () => send(command), ...(accelerator === undefined ? {} : { accelerator, registerAccelerator: false }) }];
  };
  const page = (label: MessageId, command: WindowPageCommand): Item[] =>
    send === undefined ? [] : [{ id: command, label: t(label), click: () => send(command) }];
  const separator: Item[] = send === undefined ? [] : [{ type: 'separator' }];
  const hasKey = (command: MailCommand): boolean => keys[command] !== undefined;

  const template: Item[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    // Ctrl+Q is Outlook's "mark as read" in the mail window, so Quit keeps Windows' own Alt+F4 there.
    {
      label: t('menu.file'),
      submenu: [
        ...mail('menu.newMessage', 'new'),
        ...separator,
        ...page('menu.import', 'import'),
        ...separator,
        isMac ? { role: 'close' as const, label: t('menu.closeWindow') } : { role: 'quit' as const, label: t('menu.quit'), accelerator: QUIT_ACCELERATOR },
      ],
    },
    {
      label: t('menu.edit'),
      submenu: [
        { role: 'undo', label: t('menu.undo') },
        { role: 'redo', label: t('menu.redo') },
        { type: 'separator' },
        { role: 'cut', label: t('menu.cut') },
        { role: 'copy', label: t('menu.copy') },
        { role: 'paste', label: t('menu.paste') },
        { role: 'selectAll', label: t('menu.selectAll') },
        ...separator,
        ...mail('menu.searchMail', 'search'),
      ],
    },
    {
      label: t('menu.view'),
      submenu: [
        ...(actions.conversations === undefined
          ? []
          : [
              { label: t('menu.conversations'), type: 'checkbox' as const, checked: actions.conversations.on, click: actions.conversations.toggle },
              { type: 'separator' as const },
            ]),
        { role: 'resetZoom', label: t('menu.actualSize') },
        { role: 'zoomIn', label: t('menu.zoomIn') },
        { role: 'zoomOut', label: t('menu.zoomOut') },
        { type: 'separator' },
        { role: 'togglefullscreen', label: t('menu.fullScreen') },
      ],
    },
    ...(send === undefined
      ? []
      : [
          {
            label: t('menu.message'),
            submenu: [
              ...mail('menu.reply', 'reply'),
              ...mail('menu.replyAll', 'reply-all'),
              ...mail('menu.forward', 'forward'),
              ...separator,
              // Thunderbird's preset toggles read with one key; Outlook's has a key for each way.
              ...(hasKey('toggle-read')
                ? mail('menu.toggleRead', 'toggle-read')
                : [...mail('menu.markRead', 'mark-read'), ...mail('menu.markUnread', 'mark-unread')]),
              ...mail('menu.toggleFlag', 'toggle-flag'),
              ...mail('menu.junk', 'junk'),
              ...mail('menu.notJunk', 'not-junk'),
              ...separator,
              ...mail('menu.moveTo', 'move'),
              ...mail('menu.copyTo', 'copy'),
              ...mail('menu.delete', 'delete'),
            ],
          },
          { label: t('menu.tools'), submenu: [...mail('menu.sendReceive', 'send-receive'), ...separator, ...page('menu.settings', 'settings')] },
        ]),
    // The Window menu's own items, named here so they follow the language too.
    {
      role: 'windowMenu',
      label: t('menu.window'),
      submenu: [
        { role: 'minimize', label: t('menu.minimise') },
        { role: 'close', label: t('menu.closeWindow') },
      ],
    },
    { role: 'help', label: t('menu.help'), submenu: [{ label: t('main.aboutTitle'), click: () => actions.showAbout() }] },
  ];
  return Menu.buildFromTemplate(template);
}
