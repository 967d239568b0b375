import { isValidResidentNumber } from '@mimamori/identity';
import type { RowIssue } from '@mimamori/records';
import type { RawRow } from './connector';

/**
 * The problem with a row's 宛名番号 (resident number), if any: it must be 10 digits with a valid
 * modulus-11 check digit. A number that fails (leading zeros dropped by Excel, a typo) would
 * otherwise link to no child without a word. Pass the number already cleaned of full-width
 * digits, spaces and hyphens; `undefined` (an empty optional cell) is no problem.
 * @example const issues = residentNumberIssues(row, normalizeResidentNumber(text));
 */
export function residentNumberIssues(
  row: RawRow,
  value: string | undefined,
  key = 'residentNumber',
): RowIssue[] {
  if (value === undefined || isValidResidentNumber(value)) return [];
  const field = row.fields?.[key]?.header ?? '宛名番号';
  return [
    {
      file: row.file,
      line: row.line,
      column: row.columns[key] ?? 0,
      code: 'bad_check_digit',
      field,
      message: `${field}: expected 10 digits with a valid check digit`,
    },
  ];
}
