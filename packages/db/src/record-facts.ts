import type { FactValue } from '@mimamori/records';
import { DbError } from './db-error';

// A source record's facts as stored (`source_records.facts_json`). The records of a batch nearly
// always carry the same facts, in the order their connector declares them: such a record stores
// only its values, as a JSON array, against the names its batch stores once
// (`import_batches.fact_names_json`). Any other record stores a JSON object. The names repeated on
// every record were a quarter of an imported village's database (written twice by SQLite's WAL).
// Pure: the prepare thread encodes with it too.

/**
 * A record's facts as stored: its values in the order of `names` as a JSON array when its keys
 * are exactly `names` (in any order, none undefined); else the facts object. Read back, the facts
 * come in the order of `names` (the connector's declared order).
 * @example recordFactsText(['school.absenceDays'], { 'school.absenceDays': 3 }) // '[3]'
 */
export function recordFactsText(
  names: readonly string[] | null,
  facts: Readonly<Record<string, FactValue>>,
): string {
  const values = names === null ? null : valuesByName(names, facts);
  return JSON.stringify(values ?? facts);
}

// Each list of names' positions, computed once per list (a batch uses one for every record).
const positions = new WeakMap<readonly string[], Map<string, number>>();

function valuesByName(
  names: readonly string[],
  facts: Readonly<Record<string, FactValue>>,
): FactValue[] | null {
  let at = positions.get(names);
  if (at === undefined) {
    at = new Map(names.map((name, i) => [name, i]));
    positions.set(names, at);
  }
  if (at.size !== names.length) return null; // a name listed twice: no one place for its value
  const values = new Array<FactValue>(names.length);
  let count = 0;
  for (const key in facts) {
    const i = at.get(key);
    const value = facts[key];
    if (i === undefined || value === undefined) return null;
    values[i] = value;
    count += 1;
  }
  return count === names.length ? values : null;
}

/**
 * Parses a stored record's facts (either form); `names`: its batch's fact names (null when the
 * batch stored none). Throws `DbError('invalid_json')` naming the column, never a value.
 */
export function parseRecordFacts(
  text: string,
  names: readonly string[] | null,
  column: string,
): Record<string, FactValue> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new DbError('invalid_json', `column ${column} holds invalid JSON`, { cause: error });
  }
  if (Array.isArray(value)) {
    if (names === null || value.length !== names.length) {
      throw new DbError('invalid_json', `column ${column} holds values its batch has no names for`);
    }
    const facts: Record<string, FactValue> = {};
    for (let i = 0; i < names.length; i++) facts[names[i] as string] = factValue(value[i], column);
    return facts;
  }
  if (typeof value !== 'object' || value === null) {
    throw new DbError('invalid_json', `column ${column} does not match its schema`);
  }
  for (const v of Object.values(value)) factValue(v, column);
  return value as Record<string, FactValue>;
}

function factValue(v: unknown, column: string): FactValue {
  const t = typeof v;
  if (v === null || t === 'number' || t === 'string' || t === 'boolean') return v as FactValue;
  throw new DbError('invalid_json', `column ${column} does not match its schema`);
}

/** A batch's fact names as stored (`import_batches.fact_names_json`); null when it has none. */
export function factNamesText(names: readonly string[] | null | undefined): string | null {
  return names === null || names === undefined ? null : JSON.stringify(names);
}

// The last names parsed: the records read together nearly always share a batch.
let lastNames: { text: string; names: string[] } | undefined;

/** Parses `import_batches.fact_names_json` (the list is not to be changed). */
export function parseFactNames(text: string | null): readonly string[] | null {
  if (text === null) return null;
  if (lastNames?.text === text) return lastNames.names;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new DbError('invalid_json', 'column import_batches.fact_names_json holds invalid JSON', {
      cause: error,
    });
  }
  if (!Array.isArray(value) || !value.every((n) => typeof n === 'string')) {
    throw new DbError('invalid_json', 'column import_batches.fact_names_json is not a name list');
  }
  lastNames = { text, names: value };
  return lastNames.names;
}
