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

/**
 * One column being filled, row by row. A single object shape (so the fill loop stays
 * monomorphic); it starts without a kind, takes the kind of its first value, and widens to plain
 * values if a later value does not fit.
 */
interface Builder {
  kind: 'empty' | FactColumn['kind'];
  readonly count: number;
  numbers: Float64Array;
  states: Uint8Array | undefined;
  codes8: Uint8Array;
  codes32: Int32Array;
  readonly dictionary: string[];
  readonly codeOf: Map<string, number>;
  values: unknown[];
  /** Rows holding null while the kind is still unknown. */
  readonly pendingNulls: number[];
}

function createBuilder(count: number): Builder {
  return {
    kind: 'empty',
    count,
    numbers: new Float64Array(0),
    states: undefined,
    codes8: new Uint8Array(0),
    codes32: new Int32Array(0),
    dictionary: [],
    codeOf: new Map(),
    values: [],
    pendingNulls: [],
  };
}

/** Sets row `row` (rows start out missing, so undefined needs no write). Hot path first. */
function put(b: Builder, row: number, value: unknown): void {
  switch (typeof value) {
    case 'number':
      if (b.kind !== 'number') break;
      b.numbers[row] = value;
      if (value !== value) (b.states ??= new Uint8Array(b.count))[row] = NAN;
      return;
    case 'boolean':
      if (b.kind !== 'boolean') break;
      b.codes8[row] = value ? 3 : 2;
      return;
    case 'string': {
      if (b.kind !== 'code') break;
      let code = b.codeOf.get(value);
      if (code === undefined) {
        code = b.dictionary.length + 2;
        b.dictionary.push(value);
        b.codeOf.set(value, code);
      }
      b.codes32[row] = code;
      return;
    }
    case 'undefined':
      return;
    default:
      if (value === null) {
        putNull(b, row);
        return;
      }
  }
  if (b.kind === 'values') b.values[row] = value;
  else if (b.kind === 'empty') {
    start(b, kindOf(value));
    put(b, row, value);
  } else {
    widen(b);
    b.values[row] = value;
  }
}

function kindOf(value: unknown): FactColumn['kind'] {
  const type = typeof value;
  return type === 'number'
    ? 'number'
    : type === 'boolean'
      ? 'boolean'
      : type === 'string'
        ? 'code'
        : 'values';
}

function start(b: Builder, kind: FactColumn['kind']): void {
  b.kind = kind;
  if (kind === 'number') b.numbers = new Float64Array(b.count).fill(Number.NaN);
  else if (kind === 'boolean') b.codes8 = new Uint8Array(b.count);
  else if (kind === 'code') b.codes32 = new Int32Array(b.count);
  else b.values = Array.from({ length: b.count });
  for (const row of b.pendingNulls) putNull(b, row);
  b.pendingNulls.length = 0;
}

function putNull(b: Builder, row: number): void {
  if (b.kind === 'number') (b.states ??= new Uint8Array(b.count))[row] = NULL;
  else if (b.kind === 'boolean') b.codes8[row] = NULL;
  else if (b.kind === 'code') b.codes32[row] = NULL;
  else if (b.kind === 'values') b.values[row] = null;
  else b.pendingNulls.push(row);
}

/** Rewrites the column as plain values (a value of another type arrived). */
function widen(b: Builder): void {
  const before = finish(b);
  b.values = Array.from({ length: b.count }, (_, row) => readFactValue(before, row));
  b.kind = 'values';
}

function finish(b: Builder): FactColumn {
  // Only missing and null values: a code column with an empty dictionary keeps them apart.
  if (b.kind === 'empty') start(b, 'code');
  switch (b.kind) {
    case 'number':
      return { kind: 'number', values: b.numbers, states: b.states };
    case 'boolean':
      return { kind: 'boolean', codes: b.codes8 };
    case 'values':
      return { kind: 'values', values: b.values };
    default:
      return { kind: 'code', codes: b.codes32, dictionary: b.dictionary };
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
  const builders = ids.map(() => createBuilder(count));
  const indexOf = new Map(ids.map((id, i) => [id, i] as const));
  const addNew = options.facts === undefined;
  const cachedKeys: string[] = [];
  const cachedIndex: number[] = [];
  // for…in also lists inherited enumerable keys; a plain record has none unless Object.prototype
  // itself was given some, so the (costly) own-key check is only made when it could matter.
  let prototypeEnumerable = false;
  for (const key in Object.prototype) prototypeEnumerable ||= key !== '';
  for (let row = 0; row < count; row += 1) {
    const facts = records[row] as Facts;
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
          builders.push(createBuilder(count));
          indexOf.set(key, index);
        }
        cachedKeys[j] = key;
        cachedIndex[j] = index;
      }
      if (index >= 0) put(builders[index] as Builder, row, facts[key]);
      j += 1;
    }
  }
  return { count, columns: new Map(ids.map((id, i) => [id, finish(builders[i] as Builder)])) };
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
    const builder = createBuilder(count);
    const n = Math.min(count, values.length);
    for (let row = 0; row < n; row += 1) put(builder, row, values[row]);
    columns.set(id, finish(builder));
  }
  return { count, columns };
}
