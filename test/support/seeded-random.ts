/**
 * A small, fast, seedable pseudo-random generator (mulberry32): the same seed gives the same numbers,
 * so a generated mailbox or a chosen moment of a run can be made again from the seed a failure names.
 * Each call of the function returned gives the next number in [0, 1).
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4_294_967_296;
  };
}
