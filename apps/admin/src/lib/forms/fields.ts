/**
 * Field schemas shared by the data-entry forms. Every error message is an i18n key, resolved
 * when it is shown, so a message switches language with the rest of the page.
 */
import { z } from 'zod';
import type { MessageKey } from '../i18n/ja';

/** The i18n keys the form schemas use as error messages. */
export const formMessages = {
  required: 'form.required',
  tooLong: 'form.tooLong',
  date: 'form.date',
  choose: 'form.choose',
} as const satisfies Record<string, MessageKey>;

/**
 * Text that must not be blank once trimmed (the parsed value is trimmed).
 * @example requiredText(2000).parse('  理由 ') // '理由'
 */
export function requiredText(max: number) {
  return z.string().trim().min(1, formMessages.required).max(max, formMessages.tooLong);
}

/** Text that may be empty (trimmed when `trim`, kept as typed otherwise). */
export function optionalText(max: number, { trim = true }: { trim?: boolean } = {}) {
  const text = trim ? z.string().trim() : z.string();
  return text.max(max, formMessages.tooLong);
}

/** A `YYYY-MM-DD` day, as an `<input type="date">` gives it. */
export const day = z.iso.date(formMessages.date);

/** A day or `''` (the date input left empty). */
export const optionalDay = z.union([z.literal(''), day], { error: formMessages.date });

/** One of `values` (a `<select>` or radio group). */
export function choice<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values, { error: formMessages.choose });
}

/** Today as `YYYY-MM-DD` (UTC, as the forms have always defaulted their date fields). */
export function today(): string {
  return new Date().toISOString().slice(0, 10);
}
