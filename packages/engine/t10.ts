import { readFileSync } from 'node:fs';
import { loadRuleSet } from './src/validate/load-rule-set';
import { createScorer } from './src/scoring/create-scorer';
import { syntheticFacts } from './src/testing/synthetic-facts';
const loaded = loadRuleSet(JSON.parse(readFileSync('../../rules/demo.rules.json', 'utf8')));
if (!loaded.ok) throw new Error();
const scorer = createScorer(loaded.ruleSet);
const facts = syntheticFacts(1_000_000);
const columns: Record<string, unknown[]> = {};
for (const id of scorer.compiled.factIds) columns[id] = facts.map((f) => f[id]);
const col = columns['school.absenceDays']!;
for (let k = 0; k < 4; k++) {
  let c0 = process.cpuUsage(); let t0 = performance.now(); let s = 0;
  for (let i = 0; i < col.length; i++) { const v = col[i]; if (typeof v === 'number' && v >= 30) s++; }
  let cu = process.cpuUsage(c0); console.log('1 col loop wall', (performance.now() - t0).toFixed(1), 'cpu', ((cu.user) / 1000).toFixed(1), s);
  c0 = process.cpuUsage(); t0 = performance.now();
  scorer.scoreColumns({ count: facts.length, columns });
  cu = process.cpuUsage(c0); console.log('scoreColumns wall', (performance.now() - t0).toFixed(0), 'cpu', (cu.user / 1000).toFixed(0));
  c0 = process.cpuUsage(); t0 = performance.now();
  scorer.scoreBatch(facts);
  cu = process.cpuUsage(c0); console.log('scoreBatch wall', (performance.now() - t0).toFixed(0), 'cpu', (cu.user / 1000).toFixed(0));
}
