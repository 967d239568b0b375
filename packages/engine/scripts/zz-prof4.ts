import { createScorer, createFactTable, createTableEvaluator } from '../src/index';
import { createAccumulator } from '../src/scoring/accumulate';
import { levelTables } from '../src/scoring/levels';
import { blockSize } from '../src/columnar/evaluate-table';
import { loadDemoRuleSet } from '../src/testing/demo-rule-set';
import { syntheticFacts } from '../src/testing/synthetic-facts';
const scorer = createScorer(loadDemoRuleSet());
const table = createFactTable(syntheticFacts(1_000_000, 1), { facts: scorer.compiled.factIds });
const ev = createTableEvaluator(scorer.compiled);
const T = 3, n = table.count, R = scorer.rules.length;
const plan = { typeCount: T, wordsPerChild: 2, typeOf: Int32Array.from(scorer.rules.map((r) => r.typeIndex)), pointsOf: Float64Array.from(scorer.rules.map((r) => r.points)), outsideOf: Uint8Array.from(scorer.rules.map((r) => (r.outsideSchool ? 1 : 0))) };
const out = { points: new Float64Array(n * T), outsideSchoolPoints: new Float64Array(n * T), levels: new Int8Array(n * T), fired: new Uint32Array(n * 2) };
const tables = levelTables(scorer.ruleSet.types);
function t(label: string, f: () => void) {
  let best = 1e9;
  for (let k = 0; k < 8; k++) { const c0 = process.cpuUsage(); f(); const c = process.cpuUsage(c0); best = Math.min(best, (c.user + c.system) / 1000); }
  console.log(label, 'best cpu', best.toFixed(0));
}
t('masks only', () => ev(table, () => {}));
t('masks+addRule (reused out)', () => { const a = createAccumulator(plan, out, tables, blockSize); ev(table, a.addRule); });
t('masks+addRule+blockDone (reused out)', () => { out.points.fill(0); out.fired.fill(0); out.outsideSchoolPoints.fill(0); const a = createAccumulator(plan, out, tables, blockSize); ev(table, a.addRule, a.blockDone); });
t('alloc only', () => { new Float64Array(n * T).fill(0); new Float64Array(n * T).fill(0); new Int8Array(n * T).fill(0); new Uint32Array(n * 2).fill(0); });
t('scoreTable', () => scorer.scoreTable(table));
