import { generateVillage } from '@mimamori/village';
import { benchDatabase, importWholeVillage } from './support';
const village = generateVillage({ children: Number(process.env['BENCH_CHILDREN'] ?? 30000), seed: 1 });
const { ctx, dispose } = await benchDatabase();
const r = await importWholeVillage(ctx, village);
for (const x of r) console.log(x.file, x.rows, x.cpuSeconds.toFixed(2));
console.log("done");
await dispose();
