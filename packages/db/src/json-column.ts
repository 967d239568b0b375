import type { z } from 'zod';
import { DbError } from './db-error';

/** Serialises a value for a `*_json` text column. */
export function toJson(value: unknown): string {
  return JSON.stringify(value);
}

/** Parses a `*_json` text column with its zod schema; names the column, never the value. */
export function fromJson<T>(schema: z.ZodType<T>, text: string, column: string): T {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new DbError('invalid_json', `column ${column} holds invalid JSON`, { cause: error });
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new DbError('invalid_json', `column ${column} does not match its schema`, {
      cause: parsed.error,
    });
  }
  return parsed.data;
}

/** Like {@link fromJson} for nullable columns. */
export function fromJsonOrNull<T>(
  schema: z.ZodType<T>,
  text: string | null,
  column: string,
): T | null {
  return text === null ? null : fromJson(schema, text, column);
}

/** JSON with object keys sorted at every level: the same value always gives the same text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(v).sort()) sorted[key] = (v as Record<string, unknown>)[key];
    return sorted;
  });
}
