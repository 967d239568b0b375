import { compileJsonPath, resolveJsonPath } from './json-path';

/** Facts for one child (or one record): fact id → value. */
export type Facts = Readonly<Record<string, unknown>>;
/** Reads one (possibly path-resolved) fact value from a fact record. */
export type FactReader = (facts: Facts) => unknown;
/** Fact values laid out by slot (see {@link FactSlots}); the evaluator's hot path reads these. */
export type Values = readonly unknown[];
/** Reads one (possibly path-resolved) fact value from slot values. */
export type SlotReader = (values: Values) => unknown;

/** The fact ids a compilation reads, each with a slot index. */
export interface FactSlots {
  readonly ids: readonly string[];
  slotOf(id: string): number;
}

/** Creates an empty slot table that assigns slots on first use. */
export function createFactSlots(): FactSlots {
  const ids: string[] = [];
  const slots = new Map<string, number>();
  return {
    ids,
    slotOf(id) {
      let slot = slots.get(id);
      if (slot === undefined) {
        slot = ids.length;
        ids.push(id);
        slots.set(id, slot);
      }
      return slot;
    },
  };
}

/** Copies a fact record's own values into slot order (one property read per distinct fact). */
export function extractSlots(ids: readonly string[], facts: Facts, out: unknown[]): unknown[] {
  for (let s = 0; s < ids.length; s += 1) {
    const id = ids[s] as string;
    out[s] = inheritedNames.has(id) ? ownFact(facts, id) : facts[id];
  }
  return out;
}

// Ids such as "constructor" would otherwise read Object.prototype; json-rules-engine only sees own keys.
export const inheritedNames = new Set(Object.getOwnPropertyNames(Object.prototype));

/** Reads an own property only. */
export function ownFact(facts: Facts, id: string): unknown {
  return Object.hasOwn(facts, id) ? facts[id] : undefined;
}

/**
 * A reader for `fact` (+ optional `path`), as json-rules-engine's almanac resolves it: a missing
 * fact is undefined; `path` is applied only to non-null objects, any other value is returned as is.
 */
export function createFactReader(fact: string, path: string | undefined): FactReader {
  const base: FactReader = inheritedNames.has(fact)
    ? (facts) => ownFact(facts, fact)
    : (facts) => facts[fact];
  if (!path) return base;
  const segments = compileJsonPath(path);
  return function readFactPath(facts) {
    const value = base(facts);
    return value !== null && typeof value === 'object' ? resolveJsonPath(value, segments) : value;
  };
}

/** Applies `path` to a fact value as the almanac does (only non-null objects are traversed). */
export function createPathResolver(
  path: string | undefined,
): ((value: unknown) => unknown) | undefined {
  if (!path) return undefined;
  const segments = compileJsonPath(path);
  return function resolvePath(value) {
    return value !== null && typeof value === 'object' ? resolveJsonPath(value, segments) : value;
  };
}

/** Like {@link createFactReader} over slot values. */
export function createSlotReader(slot: number, path: string | undefined): SlotReader {
  const resolve = createPathResolver(path);
  if (!resolve) return (values) => values[slot];
  return (values) => resolve(values[slot]);
}

/** Whether a fact is present for json-rules-engine (it registered a constant fact for the key). */
export function hasFact(facts: Facts, id: string): boolean {
  return Object.hasOwn(facts, id);
}
