import type { Facts } from '../compile/fact-reader';

/**
 * Row states shared by the typed columns: 0 = undefined (missing), 1 = null. A zero-filled array
 * therefore reads as "every fact missing".
 */
export const MISSING = 0;
export const NULL = 1;
/** Number columns only: the value was NaN itself (not a missing fact). */
export const NAN = 2;

/**
 * One fact over every row, in the narrowest form that keeps each value exactly:
 * - `number`: all values are numbers, undefined or null. `values` holds NaN where the row has no
 *   number; `states` (allocated only once a null or NaN value appears) tells undefined / null / NaN apart.
 * - `boolean`: `codes` 0 = undefined, 1 = null, 2 = false, 3 = true.
 * - `code`: strings; `codes` 0 = undefined, 1 = null, k + 2 = `dictionary[k]`.
 * - `values`: anything else (mixed types, arrays, objects), as is.
 */
export type FactColumn =
  | {
      readonly kind: 'number';
      readonly values: Float64Array;
      readonly states: Uint8Array | undefined;
    }
  | { readonly kind: 'boolean'; readonly codes: Uint8Array }
  | { readonly kind: 'code'; readonly codes: Int32Array; readonly dictionary: readonly string[] }
  | { readonly kind: 'values'; readonly values: readonly unknown[] };

/** Facts of many children in typed columns: built once, scored many times (previews, what-ifs). */
export interface FactTable {
  readonly count: number;
  /** By fact id; a fact nobody supplied has no column (every row reads undefined). */
  readonly columns: ReadonlyMap<string, FactColumn>;
}

/** Fact values by column: `columns[factId][child]` (holes and short columns read undefined). */
export interface FactColumns {
  readonly count: number;
  readonly columns: Readonly<Record<string, ArrayLike<unknown>>>;
}

/** The value a column holds for `row`, exactly as it was supplied. */
export function readFactValue(column: FactColumn | undefined, row: number): unknown {
  if (column === undefined) return undefined;
  switch (column.kind) {
    case 'number': {
      const value = column.values[row] as number;
      if (value === value) return value;
      const state = column.states ? (column.states[row] as number) : MISSING;
      return state === NULL ? null : state === NAN ? Number.NaN : undefined;
    }
    case 'boolean': {
      const code = column.codes[row] as number;
      return code === MISSING ? undefined : code === NULL ? null : code === 3;
    }
    case 'code': {
      const code = column.codes[row] as number;
      return code === MISSING ? undefined : code === NULL ? null : column.dictionary[code - 2];
    }
    default:
      return column.values[row];
  }
}

/** Value types seen in one fact, as bits (undefined and null leave no trace). */
const numberSeen = 1;
const booleanSeen = 2;
const stringSeen = 4;
const otherSeen = 8;

function seenBit(value: unknown): number {
  switch (typeof value) {
    case 'number':
      return numberSeen;
    case 'boolean':
      return booleanSeen;
    case 'string':
      return stringSeen;
    case 'undefined':
      return 0;
    default:
      return value === null ? 0 : otherSeen;
  }
}

/** One column being filled: a single object shape so the fill loops stay monomorphic. */
interface Target {
  readonly kind: FactColumn['kind'];
  readonly numbers: Float64Array;
  states: Uint8Array | undefined;
  readonly codes8: Uint8Array;
  readonly codes32: Int32Array;
  readonly dictionary: string[];
  readonly codeOf: Map<string, number>;
  readonly values: unknown[];
}

const none = {
  numbers: new Float64Array(0),
  codes8: new Uint8Array(0),
  codes32: new Int32Array(0),
};

/** Allocates the narrowest column that holds every value seen exactly. */
function createTarget(seen: number, count: number): Target {
  const base = { ...none, states: undefined, dictionary: [], codeOf: new Map(), values: [] };
  switch (seen) {
    case numberSeen:
      return { ...base, kind: 'number', numbers: new Float64Array(count).fill(Number.NaN) };
    case booleanSeen:
      return { ...base, kind: 'boolean', codes8: new Uint8Array(count) };
    case stringSeen:
    case 0: // only missing and null values: an empty dictionary keeps them apart
      return { ...base, kind: 'code', codes32: new Int32Array(count) };
    default:
      return { ...base, kind: 'values', values: Array.from({ length: count }) };
  }
}

