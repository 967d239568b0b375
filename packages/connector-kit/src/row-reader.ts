import {
  contextSchema,
  identitySchema,
  type FactValue,
  type Identity,
  type RecordContext,
  type RowIssue,
  type RowIssueCode,
  type SourceRecord,
} from '@mimamori/records';
import type { NormalizeResult, RawRow } from './connector';
import { toFullWidthKana } from './kana-width';
import { parseNumber } from './parse-number';
import { parseWarekiDate } from './wareki';

/** Per-call options; `required` defaults to the column spec's `required`. */
export interface FieldOptions {
  readonly required?: boolean;
}

/** Options for numbers: bounds are checked and reported as `bad_number`. */
export interface NumberOptions extends FieldOptions {
  readonly min?: number;
  readonly max?: number;
}

/** Accepted spellings for a yes/no column (compared after NFKC and trimming). */
export interface BoolSpellings {
  readonly true: readonly string[];
  readonly false: readonly string[];
}

/** A record as a connector builds it: `undefined` values are dropped (identity) or null (facts). */
export interface RecordDraft {
  readonly kind: SourceRecord['kind'];
  readonly identity: { readonly [K in keyof Identity]?: Identity[K] | undefined };
  readonly context?: { readonly [K in keyof RecordContext]?: RecordContext[K] | undefined };
  readonly facts: Readonly<Record<string, FactValue | undefined>>;
  /** Defaults to the row's line. */
  readonly line?: number;
}

/** Accumulating reader over one row: each accessor records an issue instead of throwing. */
export interface RowReader {
  /** Trimmed text as written (no NFKC: names stay as written). */
  text(key: string, options?: FieldOptions): string | undefined;
  int(key: string, options?: NumberOptions): number | undefined;
  decimal(key: string, options?: NumberOptions): number | undefined;
  /** 和暦 or western date as ISO `YYYY-MM-DD`. */
  date(key: string, options?: FieldOptions): string | undefined;
  /** Export code → stored value; codes compared after NFKC (full/half width) and trimming. */
  code(
    key: string,
    table: Readonly<Record<string, string>>,
    options?: FieldOptions,
  ): string | undefined;
  bool(key: string, spellings: BoolSpellings, options?: FieldOptions): boolean | undefined;
  /** Reading with half-width katakana widened (ｶﾞ→ガ); otherwise as written. */
  kana(key: string, options?: FieldOptions): string | undefined;
  /** 住基 sex coding: 1/男 → 1, 2/女 → 2. */
  sex(key: string, options?: FieldOptions): 1 | 2 | undefined;
  readonly issues: readonly RowIssue[];
  /** The records when no accessor reported an issue, else no records and the issues. */
  result(records: readonly RecordDraft[]): NormalizeResult;
}

const normalizedTables = new WeakMap<object, Map<string, string>>();

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7e) return false;
  return true;
}

/** Width-folded form for comparing codes: NFKC (skipped for ASCII) and trimmed. */
function fold(text: string): string {
  return isAscii(text) ? text.trim() : text.normalize('NFKC').trim();
}

function codeMap(table: Readonly<Record<string, string>>): Map<string, string> {
  let map = normalizedTables.get(table);
  if (!map) {
    map = new Map(Object.entries(table).map(([code, value]) => [fold(code), value]));
    normalizedTables.set(table, map);
  }
  return map;
}

function matches(spellings: readonly string[], text: string, folded: string): boolean {
  return spellings.includes(text) || spellings.some((s) => fold(s) === folded);
}

const SEX = new Map<string, 1 | 2>([
  ['1', 1],
  ['男', 1],
  ['男性', 1],
  ['2', 2],
  ['女', 2],
  ['女性', 2],
]);

const IDENTITY_KEYS = Object.keys(identitySchema.shape);
const CONTEXT_KEYS = Object.keys(contextSchema.shape);

/** Copies the known keys that are set; fixed key order keeps object shapes stable and fast. */
function pick<T>(value: object, keys: readonly string[]): T {
  const source = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of keys) {
    const item = source[key];
    if (item !== undefined) out[key] = item;
  }
  return out as T;
}

function toRecord(draft: RecordDraft, line: number): SourceRecord {
  const facts: Record<string, FactValue> = {};
  for (const key in draft.facts) facts[key] = draft.facts[key] ?? null;
  return {
    kind: draft.kind,
    identity: pick<Identity>(draft.identity, IDENTITY_KEYS),
    context: draft.context ? pick<RecordContext>(draft.context, CONTEXT_KEYS) : {},
    facts,
    line: draft.line ?? line,
  };
}

