import { readFileSync } from 'node:fs';
import { loadRuleSet } from './src/validate/load-rule-set';
import { createScorer } from './src/scoring/create-scorer';
import { syntheticFacts } from './src/testing/synthetic-facts';
const loaded = loadRuleSet(JSON.parse(readFileSync('../../rules/demo.rules.json', 'utf8')));
if (!loaded.ok) { console.log(loaded.errors); process.exit(1); }
const scorer = createScorer(loaded.ruleSet);
const facts = syntheticFacts(1_000_000);
for (let k = 0; k < 3; k++) {
  const t0 = performance.now(); const table = scorer.scoreBatch(facts); const ms = performance.now() - t0;
  let flagged = 0, top = 0; for (let c = 0; c < table.count; c++) { let f = false, tp = false; for (let t = 0; t < 3; t++) { const l = table.levels[c*3+t]; if (l >= 0) f = true; if (l === 1) tp = true; } if (f) flagged++; if (tp) top++; }
  console.log(ms.toFixed(0), 'ms', flagged / table.count, top / table.count);
}
console.log(JSON.stringify(scorer.score(facts[3])));
const ids = scorer.compiled.factIds;
const columns: Record<string, unknown[]> = {};
for (const id of ids) columns[id] = facts.map((f) => f[id]);
for (let k = 0; k < 3; k++) { const t0 = performance.now(); scorer.scoreColumns({ count: facts.length, columns }); console.log('columns', (performance.now() - t0).toFixed(0)); }
