import { createScorer, createFactTable } from '../src/index';
import { loadDemoRuleSet } from '../src/testing/demo-rule-set';
import { syntheticFacts } from '../src/testing/synthetic-facts';
const scorer = createScorer(loadDemoRuleSet());
const n = 1_000_000;
const records = syntheticFacts(n, 1);
function t(label: string, f: () => unknown) {
  for (let k = 0; k < 4; k++) {
    const c0 = process.cpuUsage(); const w0 = performance.now();
    f();
    const c = process.cpuUsage(c0); const w = performance.now() - w0;
    console.log(label, 'wall', w.toFixed(0), 'cpu', ((c.user + c.system) / 1000).toFixed(0));
  }
}
let table = createFactTable(records, { facts: scorer.compiled.factIds });
t('build', () => (table = createFactTable(records, { facts: scorer.compiled.factIds })));
console.log([...table.columns].map(([k, c]) => `${k}:${c.kind}`).join(' '));
t('scoreTable', () => scorer.scoreTable(table));
