/**
 * The messages of the command line's human output, its help and its error lines, in every language. The English object is the source; each translation
 * has exactly its ids (a missing or extra one fails type-checking). The catalogs join the areas.
 */
import type { AreaCatalog } from './area-catalog';

/** English. */
export const CLI_EN = {} as const satisfies Readonly<Record<string, string>>;

/** German. */
export const CLI_DE: AreaCatalog<typeof CLI_EN> = {};

/** French. */
export const CLI_FR: AreaCatalog<typeof CLI_EN> = {};

/** Arabic. */
export const CLI_AR: AreaCatalog<typeof CLI_EN> = {};
