import {
  defineConnector,
  rowReader,
  type BoolSpellings,
  type ColumnSpec,
  type Connector,
  type ConnectorInput,
  type NormalizeResult,
  type RawRow,
  type RecordDraft,
  type RowReader,
} from '@mimamori/connector-kit';
import { isValidResidentNumber, normalizeResidentNumber } from '@mimamori/identity';
import type { FactDeclaration, FactValue, RowIssue, RowIssueCode } from '@mimamori/records';
import type { Mapping, MappedColumn, MappedFact } from './mapping-schema';
import { prepareMappedInput } from './prepare-input';
import { parseMapping } from './validate-mapping';

/** A connector built from a mapping; `prepareInput` must run before `runConnector`. */
export interface MappedConnector extends Connector {
  readonly mapping: Mapping;
  /** Rewrites tab/semicolon CSV or a late header row into the kit's layout, keeping line numbers. */
  prepareInput(input: ConnectorInput): Promise<ConnectorInput>;
}

const DEFAULT_MARK = { true: ['○', '〇', '1', '有', 'あり'], false: ['無', 'なし', '0', '×', ''] };
const WAREKI = /^\s*(令和|平成|昭和|大正|[RHSTrhstＲＨＳＴｒｈｓｔ㋿㍻㍼㍽])/;

function keyOf(index: number): string {
  return `c${index + 1}`;
}

function declaration(fact: MappedFact): FactDeclaration {
  const allowed = fact.codes ? [...new Set(Object.values(fact.codes))] : undefined;
  return {
    id: fact.id,
    label: fact.label,
    type: fact.type,
    ...(fact.unit === undefined ? {} : { unit: fact.unit }),
    ...(allowed === undefined ? {} : { allowedValues: allowed }),
    ...(fact.min === undefined ? {} : { min: fact.min }),
    ...(fact.max === undefined ? {} : { max: fact.max }),
    purpose: fact.purpose,
    legalBasis: fact.legalBasis,
    retention: fact.retention,
  };
}

/** Issues the kit's reader cannot raise itself (format of a date, check digit). */
function issue(row: RawRow, key: string, code: RowIssueCode, expected: string): RowIssue {
  const field = row.fields?.[key]?.header ?? key;
  const column = row.columns[key] ?? 0;
  return { file: row.file, line: row.line, column, code, field, message: `${field}: ${expected}` };
}

function isEmpty(row: RawRow, key: string): boolean {
  return (row.values[key]?.trim() ?? '') === '';
}

const cleanSpellings = new WeakMap<BoolSpellings, BoolSpellings>();
const cleanCodes = new WeakMap<object, Readonly<Record<string, string>>>();
const filled = (text: string): boolean => text.trim() !== '';

/** Spellings without the empty-cell entry (handled before reading), so messages list real ones. */
function spellingsOf(spellings: BoolSpellings): BoolSpellings {
  let out = cleanSpellings.get(spellings);
  if (!out) {
    out = { true: spellings.true.filter(filled), false: spellings.false.filter(filled) };
    cleanSpellings.set(spellings, out);
  }
  return out;
}

/** The code table without the empty-cell entry. */
function codesOf(codes: Readonly<Record<string, string>>): Readonly<Record<string, string>> {
  let out = cleanCodes.get(codes);
  if (!out) {
    out = Object.fromEntries(Object.entries(codes).filter(([code]) => filled(code)));
    cleanCodes.set(codes, out);
  }
  return out;
}

type Reader = { r: RowReader; row: RawRow; extra: RowIssue[] };

function readDate(ctx: Reader, key: string, column: MappedColumn): string | undefined {
  const value = ctx.r.date(key);
  const format = column.dateFormat ?? 'auto';
  if (value === undefined || format === 'auto') return value;
  const wareki = WAREKI.test(ctx.row.values[key] ?? '');
  if (wareki === (format === 'wareki')) return value;
  const want =
    format === 'wareki' ? 'a 和暦 date such as 令和7年4月1日' : 'a date such as 2025-04-01';
  ctx.extra.push(issue(ctx.row, key, 'bad_date', `expected ${want}`));
  return undefined;
}

function readFact(
  ctx: Reader,
  key: string,
  column: MappedColumn,
  fact: MappedFact,
): FactValue | undefined {
  const { r, row } = ctx;
  switch (fact.type) {
    case 'number': {
      const bounds = {
        ...(fact.min === undefined ? {} : { min: fact.min }),
        ...(fact.max === undefined ? {} : { max: fact.max }),
      };
      return fact.integer === true ? r.int(key, bounds) : r.decimal(key, bounds);
    }
    case 'boolean': {
      const spellings = fact.boolean ?? DEFAULT_MARK;
      if (isEmpty(row, key) && spellings.false.includes('')) return false;
      if (isEmpty(row, key) && spellings.true.includes('')) return true;
      return r.bool(key, spellingsOf(spellings));
    }
    case 'code': {
      const empty = fact.codes?.[''];
      if (isEmpty(row, key) && empty !== undefined) return empty;
      return r.code(key, codesOf(fact.codes ?? {}));
    }
    case 'date':
      return readDate(ctx, key, column);
    case 'text':
      return r.text(key);
  }
}

