import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Connector } from '@mimamori/connector-kit';
import { createDatabase, migrateToLatest, type Database } from '@mimamori/db';
import { createPseudonymizer } from '@mimamori/identity';
import {
  discoverConnectors,
  isCalendarDate,
  loadMappedConnectors,
  loadPseudonymKey,
  mergeConnectors,
  type PipelineContext,
} from '@mimamori/pipeline';
import { CliError, type CommandIo } from './command';

/** The repository root (connectors are discovered under it). */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/** An open database with everything a command needs; `close()` when done. */
export interface Runtime {
  database: Database;
  ctx: PipelineContext;
  connectors: Map<string, Connector>;
  close(): Promise<void>;
}

/** Where the embedded database lives (MIMAMORI_DB_FILE, default ./data/mimamori.db). */
export function dataDir(io: CommandIo): string {
  const file = io.env['MIMAMORI_DB_FILE'];
  return file ? dirname(resolve(io.cwd, file)) : resolve(io.cwd, 'data');
}

/**
 * Checks an as-of date given on the command line (`--as-of`) or in MIMAMORI_AS_OF; undefined
 * passes through. Throws a usage error naming where the date came from.
 */
export function checkAsOf(value: string | undefined, from: string): string | undefined {
  if (value !== undefined && !isCalendarDate(value))
    throw new CliError('usage', `${from} expects a real calendar date YYYY-MM-DD`);
  return value;
}

/** The as-of date from `--as-of` (when given), else MIMAMORI_AS_OF (when set), validated. */
export function explicitAsOf(io: CommandIo, flag: string | undefined): string | undefined {
  return flag !== undefined
    ? checkAsOf(flag, '--as-of')
    : checkAsOf(io.env['MIMAMORI_AS_OF'], 'MIMAMORI_AS_OF');
}

/** Opens (and migrates) the configured database: DATABASE_URL, else the embedded SQLite file. */
export async function openRuntime(
  io: CommandIo,
  options: { asOf?: string } = {},
): Promise<Runtime> {
  // Validated before anything is opened: a bad date changes nothing.
  const asOf = explicitAsOf(io, options.asOf) ?? new Date().toISOString().slice(0, 10);
  const url = io.env['DATABASE_URL'];
  const file = resolve(io.cwd, io.env['MIMAMORI_DB_FILE'] ?? 'data/mimamori.db');
  const database = createDatabase(url ? { url } : { file });
  await migrateToLatest(database.db);
  const key = loadPseudonymKey(io.env, join(dataDir(io), 'pseudonym.key'));
  const pseudonymize = createPseudonymizer(key);
  // Code connectors under connectors/* plus the mapped sources saved in the database.
  const connectors = mergeConnectors(
    await discoverConnectors(repoRoot),
    (await loadMappedConnectors(database.db)).connectors,
  );
  return {
    database,
    connectors,
    ctx: {
      db: database.db,
      pseudonymize,
      asOf,
      ageRange: [3, 15],
      actor: { id: null, role: 'cli' },
    },
    close: () => database.close(),
  };
}
