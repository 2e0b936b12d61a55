/**
 * The specific sentences of the errors that services (accounts, the Outbox, provider sign-in, backups, export, drafts, credentials, discovery, settings) give, in every language. The English object is the
 * source; each translation has exactly its ids (a missing or extra one fails type-checking). The
 * catalogs join the areas.
 */
import type { AreaCatalog } from './area-catalog';

/** English. */
export const SERVICE_ERRORS_EN = {} as const;

/** German. */
export const SERVICE_ERRORS_DE: AreaCatalog<typeof SERVICE_ERRORS_EN> = {};

/** French. */
export const SERVICE_ERRORS_FR: AreaCatalog<typeof SERVICE_ERRORS_EN> = {};

/** Arabic. */
export const SERVICE_ERRORS_AR: AreaCatalog<typeof SERVICE_ERRORS_EN> = {};
