import { createScorer, createFactTable, createTableEvaluator } from '../src/index';
import { loadDemoRuleSet } from '../src/testing/demo-rule-set';
import { syntheticFacts } from '../src/testing/synthetic-facts';
const scorer = createScorer(loadDemoRuleSet());
let records: Record<string, unknown>[] | undefined = syntheticFacts(1_000_000, 1);
const table = createFactTable(records, { facts: scorer.compiled.factIds });
records = undefined;
const ev = createTableEvaluator(scorer.compiled);
function t(label: string, f: () => void) {
  let best = 1e9, bw = 1e9;
  for (let k = 0; k < 8; k++) {
    const c0 = process.cpuUsage(); const w0 = performance.now();
    f();
    const c = process.cpuUsage(c0); best = Math.min(best, (c.user + c.system) / 1000); bw = Math.min(bw, performance.now() - w0);
  }
  console.log(label, 'best cpu', best.toFixed(0), 'best wall', bw.toFixed(0));
}
t('masks only', () => ev(table, () => {}));
t('scoreTable', () => scorer.scoreTable(table));
