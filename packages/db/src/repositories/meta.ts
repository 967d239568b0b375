import type { z } from 'zod';
import type { Db } from '../database';
import { fromJson, toJson } from '../json-column';
import { nowIso } from '../now-iso';

/**
 * Increments a named counter atomically and returns its new value. The UPDATE comes first so
 * that it takes the write lock (SQLite) or the row lock (PostgreSQL) before anything is read.
 */
export async function incrementCounter(db: Db, name: string, by = 1): Promise<number> {
  // One statement: concurrent first increments of a new counter cannot both insert.
  const row = await db
    .insertInto('counters')
    .values({ name, value: by })
    .onConflict((oc) =>
      oc.column('name').doUpdateSet((eb) => ({ value: eb('counters.value', '+', by) })),
    )
    .returning('value')
    .executeTakeFirstOrThrow();
  return Number(row.value);
}

/** A counter's value (0 when never incremented). */
export async function readCounter(db: Db, name: string): Promise<number> {
  const row = await db
    .selectFrom('counters')
    .select('value')
    .where('name', '=', name)
    .executeTakeFirst();
  return row ? Number(row.value) : 0;
}

/** The current data version (bumped whenever facts change). */
export function getDataVersion(db: Db): Promise<number> {
  return readCounter(db, 'data_version');
}

/** Bumps the data version and returns the new one. */
export function bumpDataVersion(db: Db): Promise<number> {
  return incrementCounter(db, 'data_version');
}

/** Reads a setting, parsed with its schema; undefined when unset. */
export async function getSetting<T>(
  db: Db,
  key: string,
  schema: z.ZodType<T>,
): Promise<T | undefined> {
  const row = await db
    .selectFrom('meta')
    .select('value_json')
    .where('key', '=', key)
    .executeTakeFirst();
  return row ? fromJson(schema, row.value_json, `meta.${key}`) : undefined;
}

/** Writes a setting (JSON). */
export async function setSetting(db: Db, key: string, value: unknown): Promise<void> {
  const row = { key, value_json: toJson(value), updated_at: nowIso() };
  await db
    .insertInto('meta')
    .values(row)
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({ value_json: row.value_json, updated_at: row.updated_at }),
    )
    .execute();
}