/** Per-row state; the accessors live once on a shared prototype (no closures per row). */
interface ReaderState {
  readonly row: RawRow;
  readonly issues: RowIssue[];
  report(key: string, code: RowIssueCode, expected: string): undefined;
  cell(key: string, options: FieldOptions | undefined): string | undefined;
  number(key: string, kind: 'int' | 'decimal', options?: NumberOptions): number | undefined;
}

type Reader = RowReader & ReaderState;

const readerPrototype: Omit<Reader, 'row' | 'issues'> & ThisType<Reader> = {
  report(key, code, expected) {
    const field = this.row.fields?.[key]?.header ?? key;
    const column = this.row.columns[key] ?? 0;
    const { file, line } = this.row;
    this.issues.push({ file, line, column, code, field, message: `${field}: ${expected}` });
    return undefined;
  },
  /** The trimmed cell, or undefined when empty (reporting `missing_value` if required). */
  cell(key, options) {
    const text = this.row.values[key]?.trim() ?? '';
    if (text !== '') return text;
    if (options?.required ?? this.row.fields?.[key]?.required ?? false) {
      return this.report(key, 'missing_value', 'expected a value');
    }
    return undefined;
  },
  number(key, kind, options) {
    const text = this.cell(key, options);
    if (text === undefined) return undefined;
    const parsed = parseNumber(text, kind);
    if (!parsed.ok) return this.report(key, 'bad_number', parsed.expected);
    const min = options?.min;
    const max = options?.max;
    if ((min !== undefined && parsed.value < min) || (max !== undefined && parsed.value > max)) {
      const range = `expected a number from ${min ?? '-∞'} to ${max ?? '∞'}`;
      return this.report(key, 'bad_number', range);
    }
    return parsed.value;
  },
  text(key, options) {
    return this.cell(key, options);
  },
  int(key, options) {
    return this.number(key, 'int', options);
  },
  decimal(key, options) {
    return this.number(key, 'decimal', options);
  },
  date(key, options) {
    const text = this.cell(key, options);
    if (text === undefined) return undefined;
    const parsed = parseWarekiDate(text);
    return parsed.ok ? parsed.value : this.report(key, 'bad_date', parsed.expected);
  },
  code(key, table, options) {
    const text = this.cell(key, options);
    if (text === undefined) return undefined;
    const value = Object.hasOwn(table, text) ? table[text] : codeMap(table).get(fold(text));
    if (value !== undefined) return value;
    const codes = Object.keys(table).join(', ');
    return this.report(key, 'unknown_code', `expected one of the codes ${codes}`);
  },
  bool(key, spellings, options) {
    const text = this.cell(key, options);
    if (text === undefined) return undefined;
    const folded = fold(text);
    if (matches(spellings.true, text, folded)) return true;
    if (matches(spellings.false, text, folded)) return false;
    const allowed = [...spellings.true, ...spellings.false].join(', ');
    return this.report(key, 'unknown_code', `expected one of ${allowed}`);
  },
  kana(key, options) {
    const text = this.cell(key, options);
    return text === undefined ? undefined : toFullWidthKana(text);
  },
  sex(key, options) {
    const text = this.cell(key, options);
    if (text === undefined) return undefined;
    const sex = SEX.get(text) ?? SEX.get(fold(text));
    return sex ?? this.report(key, 'unknown_code', 'expected 1 or 男 (male), 2 or 女 (female)');
  },
  result(records) {
    if (this.issues.length > 0) return { records: [], issues: this.issues };
    const line = this.row.line;
    return { records: records.map((draft) => toRecord(draft, line)), issues: this.issues };
  },
};

/**
 * Starts reading one row. Accessors trim, convert and validate; problems accumulate as issues
 * carrying file, line, column and what was expected — never the cell's value.
 * Call accessors as methods (`r.int(...)`), not detached.
 *
 * @example
 * normalize(row) {
 *   const r = rowReader(row);
 *   const facts = { 'nursery.absenceDays': r.int('absenceDays', { min: 0, max: 31 }) };
 *   return r.result([{ kind: 'observation', identity: { residentNumber: r.text('id') }, facts }]);
 * }
 */
export function rowReader(row: RawRow): RowReader {
  const reader = Object.create(readerPrototype) as { row: RawRow; issues: RowIssue[] };
  reader.row = row;
  reader.issues = [];
  return reader as Reader;
}
