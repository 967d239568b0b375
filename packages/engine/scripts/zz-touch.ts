import { createScorer } from '../src/index';
import { loadDemoRuleSet } from '../src/testing/demo-rule-set';
import { syntheticFacts } from '../src/testing/synthetic-facts';
const scorer = createScorer(loadDemoRuleSet());
const t = scorer.scoreBatch(syntheticFacts(1_000_000, 1));
let any = 0, typeHits = 0;
for (let c = 0; c < t.count; c++) { if (t.fired[2 * c] || t.fired[2 * c + 1]) any++; for (let ty = 0; ty < 3; ty++) if (t.points[c * 3 + ty] !== 0) typeHits++; }
console.log('touched', any, 'type sums', typeHits);
