// pnpm bench:link — links the 100,000-child village: the in-memory linker over every
// non-roster record, and `mimamori link` (relinkAll: re-link + re-derive facts, stored).
import { listPersonKeys } from '@mimamori/db';
import { loadLinker, relinkAll } from '@mimamori/pipeline';
import { runConnector } from '@mimamori/connector-kit';
import { generateVillage } from '@mimamori/village';
import { connectors } from '../test/support/village';
import { benchDatabase, fmt, importWholeVillage } from './support';

const children = Number(process.env['BENCH_CHILDREN'] ?? 100_000);
const village = generateVillage({ children, seed: 1 });
const { ctx, dispose } = await benchDatabase();
try {
  await importWholeVillage(ctx, village);
  const records = [];
  for (const file of village.files) {
    if (file.connector === 'roster') continue;
    const run = await runConnector(connectors.get(file.connector)!, {
      file: file.name,
      bytes: file.bytes,
    });
    records.push(...run.records);
  }
  const persons = (await listPersonKeys(ctx.db)).length;
  let t = performance.now();
  const linker = await loadLinker(ctx.db);
  const build = (performance.now() - t) / 1000;
  t = performance.now();
  let linked = 0;
  for (const r of records) if (linker.link(r).status === 'linked') linked += 1;
  const link = (performance.now() - t) / 1000;
  console.log(
    `linker: ${fmt(persons)} children indexed in ${build.toFixed(2)} s; ${fmt(records.length)} records linked in ${link.toFixed(2)} s (${fmt(records.length / link)} records/s, ${fmt(linked)} linked)`,
  );
  t = performance.now();
  const cpu = process.cpuUsage();
  const report = await relinkAll(ctx);
  const used = process.cpuUsage(cpu);
  const total = (performance.now() - t) / 1000;
  console.log(
    `mimamori link (relinkAll, stored): ${fmt(report.total)} records in ${total.toFixed(2)} s (cpu ${((used.user + used.system) / 1e6).toFixed(2)} s; target < 10 s)`,
  );
} finally {
  await dispose();
}
