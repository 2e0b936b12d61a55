/**
 * The specific sentences of the errors the POP3 and SMTP engines give, in every language. The English
 * object is the source; each translation has exactly its ids (a missing or extra one fails
 * type-checking). The catalogs join the areas.
 */
import type { AreaCatalog } from './area-catalog';

/** English. */
export const PROTOCOL_ERRORS_EN = {} as const;

/** German. */
export const PROTOCOL_ERRORS_DE: AreaCatalog<typeof PROTOCOL_ERRORS_EN> = {};

/** French. */
export const PROTOCOL_ERRORS_FR: AreaCatalog<typeof PROTOCOL_ERRORS_EN> = {};

/** Arabic. */
export const PROTOCOL_ERRORS_AR: AreaCatalog<typeof PROTOCOL_ERRORS_EN> = {};
