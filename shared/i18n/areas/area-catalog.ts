/** A translation of one area's English messages: every id, none missing, none left over. */
export type AreaCatalog<English extends Readonly<Record<string, string>>> = Readonly<Record<keyof English, string>>;

/** The areas' messages as one object's type: every area's ids, each with its own type. */
type Joined<Areas extends readonly object[]> = Areas extends readonly [infer First, ...infer Rest extends readonly object[]] ? First & Joined<Rest> : unknown;

/**
 * One catalog of several areas' messages (a later area's id would replace an earlier one's). They are
 * assigned, not spread into an object literal: spreading two thousand properties one by one makes V8
 * copy the object's layout again for each (measured: tens of milliseconds at every start of the
 * command line, for English alone), where assigning them turns the object into a hash table at once.
 */
export function joinAreas<Areas extends readonly Readonly<Record<string, string>>[]>(...areas: Areas): Joined<Areas> {
  return Object.assign({}, ...areas) as Joined<Areas>;
}
