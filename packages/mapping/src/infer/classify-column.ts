import { CODE_HINT, COUNT_HINT } from './header-hints';
import {
  FALSE_WORDS,
  TRUE_WORDS,
  fold,
  isDate,
  isDecimal,
  isIdentifierLike,
  isInteger,
  isKana,
  isWareki,
  parseDate,
} from './value-shapes';

/** Types a sample column can show. */
export const inferredTypes = [
  'integer',
  'decimal',
  'date',
  'boolean',
  'code',
  'kana',
  'identifier',
  'text',
  'empty',
] as const;
export type InferredType = (typeof inferredTypes)[number];

/** What the values of one column look like (no values kept except code lists and spellings). */
export interface ColumnShape {
  readonly type: InferredType;
  /** Share of filled cells that fit the type (0–1). */
  readonly fit: number;
  readonly rows: number;
  readonly filled: number;
  readonly distinct: number;
  /** Code facts: the distinct codes (short category values, not personal data). */
  readonly codes?: readonly string[];
  readonly boolean?: { readonly true: readonly string[]; readonly false: readonly string[] };
  readonly min?: number;
  readonly max?: number;
  /** Dates: how they are written, and the span in days between the earliest and latest. */
  readonly dateFormat?: 'wareki' | 'iso' | 'auto';
  readonly spanDays?: number;
  readonly earliest?: string;
}

const FIT = 0.95;

function share(values: readonly string[], test: (v: string) => boolean): number {
  return values.length === 0 ? 0 : values.filter(test).length / values.length;
}

/** The other half of a yes/no pair, for columns where the sample shows only one side. */
const PAIRS: Readonly<Record<string, string>> = {
  有: '無',
  無: '有',
  あり: 'なし',
  なし: 'あり',
  '○': '×',
  〇: '×',
  '×': '○',
  はい: 'いいえ',
  いいえ: 'はい',
  '1': '0',
  '0': '1',
  該当: '非該当',
  非該当: '該当',
};

function booleanShape(
  distinct: readonly string[],
  hasEmpty: boolean,
  header: string,
): ColumnShape['boolean'] {
  const key = (v: string) => fold(v).toLowerCase();
  if (distinct.length === 0 || distinct.length > 2) return undefined;
  const truthy = distinct.filter((v) => TRUE_WORDS.has(key(v)));
  const falsy = distinct.filter((v) => FALSE_WORDS.has(key(v)));
  if (truthy.length + falsy.length !== distinct.length) return undefined;
  // 0/1 are counts unless both occur and the header names no count.
  const digits = distinct.every((v) => key(v) === '0' || key(v) === '1');
  if (digits && (distinct.length < 2 || COUNT_HINT.test(header))) return undefined;
  const other = (list: readonly string[]) =>
    list.map((v) => PAIRS[fold(v)]).filter((v) => v !== undefined);
  return {
    true: truthy.length > 0 ? truthy : other(falsy).slice(0, 1),
    // A lone mark with blank cells (○ / blank) reads blank as no.
    false: falsy.length > 0 ? falsy : [...other(truthy).slice(0, 1), ...(hasEmpty ? [''] : [])],
  };
}

function numberRange(values: readonly string[]): { min: number; max: number } {
  // A loop, not Math.min(...numbers): a column can hold more values than a call has arguments.
  let min = Infinity;
  let max = -Infinity;
  for (const value of values) {
    const number = Number(fold(value).replaceAll(',', ''));
    if (number < min) min = number;
    if (number > max) max = number;
  }
  return { min, max };
}

function dateShape(values: readonly string[]): Partial<ColumnShape> {
  const dates = values
    .map(parseDate)
    .filter((d): d is string => d !== undefined)
    .sort();
  const earliest = dates[0] ?? '';
  const latest = dates[dates.length - 1] ?? '';
  const spanDays = (Date.parse(latest) - Date.parse(earliest)) / 86_400_000;
  const wareki = share(values, isWareki);
  const dateFormat = wareki === 1 ? 'wareki' : wareki === 0 ? 'iso' : 'auto';
  return { dateFormat, spanDays, earliest };
}

/**
 * Classifies one column from its header and cells: identifiers, numbers, dates (incl. 和暦),
 * yes/no, code lists (few distinct short values), readings (kana) or free text.
 */
export function classifyColumn(header: string, cells: readonly string[]): ColumnShape {
  const values = cells.map((c) => c.trim()).filter((c) => c !== '');
  const distinctValues = [...new Set(values)].sort();
  const base = { rows: cells.length, filled: values.length, distinct: distinctValues.length };
  if (values.length === 0) return { type: 'empty', fit: 0, ...base };
  const hasEmpty = values.length < cells.length;
  const fits = (
    type: InferredType,
    fit: number,
    extra: Partial<ColumnShape> = {},
  ): ColumnShape => ({ type, fit, ...base, ...extra });

  const bool = booleanShape(distinctValues, hasEmpty, header);
  if (bool) return fits('boolean', 1, { boolean: bool });
  const identifier = share(values, isIdentifierLike);
  if (identifier >= FIT) return fits('identifier', identifier);
  const integer = share(values, isInteger);
  if (integer >= FIT) {
    const range = numberRange(values.filter(isInteger));
    const smallCodes = distinctValues.length <= 5 && range.min >= 0 && range.max <= 9 && hasEmpty;
    const isCode = !COUNT_HINT.test(header) && (CODE_HINT.test(header) || smallCodes);
    return isCode
      ? fits('code', integer, { codes: distinctValues })
      : fits('integer', integer, range);
  }
  const decimal = share(values, isDecimal);
  if (decimal >= FIT) return fits('decimal', decimal, numberRange(values.filter(isDecimal)));
  const date = share(values, isDate);
  if (date >= FIT) return fits('date', date, dateShape(values));
  const kana = share(values, isKana);
  if (kana >= 0.9) return fits('kana', kana);
  const short = values.every((v) => [...v].length <= 12);
  const few =
    distinctValues.length <= 12 && distinctValues.length <= Math.max(2, values.length / 3);
  if (short && few) return fits('code', 1, { codes: distinctValues });
  return fits('text', 1);
}
