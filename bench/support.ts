import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createDatabase,
  migrateToLatest,
  openSqliteWriter,
  upsertGaiji,
  type Database,
} from '@mimamori/db';
import { createPseudonymizer } from '@mimamori/identity';
import { importFile, importFiles, type PipelineContext } from '@mimamori/pipeline';
import type { Village } from '@mimamori/village';
import { connectors } from '../test/support/village';

/** A fresh SQLite database in a temp dir (removed by `dispose`). */
export async function benchDatabase(): Promise<{
  database: Database;
  file: string;
  ctx: PipelineContext;
  /** Closes the database (its WAL checkpointed into the file) and gives the file's size. */
  closedSize: () => Promise<number>;
  dispose: () => Promise<void>;
}> {
  const dir = mkdtempSync(join(tmpdir(), 'mimamori-bench-'));
  const file = join(dir, 'bench.db');
  const database = createDatabase({ file });
  await migrateToLatest(database.db);
  const ctx: PipelineContext = {
    db: database.db,
    pseudonymize: createPseudonymizer('bench-only-pseudonym-key-0123456789abcdef'),
    asOf: '2026-04-01',
    ageRange: [3, 15],
    actor: { id: null, role: 'bench' },
  };
  let closed = false;
  const close = async (): Promise<void> => {
    if (!closed) await database.close();
    closed = true;
  };
  return {
    database,
    file,
    ctx,
    closedSize: async () => {
      await close();
      return statSync(file).size;
    },
    dispose: async () => {
      await close();
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
    /** The longest the event loop went without turning during the import, in ms. */
    longestStallMs: number;
  }[]
> {
  for (const e of village.gaijiTable)
    await upsertGaiji(ctx.db, { code: e.code, standard: e.standard, note: null, updatedBy: null });
  const files = inImportOrder(village);
  const out = [];
  for (const file of files) {
    const cpu = process.cpuUsage();
    const start = performance.now();
    // Progress marks the start of each phase; the time between two marks is the earlier phase's.
    const marks: number[] = [];
    const stall = stallMeter();
    const outcome = await importFile(ctx, {
      connector: connectors.get(file.connector)!,
      file: file.name,
      bytes: file.bytes,
      onProgress: () => {
        marks.push(performance.now());
      },
    });
    const longestStallMs = stall.stop();
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
      longestStallMs,
    });
  }
  return out;
}

/**
 * Measures the longest gap between turns of the event loop (a 5 ms timer's ticks) until `stop`:
 * what a request to a server running the same work would wait at most.
 */
function stallMeter(): { stop: () => number } {
  let last = performance.now();
  let longest = 0;
  const note = (): void => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  };
  const timer = setInterval(note, 5);
  return {
    stop: () => {
      clearInterval(timer);
      note();
      return longest;
    },
  };
}

/** The village's files in import order: the roster first (everything links to it). */
function inImportOrder(village: Pick<Village, 'files'>): Village['files'] {
  const order = ['roster', 'welfare', 'health', 'nursery', 'school'];
  return [...village.files].sort((a, b) => order.indexOf(a.connector) - order.indexOf(b.connector));
}

/**
 * Imports every village file in one pipelined `importFiles` call, storing through a SQLite writer
 * thread (what `mimamori import` does with several files). Returns the wall and CPU seconds.
 */
export async function importVillagePipelined(
  ctx: PipelineContext,
  file: string,
  village: Pick<Village, 'files' | 'gaijiTable'>,
): Promise<{ rows: number; seconds: number; cpuSeconds: number }> {
  for (const e of village.gaijiTable)
    await upsertGaiji(ctx.db, { code: e.code, standard: e.standard, note: null, updatedBy: null });
  const writer = openSqliteWriter(file);
  try {
    const cpu = process.cpuUsage();
    const start = performance.now();
    const files = inImportOrder(village);
    const outcomes = await importFiles(
      { ...ctx, writer: writer.db },
      files.map((f) => ({
        connector: connectors.get(f.connector)!,
        file: f.name,
        bytes: f.bytes,
      })),
    );
    const seconds = (performance.now() - start) / 1000;
    const used = process.cpuUsage(cpu);
    let rows = 0;
    for (const [i, outcome] of outcomes.entries()) {
      if (!outcome.ok)
        throw new Error(`${files[i]!.name} rejected (${outcome.issues.length} issues)`);
      rows += outcome.summary.rows;
    }
    return { rows, seconds, cpuSeconds: (used.user + used.system) / 1e6 };
  } finally {
    await writer.close();
  }
}

/**
 * Seconds a fixed integer loop (300 million steps, one thread) takes: the machine's own speed,
 * which moves by more than most changes do (see docs/performance.md), to compare runs across days.
 */
export function referenceLoopSeconds(): number {
  const start = performance.now();
  let x = 0;
  for (let i = 0; i < 300_000_000; i++) x = (x * 31 + i) | 0;
  const seconds = (performance.now() - start) / 1000;
  // The result is used, so the loop cannot be dropped as dead code.
  return x === 0.5 ? 0 : seconds;
}

/** Formats a number with thousands separators. */
export function fmt(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}
