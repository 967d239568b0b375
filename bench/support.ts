import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDatabase, migrateToLatest, upsertGaiji, type Database } from '@mimamori/db';
import { createPseudonymizer } from '@mimamori/identity';
import { importFile, type PipelineContext } from '@mimamori/pipeline';
import type { Village } from '@mimamori/village';
import { connectors } from '../test/support/village';

/** A fresh SQLite database in a temp dir (removed by `dispose`). */
export async function benchDatabase(): Promise<{
  database: Database;
  ctx: PipelineContext;
  dispose: () => Promise<void>;
}> {
  const dir = mkdtempSync(join(tmpdir(), 'mimamori-bench-'));
  const database = createDatabase({ file: join(dir, 'bench.db') });
  await migrateToLatest(database.db);
  const ctx: PipelineContext = {
    db: database.db,
    pseudonymize: createPseudonymizer('bench-only-pseudonym-key-0123456789abcdef'),
    asOf: '2026-04-01',
    ageRange: [3, 15],
    actor: { id: null, role: 'bench' },
  };
  return {
    database,
    ctx,
    dispose: async () => {
      await database.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Imports every village file (roster first); returns rows and seconds per file. */
export async function importWholeVillage(
  ctx: PipelineContext,
  village: Pick<Village, 'files' | 'gaijiTable'>,
): Promise<
  {
    file: string;
    rows: number;
    seconds: number;
    cpuSeconds: number;
    /** Seconds per import phase: read, validate, link, store, facts (derived facts + commit). */
    phases: number[];
  }[]
> {
  for (const e of village.gaijiTable)
    await upsertGaiji(ctx.db, { code: e.code, standard: e.standard, note: null, updatedBy: null });
  const order = ['roster', 'welfare', 'health', 'nursery', 'school'];
  const files = [...village.files].sort(
    (a, b) => order.indexOf(a.connector) - order.indexOf(b.connector),
  );
  const out = [];
  for (const file of files) {
    const cpu = process.cpuUsage();
    const start = performance.now();
    // Progress marks the start of each phase; the time between two marks is the earlier phase's.
    const marks: number[] = [];
    const outcome = await importFile(ctx, {
      connector: connectors.get(file.connector)!,
      file: file.name,
      bytes: file.bytes,
      onProgress: () => {
        marks.push(performance.now());
      },
    });
    const seconds = (performance.now() - start) / 1000;
    const phases = marks.slice(1).map((t, i) => (t - (marks[i] as number)) / 1000);
    const used = process.cpuUsage(cpu);
    if (!outcome.ok) throw new Error(`${file.name} rejected (${outcome.issues.length} issues)`);
    out.push({
      file: file.name,
      rows: outcome.summary.rows,
      seconds,
      cpuSeconds: (used.user + used.system) / 1e6,
      phases,
    });
  }
  return out;
}

/** Formats a number with thousands separators. */
export function fmt(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}
