import { z } from 'zod';
import type { Db } from '../database';
import { DbError, isUniqueViolation } from '../db-error';
import { fromJson, toJson } from '../json-column';
import { nowIso } from '../now-iso';
import type { MappedSourcesTable } from '../schema';

/** Statuses of a saved mapping version: imports use the newest `active` one. */
export const mappedSourceStatuses = ['active', 'retired'] as const;
/** One of {@link mappedSourceStatuses}. */
export type MappedSourceStatus = (typeof mappedSourceStatuses)[number];

/** One saved version of a mapping document. */
export interface MappedSource {
  name: string;
  version: number;
  /** The mapping document (its `version` field equals {@link MappedSource.version}). */
  mapping: Record<string, unknown>;
  status: MappedSourceStatus;
  createdBy: string | null;
  createdAt: string;
}

const mappingJsonSchema = z.record(z.string(), z.unknown());
const statusSchema = z.enum(mappedSourceStatuses);

function toMappedSource(row: MappedSourcesTable): MappedSource {
  return {
    name: row.name,
    version: Number(row.version),
    mapping: fromJson(mappingJsonSchema, row.mapping_json, 'mapped_sources.mapping_json'),
    status: statusSchema.catch('retired').parse(row.status),
    createdBy: row.created_by,
    createdAt: row.created_at,
  };
}

async function nextVersion(db: Db, name: string): Promise<number> {
  const row = await db
    .selectFrom('mapped_sources')
    .select((eb) => eb.fn.max('version').as('latest'))
    .where('name', '=', name)
    .executeTakeFirst();
  return Number(row?.latest ?? 0) + 1;
}

/**
 * Saves a mapping document as the next version of its source (1, 2, …); earlier versions stay.
 * The stored document's `version` is set to the row's, so a connector built from it reports it.
 * Two concurrent saves of one name never share a version (the primary key decides; the loser
 * retries).
 * @example const saved = await saveMappedSource(db, { name: 'childrens-hall', mapping, createdBy: 'u1' });
 */
export async function saveMappedSource(
  db: Db,
  input: { name: string; mapping: Record<string, unknown>; createdBy: string | null },
): Promise<MappedSource> {
  for (let attempt = 0; ; attempt += 1) {
    const version = await nextVersion(db, input.name);
    const row: MappedSourcesTable = {
      name: input.name,
      version,
      mapping_json: toJson({ ...input.mapping, name: input.name, version: String(version) }),
      status: 'active',
      created_by: input.createdBy,
      created_at: nowIso(),
    };
    try {
      await db.insertInto('mapped_sources').values(row).execute();
      return toMappedSource(row);
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      if (attempt >= 4)
        throw new DbError('duplicate', `mapped source ${input.name} version ${version} exists`, {
          cause: error,
        });
    }
  }
}

/** Every saved version of every mapped source, by name then version. */
export async function listMappedSources(db: Db): Promise<MappedSource[]> {
  const rows = await db
    .selectFrom('mapped_sources')
    .selectAll()
    .orderBy('name')
    .orderBy('version')
    .execute();
  return rows.map(toMappedSource);
}

/** The newest active version of each mapped source, by name. */
export async function listCurrentMappedSources(db: Db): Promise<MappedSource[]> {
  const current = new Map<string, MappedSource>();
  for (const source of await listMappedSources(db))
    if (source.status === 'active') current.set(source.name, source);
  return [...current.values()];
}

/** One version of a mapped source (the newest active one without `version`). */
export async function getMappedSource(
  db: Db,
  name: string,
  version?: number,
): Promise<MappedSource | undefined> {
  if (version === undefined)
    return (await listCurrentMappedSources(db)).find((s) => s.name === name);
  const row = await db
    .selectFrom('mapped_sources')
    .selectAll()
    .where('name', '=', name)
    .where('version', '=', version)
    .executeTakeFirst();
  return row && toMappedSource(row);
}

/** Retires or re-activates one version (documents themselves never change). */
export async function setMappedSourceStatus(
  db: Db,
  input: { name: string; version: number; status: MappedSourceStatus },
): Promise<boolean> {
  const result = await db
    .updateTable('mapped_sources')
    .set({ status: input.status })
    .where('name', '=', input.name)
    .where('version', '=', input.version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
