/** For the schema tests: what a form would show, as `path` → message key. */
import type { z } from 'zod';

/**
 * Every issue of `input`, keyed by its dotted path (`{}` when the input is valid).
 * @example issuesOf(loginSchema, { username: '', password: 'x' }) // { username: 'form.required' }
 */
export function issuesOf(schema: z.ZodType, input: unknown): Record<string, string> {
  const result = schema.safeParse(input);
  return result.success
    ? {}
    : Object.fromEntries(result.error.issues.map((i) => [i.path.join('.'), i.message]));
}