function write(target: Target, row: number, value: unknown): void {
  switch (target.kind) {
    case 'number':
      if (typeof value === 'number') {
        target.numbers[row] = value;
        if (value !== value) (target.states ??= new Uint8Array(target.numbers.length))[row] = NAN;
      } else if (value === null) {
        (target.states ??= new Uint8Array(target.numbers.length))[row] = NULL;
      }
      return;
    case 'boolean':
      target.codes8[row] =
        value === true ? 3 : value === false ? 2 : value === null ? NULL : MISSING;
      return;
    case 'code': {
      if (typeof value !== 'string') {
        target.codes32[row] = value === null ? NULL : MISSING;
        return;
      }
      let code = target.codeOf.get(value);
      if (code === undefined) {
        code = target.dictionary.length + 2;
        target.dictionary.push(value);
        target.codeOf.set(value, code);
      }
      target.codes32[row] = code;
      return;
    }
    default:
      target.values[row] = value;
  }
}

function finish(target: Target): FactColumn {
  switch (target.kind) {
    case 'number':
      return { kind: 'number', values: target.numbers, states: target.states };
    case 'boolean':
      return { kind: 'boolean', codes: target.codes8 };
    case 'code':
      return { kind: 'code', codes: target.codes32, dictionary: target.dictionary };
    default:
      return { kind: 'values', values: target.values };
  }
}

/** Options for {@link createFactTable}. */
export interface FactTableOptions {
  /** Only these facts get columns (e.g. a scorer's `compiled.factIds`); default: every own key. */
  readonly facts?: readonly string[];
}

/**
 * Builds a typed fact table from fact records (own keys only, as json-rules-engine sees them).
 * It walks each record's keys and remembers the previous record's key order: records built the
 * same way share that order, so each key's column is found by one string comparison.
 *
 * @example
 * const table = createFactTable(records, { facts: scorer.compiled.factIds });
 * const scores = scorer.scoreTable(table);
 */
export function createFactTable(
  records: readonly Facts[],
  options: FactTableOptions = {},
): FactTable {
  const count = records.length;
  const ids: string[] = [...(options.facts ?? [])];
  const indexOf = new Map(ids.map((id, i) => [id, i] as const));
  const addNew = options.facts === undefined;
  const seen: number[] = ids.map(() => 0);
  const cachedKeys: string[] = [];
  const cachedIndex: number[] = [];
  // for…in also lists inherited enumerable keys; a plain record has none unless Object.prototype
  // itself was given some, so the (costly) own-key check is only made when it could matter.
  let prototypeEnumerable = false;
  for (const key in Object.prototype) prototypeEnumerable ||= key !== '';

  /** Calls `visit(column index, value, row)` for every fact of a record that gets a column. */
  function eachFact(
    facts: Facts,
    row: number,
    visit: (index: number, value: unknown, row: number) => void,
  ): void {
    const proto: unknown = Object.getPrototypeOf(facts);
    const plain = proto === null || (proto === Object.prototype && !prototypeEnumerable);
    let j = 0;
    for (const key in facts) {
      if (!plain && !Object.hasOwn(facts, key)) continue;
      let index: number;
      if (cachedKeys[j] === key) index = cachedIndex[j] as number;
      else {
        index = indexOf.get(key) ?? -1;
        if (index < 0 && addNew) {
          index = ids.length;
          ids.push(key);
          seen.push(0);
          indexOf.set(key, index);
        }
        cachedKeys[j] = key;
        cachedIndex[j] = index;
      }
      if (index >= 0) visit(index, facts[key], row);
      j += 1;
    }
  }

  // Two passes: which value types each fact holds (so each column is allocated once, in its
  // narrowest kind), then the values themselves.
  // (The visitors are made once, outside the loops: a closure per row would cost more than the row.)
  const noteType = (index: number, value: unknown): void => {
    seen[index] = (seen[index] as number) | seenBit(value);
  };
  for (let row = 0; row < count; row += 1) eachFact(records[row] as Facts, row, noteType);
  const targets = seen.map((bits) => createTarget(bits, count));
  const fill = (index: number, value: unknown, row: number): void => {
    write(targets[index] as Target, row, value);
  };
  for (let row = 0; row < count; row += 1) eachFact(records[row] as Facts, row, fill);
  return { count, columns: new Map(ids.map((id, i) => [id, finish(targets[i] as Target)])) };
}

/**
 * Builds a typed fact table from columns of values (`columns[factId][row]`).
 *
 * @example
 * const table = factTableFromColumns({ count: 2, columns: { 'school.absenceDays': [3, 42] } });
 */
export function factTableFromColumns(facts: FactColumns): FactTable {
  const { count } = facts;
  const columns = new Map<string, FactColumn>();
  for (const [id, values] of Object.entries(facts.columns)) {
    const n = Math.min(count, values.length);
    let bits = 0;
    for (let row = 0; row < n; row += 1) bits |= seenBit(values[row]);
    const target = createTarget(bits, count);
    for (let row = 0; row < n; row += 1) write(target, row, values[row]);
    columns.set(id, finish(target));
  }
  return { count, columns };
}
