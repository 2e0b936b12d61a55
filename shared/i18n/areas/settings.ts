/**
 * The messages of Settings (preferences, accounts, rules), account setup and the rule descriptions, in every language. The English object is the source; each translation
 * has exactly its ids (a missing or extra one fails type-checking). The catalogs join the areas.
 */
import type { AreaCatalog } from './area-catalog';

/** English. */
export const SETTINGS_EN = {} as const satisfies Readonly<Record<string, string>>;

/** German. */
export const SETTINGS_DE: AreaCatalog<typeof SETTINGS_EN> = {};

/** French. */
export const SETTINGS_FR: AreaCatalog<typeof SETTINGS_EN> = {};

/** Arabic. */
export const SETTINGS_AR: AreaCatalog<typeof SETTINGS_EN> = {};
