import { runDifferential } from '../src/testing/differential';
const t0 = performance.now(); const c0 = process.cpuUsage();
let cases = 0, rows = 0; const mm: string[] = [];
for (let seed = Number(process.argv[2] ?? 1); seed <= Number(process.argv[3] ?? 20); seed++) {
  const r = await runDifferential(seed, 100, 50); cases += r.cases; rows += r.tableRows; mm.push(...r.mismatches);
}
console.log(cases, rows, mm.length, mm.slice(0, 2).join('\n\n').slice(0, 3000), (performance.now() - t0).toFixed(0), 'ms wall', (process.cpuUsage(c0).user / 1000).toFixed(0), 'ms cpu');
