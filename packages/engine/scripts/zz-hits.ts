import { createScorer, createFactTable } from '../src/index';
import { loadDemoRuleSet } from '../src/testing/demo-rule-set';
import { syntheticFacts } from '../src/testing/synthetic-facts';
const scorer = createScorer(loadDemoRuleSet());
const records = syntheticFacts(1_000_000, 1);
const table = scorer.scoreBatch(records);
let hits = 0; for (const w of table.fired) { let x = w; while (x) { x &= x - 1; hits++; } }
console.log('hits', hits, 'per child', hits / 1e6);