function readIdentity(
  ctx: Reader,
  key: string,
  column: MappedColumn,
  identity: Record<string, unknown>,
): void {
  const { r, row } = ctx;
  switch (column.identityField) {
    case undefined:
      return;
    case 'residentNumber': {
      const text = r.text(key);
      if (text === undefined) return;
      const number = normalizeResidentNumber(text);
      if (isValidResidentNumber(number)) identity['residentNumber'] = number;
      else
        ctx.extra.push(
          issue(row, key, 'bad_check_digit', 'expected 10 digits ending in a valid check digit'),
        );
      return;
    }
    case 'kana':
      identity['kana'] = r.kana(key);
      return;
    case 'birthDate':
      identity['birthDate'] = readDate(ctx, key, column);
      return;
    case 'sex':
      identity['sex'] = r.sex(key);
      return;
    case 'dvSupport':
      identity['dvSupport'] = isEmpty(row, key) ? false : r.bool(key, DEFAULT_MARK);
      return;
    default:
      identity[column.identityField] = r.text(key);
  }
}

function normalizeWith(mapping: Mapping): (row: RawRow) => NormalizeResult {
  const columns = mapping.columns.map((column, index) => ({ column, key: keyOf(index) }));
  return function normalizeMappedRow(row) {
    const ctx: Reader = { r: rowReader(row), row, extra: [] };
    const identity: Record<string, unknown> = {};
    const facts: Record<string, FactValue | undefined> = {};
    for (const { column, key } of columns) {
      // Only identity columns feed linkage: a personal column's identityField (a guardian's
      // name) documents what it holds and is never read. Context columns are refused by
      // validation and never read either: the school and nursery connectors own the context.
      if (column.role === 'fact' && column.fact) {
        facts[column.fact.id] = readFact(ctx, key, column, column.fact);
      } else if (column.role === 'identity') {
        readIdentity(ctx, key, column, identity);
      }
    }
    const draft = { kind: 'observation', identity, context: {}, facts } as RecordDraft;
    const result = ctx.r.result([draft]);
    if (ctx.extra.length === 0) return result;
    const issues = [...result.issues, ...ctx.extra].sort((a, b) => a.column - b.column);
    return { records: [], issues };
  };
}

/**
 * Builds a connector from a mapping document: validated (throws `MappingError`
 * `invalid_mapping` with every problem), frozen, and read through `rowReader` like a code
 * connector, so `runConnector` and `testConnector` work unchanged.
 *
 * @example
 * const hall = createMappedConnector(JSON.parse(readFileSync('childrens-hall.json', 'utf8')));
 * const run = await runConnector(hall, await hall.prepareInput({ file: 'hall.csv', bytes }));
 */
export function createMappedConnector(input: unknown): MappedConnector {
  const mapping = deepFreeze(parseMapping(input));
  const columns: ColumnSpec[] = mapping.columns.map((column, index) => ({
    header: column.header,
    key: keyOf(index),
    role: column.role,
    required: column.required,
    personal: column.personal,
  }));
  const facts = mapping.columns.flatMap((c) =>
    c.role === 'fact' && c.fact ? [declaration(c.fact)] : [],
  );
  // Keys of the name and kana columns used for linkage: `?` in them is a lost 外字.
  const nameColumns = mapping.columns.flatMap((c, index) =>
    c.role === 'identity' && (c.identityField === 'name' || c.identityField === 'kana')
      ? [keyOf(index)]
      : [],
  );
  const connector: MappedConnector = {
    name: mapping.name,
    version: mapping.version,
    title: mapping.title,
    source: mapping.source,
    roster: false,
    file: {
      formats: [mapping.file.format],
      encoding: mapping.file.encoding,
      ...(mapping.file.sheet === undefined ? {} : { sheet: mapping.file.sheet }),
    },
    columns,
    nameColumns,
    facts,
    mapping,
    normalize: normalizeWith(mapping),
    prepareInput: (file) => prepareMappedInput(mapping.file, file),
  };
  return defineConnector(connector) as MappedConnector;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const item of Object.values(value)) deepFreeze(item);
    Object.freeze(value);
  }
  return value;
}
