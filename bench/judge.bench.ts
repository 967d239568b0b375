// pnpm bench:judge — `mimamori judge` on the 100,000-child village (SQLite): scores every child
// with the published demo rule set and stores the run (target < 10 s); runs it twice and checks
// both runs stored identical results.
import { readFileSync } from 'node:fs';
import { listResults } from '@mimamori/db';
import { judge, publishRuleSetDocument } from '@mimamori/pipeline';
import { generateVillage } from '@mimamori/village';
import { benchDatabase, fmt, importWholeVillage } from './support';

const children = Number(process.env['BENCH_CHILDREN'] ?? 100_000);
const village = generateVillage({ children, seed: 1 });
const { ctx, dispose } = await benchDatabase();
try {
  await importWholeVillage(ctx, village);
  const doc = JSON.parse(
    readFileSync(new URL('../rules/demo.rules.json', import.meta.url), 'utf8'),
  );
  await publishRuleSetDocument(ctx, doc, 'bench');
  const runs: string[] = [];
  for (const attempt of [1, 2]) {
    const cpu = process.cpuUsage();
    const t = performance.now();
    const { runId, counts } = await judge(ctx);
    const seconds = (performance.now() - t) / 1000;
    const used = process.cpuUsage(cpu);
    runs.push(runId);
    console.log(
      `judge #${attempt}: ${fmt(counts.judged)} children, ${fmt(counts.flagged)} flagged (${((100 * counts.flagged) / counts.judged).toFixed(1)} %), stored in ${seconds.toFixed(2)} s (cpu ${((used.user + used.system) / 1e6).toFixed(2)} s; target < 10 s)`,
    );
  }
  const strip = (rows: Awaited<ReturnType<typeof listResults>>) =>
    JSON.stringify(rows.map(({ runId: _r, ...rest }) => rest));
  const [a, b] = await Promise.all(
    runs.map((id) => listResults(ctx.db, id, { limit: 10_000_000 })),
  );
  console.log(
    `identical results across the two runs: ${strip(a!) === strip(b!) ? 'yes' : 'NO'} (${fmt(a!.length)} result rows)`,
  );
} finally {
  await dispose();
}
