import { z } from 'zod';

/** Codes for problems found in an input file. Stable: tools and the UI rely on them. */
export const rowIssueCodes = [
  'missing_column',
  'missing_value',
  'bad_date',
  'bad_number',
  'unknown_code',
  'bad_format',
  'bad_check_digit',
  'undecodable',
  'gaiji_unmapped',
  'empty_file',
  'bad_file',
  'duplicate_file',
  'no_roster',
] as const;
export const rowIssueCodeSchema = z.enum(rowIssueCodes);
export type RowIssueCode = z.infer<typeof rowIssueCodeSchema>;

/**
 * One problem in an input file. Never carries the cell's value: only where and what was expected.
 */
export const rowIssueSchema = z.object({
  file: z.string(),
  /** 1-based physical line (CSV) or row (XLSX). */
  line: z.number().int().nonnegative(),
  /** 1-based column; 0 when the issue concerns the whole row or file. */
  column: z.number().int().nonnegative(),
  code: rowIssueCodeSchema,
  /** What was expected, in English; no cell values. */
  message: z.string(),
  /** The field (column header) concerned, if any. */
  field: z.string().optional(),
});
export type RowIssue = z.infer<typeof rowIssueSchema>;

/** Formats an issue as `file:line:column code message` (the CLI contract). */
export function formatRowIssue(issue: RowIssue): string {
  return `${issue.file}:${issue.line}:${issue.column} ${issue.code} ${issue.message}`;
}
