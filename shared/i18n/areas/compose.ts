/**
 * The messages of the compose window, the Outbox and undo send, in every language. The English object is the source; each translation
 * has exactly its ids (a missing or extra one fails type-checking). The catalogs join the areas.
 */
import type { AreaCatalog } from './area-catalog';

/** English. */
export const COMPOSE_EN = {} as const satisfies Readonly<Record<string, string>>;

/** German. */
export const COMPOSE_DE: AreaCatalog<typeof COMPOSE_EN> = {};

/** French. */
export const COMPOSE_FR: AreaCatalog<typeof COMPOSE_EN> = {};

/** Arabic. */
export const COMPOSE_AR: AreaCatalog<typeof COMPOSE_EN> = {};
