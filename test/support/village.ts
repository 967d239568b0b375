import type { Connector } from '@mimamori/connector-kit';
import { health } from '@mimamori/connector-health';
import { nursery } from '@mimamori/connector-nursery';
import { roster } from '@mimamori/connector-roster';
import { school } from '@mimamori/connector-school';
import { welfare } from '@mimamori/connector-welfare';
import { upsertGaiji, type Db } from '@mimamori/db';
import { createPseudonymizer } from '@mimamori/identity';
import { importFile, type ImportOutcome, type PipelineContext } from '@mimamori/pipeline';
import type { Village, VillageFile } from '@mimamori/village';

/** The five village connectors by name. */
export const connectors: ReadonlyMap<string, Connector> = new Map(
  [roster, welfare, health, nursery, school].map((c) => [c.name, c]),
);

/** A fixed test key (tests only; real keys come from configuration). */
export const testKey = 'test-only-pseudonym-key-0123456789abcdef';

/** A pipeline context over a test database, as of the village's reference date. */
export function testContext(db: Db, asOf = '2026-04-01'): PipelineContext {
  return {
    db,
    pseudonymize: createPseudonymizer(testKey),
    asOf,
    ageRange: [3, 15],
    actor: { id: null, role: 'test' },
  };
}

/** The village file read by `connector`. */
export function villageFile(village: Village, connector: string): VillageFile {
  const file = village.files.find((f) => f.connector === connector);
  if (!file) throw new Error(`no ${connector} file in the village`);
  return file;
}

/** Imports one village file through its connector. */
export function importVillageFile(
  ctx: PipelineContext,
  file: VillageFile,
  bytes = file.bytes,
): Promise<ImportOutcome> {
  return importFile(ctx, { connector: connectors.get(file.connector)!, file: file.name, bytes });
}

/** Loads the 外字 table and imports every file (roster first); throws on any rejection. */
export async function importVillage(
  ctx: PipelineContext,
  village: Village,
  only?: readonly string[],
): Promise<void> {
  for (const e of village.gaijiTable)
    await upsertGaiji(ctx.db, { code: e.code, standard: e.standard, note: null, updatedBy: null });
  const order = ['roster', 'welfare', 'health', 'nursery', 'school'].filter(
    (c) => !only || only.includes(c),
  );
  for (const name of order) {
    const outcome = await importVillageFile(ctx, villageFile(village, name));
    if (!outcome.ok)
      throw new Error(
        `${name} rejected: ${outcome.issues
          .slice(0, 3)
          .map((i) => `${i.line}:${i.column} ${i.code}`)
          .join(', ')}`,
      );
  }
}
