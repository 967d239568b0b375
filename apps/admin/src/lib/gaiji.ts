/** Checks of the 外字 table before it is saved (the API validates again). */
import type { GaijiEntry } from './api-types';

export type GaijiProblem = {
  row: number;
  field: 'code' | 'standard';
  kind: 'format' | 'empty' | 'duplicate';
};

const codePattern = /^U\+[0-9A-F]{4,6}$/;

/** Normalises `u+e001`, `E001` or the character itself to `U+E001`. */
export function normalizeCode(input: string): string {
  const trimmed = input.trim();
  const hex = /^(?:U\+|u\+)?([0-9a-fA-F]{4,6})$/.exec(trimmed)?.[1];
  if (hex) return `U+${hex.toUpperCase()}`;
  const chars = [...trimmed];
  const only = chars.length === 1 ? chars[0]?.codePointAt(0) : undefined;
  return only !== undefined ? `U+${only.toString(16).toUpperCase().padStart(4, '0')}` : trimmed;
}

export function gaijiProblems(entries: readonly GaijiEntry[]): GaijiProblem[] {
  const problems: GaijiProblem[] = [];
  const seen = new Map<string, number>();
  entries.forEach((entry, row) => {
    if (!codePattern.test(entry.code)) problems.push({ row, field: 'code', kind: 'format' });
    else if (seen.has(entry.code)) problems.push({ row, field: 'code', kind: 'duplicate' });
    seen.set(entry.code, row);
    if (entry.standard.trim() === '') problems.push({ row, field: 'standard', kind: 'empty' });
  });
  return problems;
}
