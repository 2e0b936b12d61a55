/**
 * The specific sentences of the errors that the store, the workers, the jobs and the protocol engines give, in every language. The English object is the
 * source; each translation has exactly its ids (a missing or extra one fails type-checking). The
 * catalogs join the areas.
 */
import type { AreaCatalog } from './area-catalog';

/** English. */
export const STORAGE_ERRORS_EN = {} as const;

/** German. */
export const STORAGE_ERRORS_DE: AreaCatalog<typeof STORAGE_ERRORS_EN> = {};

/** French. */
export const STORAGE_ERRORS_FR: AreaCatalog<typeof STORAGE_ERRORS_EN> = {};

/** Arabic. */
export const STORAGE_ERRORS_AR: AreaCatalog<typeof STORAGE_ERRORS_EN> = {};
