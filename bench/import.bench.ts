// pnpm bench:import — imports the 100,000-child synthetic village through the real connectors
// into a fresh SQLite file and reports rows/s (target ≥ 50,000 rows/s): first all five files in
// one pipelined importFiles call storing through the SQLite writer thread (how a village's
// monthly files are imported), then one file at a time with importFile, per file and per phase.
import { generateVillage } from '@mimamori/village';
import {
  benchDatabase,
  fmt,
  importVillagePipelined,
  importWholeVillage,
  referenceLoopSeconds,
} from './support';

console.log(
  `machine: reference loop ${referenceLoopSeconds().toFixed(2)} s (a fixed integer loop on one thread: the machine's own speed, to compare runs across days)`,
);
const children = Number(process.env['BENCH_CHILDREN'] ?? 100_000);
const t0 = performance.now();
// Only the files and the 外字 table are kept: the generator's truth is not part of an import.
const { files, gaijiTable } = generateVillage({ children, seed: 1 });
console.log(
  `village: ${fmt(children)} children generated in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
);

/** Seconds per phase, named: where an import's time goes. */
function phaseText(phases: readonly number[]): string {
  const names = ['read', 'validate', 'link', 'store', 'facts+commit'];
  return names.map((name, i) => `${name} ${(phases[i] ?? 0).toFixed(2)}`).join(', ');
}

let pipelined: number;
{
  const { ctx, file, closedSize, dispose } = await benchDatabase();
  try {
    const r = await importVillagePipelined(ctx, file, { files, gaijiTable });
    pipelined = r.seconds;
    console.log(
      `pipelined      ${fmt(r.rows).padStart(9)} rows  ${r.seconds.toFixed(2).padStart(6)} s  ${fmt(r.rows / r.seconds).padStart(9)} rows/s  (cpu ${r.cpuSeconds.toFixed(2)} s; importFiles, SQLite writer thread; target ≥ 50,000 rows/s on SQLite)`,
    );
    // What SQLite wrote is much of the import's cost (and of every backup after it).
    const bytes = await closedSize();
    console.log(`database       ${(bytes / 2 ** 20).toFixed(0)} MiB after the import`);
  } finally {
    await dispose();
  }
}

const { ctx, dispose } = await benchDatabase();
try {
  const results = await importWholeVillage(ctx, { files, gaijiTable });
  const phases = [0, 0, 0, 0, 0];
  let rows = 0;
  let seconds = 0;
  let cpu = 0;
  console.log('one file at a time (importFile):');
  for (const r of results) {
    rows += r.rows;
    seconds += r.seconds;
    cpu += r.cpuSeconds;
    for (let i = 0; i < phases.length; i++) phases[i] = (phases[i] ?? 0) + (r.phases[i] ?? 0);
    console.log(
      `${r.file.padEnd(14)} ${fmt(r.rows).padStart(9)} rows  ${r.seconds.toFixed(2).padStart(6)} s  ${fmt(r.rows / r.seconds).padStart(9)} rows/s  (cpu ${r.cpuSeconds.toFixed(2)} s; ${phaseText(r.phases)})`,
    );
  }
  console.log(
    `total          ${fmt(rows).padStart(9)} rows  ${seconds.toFixed(2).padStart(6)} s  ${fmt(rows / seconds).padStart(9)} rows/s  (cpu ${cpu.toFixed(2)} s)`,
  );
  console.log(`phases         ${phaseText(phases)}`);
  // importFile is what the API runs on its request thread: every other request waits this long.
  const stalled = results.reduce((a, b) => (b.longestStallMs > a.longestStallMs ? b : a));
  console.log(
    `event loop     longest stall ${stalled.longestStallMs.toFixed(0)} ms (${stalled.file}): the longest another request to a server running these imports waits`,
  );
  // The machine's own speed swings (±20 % within minutes here): the one-file-at-a-time time of
  // the same run tells which phase the pipelined figure was taken in.
  console.log(
    `pipelined/one-file ${(pipelined / seconds).toFixed(2)} (the pipelined import's time as a share of the one-file-at-a-time time, same run)`,
  );
} finally {
  await dispose();
}
