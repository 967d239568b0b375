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

type Kind = 'empty' | FactColumn['kind'];

/** Accumulates one column row by row, widening to `values` when a value does not fit the kind. */
interface ColumnBuilder {
  set(row: number, value: unknown): void;
  finish(): FactColumn;
}

function kindOf(value: unknown): Kind {
  switch (typeof value) {
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'string':
      return 'code';
    default:
      return 'values';
  }
}

function createColumnBuilder(count: number): ColumnBuilder {
  let kind: Kind = 'empty';
  let numbers = new Float64Array(0);
  let states: Uint8Array | undefined;
  let codes8 = new Uint8Array(0);
  let codes32 = new Int32Array(0);
  const dictionary: string[] = [];
  const codeOf = new Map<string, number>();
  let values: unknown[] = [];
  /** Rows holding null while the kind is still unknown. */
  const pendingNulls: number[] = [];

  function current(): FactColumn {
    switch (kind) {
      case 'number':
        return { kind, values: numbers, states };
      case 'boolean':
        return { kind, codes: codes8 };
      case 'values':
        return { kind, values };
      default:
        return { kind: 'code', codes: codes32, dictionary };
    }
  }

  function start(next: Kind): void {
    kind = next;
    if (next === 'number') numbers = new Float64Array(count).fill(Number.NaN);
    else if (next === 'boolean') codes8 = new Uint8Array(count);
    else if (next === 'code') codes32 = new Int32Array(count);
    else values = new Array<unknown>(count).fill(undefined);
    for (const row of pendingNulls) setNull(row);
    pendingNulls.length = 0;
  }

  function widen(): void {
    const before = current();
    const all = new Array<unknown>(count);
    for (let row = 0; row < count; row += 1) all[row] = readFactValue(before, row);
    kind = 'values';
    values = all;
  }

  function setNull(row: number): void {
    if (kind === 'number') {
      states ??= new Uint8Array(count);
      states[row] = NULL;
    } else if (kind === 'boolean') codes8[row] = NULL;
    else if (kind === 'code') codes32[row] = NULL;
    else values[row] = null;
  }

  function set(row: number, value: unknown): void {
    if (value === undefined) {
      // Rows start out missing; an explicit undefined after another value (same row) resets it.
      if (kind !== 'empty') setMissing(row);
      return;
    }
    if (value === null) {
      if (kind === 'empty') pendingNulls.push(row);
      else setNull(row);
      return;
    }
    const valueKind = kindOf(value);
    if (kind === 'empty') start(valueKind);
    else if (kind !== valueKind && kind !== 'values') widen();
    switch (kind) {
      case 'number':
        numbers[row] = value as number;
        if (value !== value) (states ??= new Uint8Array(count))[row] = NAN;
        else if (states) states[row] = MISSING;
        return;
      case 'boolean':
        codes8[row] = value === true ? 3 : 2;
        return;
      case 'code': {
        let code = codeOf.get(value as string);
        if (code === undefined) {
          code = dictionary.length + 2;
          dictionary.push(value as string);
          codeOf.set(value as string, code);
        }
        codes32[row] = code;
        return;
      }
      default:
        values[row] = value;
    }
  }

  function setMissing(row: number): void {
    if (kind === 'number') {
      numbers[row] = Number.NaN;
      if (states) states[row] = MISSING;
    } else if (kind === 'boolean') codes8[row] = MISSING;
    else if (kind === 'code') codes32[row] = MISSING;
    else values[row] = undefined;
  }

  function finish(): FactColumn {
    if (kind === 'empty') start('code');
    return current();
  }

  return { set, finish };
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
  const builders = new Map<string, ColumnBuilder>();
  const only = options.facts ? new Set(options.facts) : undefined;
  for (const id of options.facts ?? []) builders.set(id, createColumnBuilder(count));
  const cachedKeys: string[] = [];
  const cachedBuilders: (ColumnBuilder | undefined)[] = [];
  for (let row = 0; row < count; row += 1) {
    const facts = records[row] as Facts;
    let j = 0;
    for (const key in facts) {
      if (!Object.hasOwn(facts, key)) continue;
      let builder: ColumnBuilder | undefined;
      if (cachedKeys[j] === key) builder = cachedBuilders[j];
      else {
        builder = builders.get(key);
        if (builder === undefined && only === undefined) {
          builder = createColumnBuilder(count);
          builders.set(key, builder);
        }
        cachedKeys[j] = key;
        cachedBuilders[j] = builder;
      }
      builder?.set(row, facts[key]);
      j += 1;
    }
  }
  return finishTable(count, builders);
}

/**
 * Builds a typed fact table from columns of values (`columns[factId][row]`).
 *
 * @example
 * const table = factTableFromColumns({ count: 2, columns: { 'school.absenceDays': [3, 42] } });
 */
export function factTableFromColumns(facts: FactColumns): FactTable {
  const builders = new Map<string, ColumnBuilder>();
  for (const [id, column] of Object.entries(facts.columns)) {
    const builder = createColumnBuilder(facts.count);
    const n = Math.min(facts.count, column.length);
    for (let row = 0; row < n; row += 1) builder.set(row, column[row]);
    builders.set(id, builder);
  }
  return finishTable(facts.count, builders);
}

function finishTable(count: number, builders: ReadonlyMap<string, ColumnBuilder>): FactTable {
  const columns = new Map<string, FactColumn>();
  for (const [id, builder] of builders) columns.set(id, builder.finish());
  return { count, columns };
}
