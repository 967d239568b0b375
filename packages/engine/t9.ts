import { readFileSync } from 'node:fs';
import { loadRuleSet } from './src/validate/load-rule-set';
import { createScorer } from './src/scoring/create-scorer';
import { syntheticFacts } from './src/testing/synthetic-facts';
const loaded = loadRuleSet(JSON.parse(readFileSync('../../rules/demo.rules.json', 'utf8')));
if (!loaded.ok) throw new Error();
const scorer = createScorer(loaded.ruleSet);
const facts = syntheticFacts(1_000_000);
const ids = scorer.compiled.factIds;
const columns: Record<string, unknown[]> = {};
for (const id of ids) columns[id] = facts.map((f) => f[id]);
for (let k = 0; k < 5; k++) { const c0 = process.cpuUsage(); const t0 = performance.now(); scorer.scoreColumns({ count: facts.length, columns }); const cu = process.cpuUsage(c0); console.log("columns wall", (performance.now() - t0).toFixed(0), "cpu", ((cu.user + cu.system) / 1000).toFixed(0)); const c1 = process.cpuUsage(); scorer.scoreBatch(facts); const cu1 = process.cpuUsage(c1); console.log("records cpu", ((cu1.user + cu1.system) / 1000).toFixed(0)); }
