/**
 * The context menu of links inside a message's HTML in the desktop app. The message is shown in a
 * sandboxed frame the app's page cannot reach, so its links get their menu from main: Chromium reports
 * the right-clicked link, and main offers to open it in the system browser (after the same URL rules as
 * a click) or to copy its address. Nothing else from the frame is offered.
 */
import { clipboard, Menu, type MenuItemConstructorOptions, type WebContents } from 'electron';
import type { Translate } from '../../shared/i18n/catalogs';
import { parseExternalUrl } from '../../shared/urls';

/** What the link menu does with its link. */
export interface LinkMenuActions {
  readonly openExternal: (url: URL) => void;
  readonly copy: (text: string) => void;
}

/** The menu for one link: "Open link in browser" only for http, https and mailto; "Copy link address" always. */
export function linkMenuTemplate(t: Translate, linkUrl: string, actions: LinkMenuActions): MenuItemConstructorOptions[] {
  const external = parseExternalUrl(linkUrl);
  return [
    { label: t('menu.openLink'), enabled: external !== null, click: () => external !== null && actions.openExternal(external) },
    { label: t('menu.copyLink'), click: () => actions.copy(linkUrl) },
  ];
}

/** Shows the link menu, in the language chosen at that moment, when a link in a window's page or in one of its frames is right-clicked. */
export function attachLinkMenu(contents: WebContents, openExternal: (url: URL) => void, translate: () => Translate): void {
  contents.on('context-menu', (_event, params) => {
    if (params.linkURL === '') return;
    Menu.buildFromTemplate(linkMenuTemplate(translate(), params.linkURL, { openExternal, copy: (text) => clipboard.writeText(text) })).popup();
  });
}
