// temporary: import bench with the village cached on disk (removed before handing back)
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { generateVillage, type Village } from '@mimamori/village';
import { benchDatabase, fmt, importWholeVillage } from './support';

const cache = '/tmp/zz-village';
let village: Village;
if (existsSync(`${cache}/v.json`)) {
  const meta = JSON.parse(readFileSync(`${cache}/v.json`, 'utf8'));
  village = { ...meta, files: meta.files.map((f: { name: string }) => ({ ...f, bytes: new Uint8Array(readFileSync(`${cache}/${f.name}`)) })) };
} else {
  village = generateVillage({ children: 100_000, seed: 1 });
  mkdirSync(cache, { recursive: true });
  for (const f of village.files) writeFileSync(`${cache}/${f.name}`, f.bytes);
  writeFileSync(`${cache}/v.json`, JSON.stringify({ ...village, files: village.files.map((f) => ({ ...f, bytes: undefined })) }));
}
const { ctx, dispose } = await benchDatabase();
try {
  const results = await importWholeVillage(ctx, village);
  let rows = 0, seconds = 0, cpu = 0;
  for (const r of results) {
    rows += r.rows; seconds += r.seconds; cpu += r.cpuSeconds;
    console.log(`${r.file.padEnd(14)} ${fmt(r.rows).padStart(9)} rows ${r.seconds.toFixed(2).padStart(6)} s wall ${r.cpuSeconds.toFixed(2).padStart(6)} s cpu ${fmt(r.rows / r.cpuSeconds).padStart(8)} rows/cpu-s`);
  }
  console.log(`total ${fmt(rows)} rows ${seconds.toFixed(2)} s wall ${fmt(rows / seconds)} rows/s; cpu ${cpu.toFixed(2)} s ${fmt(rows / cpu)} rows/cpu-s`);
} finally {
  await dispose();
}
