/**
 * The messages of import and export, the server mailbox, the window's notices and the desktop (menus, notifications, dialogs), in every language. The English object is the source; each translation
 * has exactly its ids (a missing or extra one fails type-checking). The catalogs join the areas.
 */
import type { AreaCatalog } from './area-catalog';

/** English. */
export const DESKTOP_EN = {} as const satisfies Readonly<Record<string, string>>;

/** German. */
export const DESKTOP_DE: AreaCatalog<typeof DESKTOP_EN> = {};

/** French. */
export const DESKTOP_FR: AreaCatalog<typeof DESKTOP_EN> = {};

/** Arabic. */
export const DESKTOP_AR: AreaCatalog<typeof DESKTOP_EN> = {};
