// Measures insertBatch on SQLite: 100,000 roster children + persons and 500,000 source records
// in one batch. Usage: pnpm tsx packages/db/scripts/insert-bench.ts [children] [recordsPerChild]
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDatabase, insertBatch, migrateToLatest, tableCounts } from '../src/index';
import { makeBatch } from '../src/test-batch';

const children = Number(process.argv[2] ?? 100_000);
const recordsPerChild = Number(process.argv[3] ?? 5);
const dir = mkdtempSync(join(tmpdir(), 'mimamori-bench-'));
const { db, close } = createDatabase({ file: join(dir, 'bench.db') });
try {
  await migrateToLatest(db);
  const input = makeBatch({ id: 'bench', children, recordsPerChild });
  const rows = input.children.length + input.persons.length + input.records.length;
  const cpu = process.cpuUsage();
  const started = performance.now();
  await insertBatch(db, input);
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  const cpuSeconds = (used.user + used.system) / 1e6;
  const counts = await tableCounts(db);
  console.log(
    `inserted ${input.records.length} source records + ${input.children.length} children + ` +
      `${input.persons.length} persons (${counts.record_identities} identities) in ${seconds.toFixed(2)} s: ` +
      `${Math.round(input.records.length / seconds)} source records/s, ${Math.round(rows / seconds)} rows/s overall ` +
      `(CPU ${cpuSeconds.toFixed(2)} s; load average ${loadavg()[0]?.toFixed(2)})`,
  );
} finally {
  await close();
  rmSync(dir, { recursive: true, force: true });
}
