/**
 * The 外字 table form: every row needs a `U+XXXX` code used once and the standard character
 * it stands for (the API checks again when it saves).
 */
import { z } from 'zod';
import type { MessageKey } from '../i18n/ja';
import { formMessages } from './fields';

const problem = {
  format: 'gaiji.problem.format',
  duplicate: 'gaiji.problem.duplicate',
  empty: 'gaiji.problem.empty',
} as const satisfies Record<string, MessageKey>;

const codePattern = /^U\+[0-9A-F]{4,6}$/;

const entrySchema = z.object({
  code: z.string().regex(codePattern, problem.format),
  standard: z.string().trim().min(1, problem.empty).max(16, formMessages.tooLong),
  note: z.string().max(500, formMessages.tooLong).optional(),
});

/** The whole table, saved at once: a code may appear in one row only. */
export const gaijiTableSchema = z.object({
  entries: z.array(entrySchema).superRefine(function codesAreUnique(entries, ctx) {
    const seen = new Set<string>();
    entries.forEach((entry, row) => {
      // A malformed code already has its own message.
      if (codePattern.test(entry.code) && seen.has(entry.code))
        ctx.addIssue({ code: 'custom', path: [row, 'code'], message: problem.duplicate });
      seen.add(entry.code);
    });
  }),
});
export type GaijiTable = z.infer<typeof gaijiTableSchema>;

/**
 * Normalises `u+e001`, `E001` or the character itself to `U+E001`.
 * @example normalizeCode('u+e001') // 'U+E001'
 */
export function normalizeCode(input: string): string {
  const trimmed = input.trim();
  const hex = /^(?:U\+|u\+)?([0-9a-fA-F]{4,6})$/.exec(trimmed)?.[1];
  if (hex) return `U+${hex.toUpperCase()}`;
  const chars = [...trimmed];
  const only = chars.length === 1 ? chars[0]?.codePointAt(0) : undefined;
  return only !== undefined ? `U+${only.toString(16).toUpperCase().padStart(4, '0')}` : trimmed;
}

/**
 * Where the API's pointer into the saved array (`/3/code`) is in the form (`entries[3].code`).
 * @example gaijiFieldOf('/3/code') // 'entries[3].code'
 */
export function gaijiFieldOf(pointer: string): string | undefined {
  const match = /^\/(\d+)\/(code|standard|note)(?:\/|$)/.exec(pointer);
  return match ? `entries[${match[1]}].${match[2]}` : undefined;
}

/** A row of the table as the page lists it: its index in the table, and why it is shown. */
export type ShownRow<E> = { entry: E; row: number; forced: boolean };

/**
 * The rows the table shows under a filter: those the filter matches, and every row that has a
 * problem or that is being edited (a filter must never hide a row that blocks saving, nor make
 * a row vanish while it is typed into). `hidden` counts the rest.
 * @example gaijiRows(entries, '高', (row) => row === 3, new Set())
 */
export function gaijiRows<E extends { code: string; standard: string }>(
  entries: readonly E[],
  filter: string,
  hasProblem: (row: number) => boolean,
  editing: ReadonlySet<number>,
): { shown: ShownRow<E>[]; hidden: number } {
  const query = filter.trim();
  const shown: ShownRow<E>[] = [];
  entries.forEach((entry, row) => {
    const matches =
      query === '' || entry.code.includes(query.toUpperCase()) || entry.standard.includes(query);
    if (matches || hasProblem(row) || editing.has(row))
      shown.push({ entry, row, forced: !matches });
  });
  return { shown, hidden: entries.length - shown.length };
}
