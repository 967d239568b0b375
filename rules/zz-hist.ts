import { readFileSync } from 'node:fs';
import { createScorer, loadRuleSet } from '@mimamori/engine';
const loaded = loadRuleSet(JSON.parse(readFileSync(process.argv[2]!, 'utf8')));
if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
const scorer = createScorer(loaded.ruleSet);
const T = scorer.ruleSet.types.length;
const kids = process.argv.slice(3).flatMap((d) => JSON.parse(readFileSync(d, 'utf8')) as { facts: Record<string, unknown> }[]);
const t = scorer.scoreBatch(kids.map((k) => k.facts));
for (let ty = 0; ty < T; ty++) {
  const h = new Map<number, number>();
  for (let c = 0; c < t.count; c++) { const p = t.points[c * T + ty]!; h.set(p, (h.get(p) ?? 0) + 1); }
  const keys = [...h.keys()].sort((a, b) => a - b); let cum = t.count;
  console.log(scorer.ruleSet.types[ty]!.id, keys.map((k) => { const s = `${k}:${(100 * cum / t.count).toFixed(2)}`; cum -= h.get(k)!; return s; }).join(' '));
}
