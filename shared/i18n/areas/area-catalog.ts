/** A translation of one area's English messages: every id, none missing, none left over. */
export type AreaCatalog<English extends Readonly<Record<string, string>>> = Readonly<Record<keyof English, string>>;
