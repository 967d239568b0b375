import { readFileSync } from 'node:fs';
import { createScorer, loadRuleSet } from '@mimamori/engine';
const file = process.argv[2] ?? 'demo.rules.json';
const loaded = loadRuleSet(JSON.parse(readFileSync(file, 'utf8')));
if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
const scorer = createScorer(loaded.ruleSet);
const T = scorer.ruleSet.types.length;
for (const dump of process.argv.slice(3)) {
  const kids = JSON.parse(readFileSync(dump, 'utf8')) as { facts: Record<string, unknown> }[];
  const t = scorer.scoreBatch(kids.map((k) => k.facts));
  let flagged = 0, top = 0; const perType = scorer.ruleSet.types.map(() => [0, 0]);
  const hits = new Array(scorer.rules.length).fill(0);
  for (let c = 0; c < t.count; c++) {
    let f = false, tp = false;
    for (let ty = 0; ty < T; ty++) { const l = t.levels[c * T + ty]!; if (l >= 0) { f = true; perType[ty]![l]!++; } if (l === scorer.ruleSet.types[ty]!.levels.length - 1) tp = true; }
    if (f) flagged++; if (tp) top++;
    for (let r = 0; r < hits.length; r++) if ((t.fired[c * t.wordsPerChild + (r >>> 5)]! >>> (r & 31)) & 1) hits[r]++;
  }
  console.log(`${dump}: n=${t.count} flagged ${(100 * flagged / t.count).toFixed(2)}% top ${(100 * top / t.count).toFixed(2)}%  by type ${scorer.ruleSet.types.map((ty, i) => `${ty.id} ${perType[i]!.map((x) => (100 * x / t.count).toFixed(2)).join('/')}`).join('  ')}`);
  if (process.env.RULES) console.log(scorer.rules.map((r, i) => `  ${r.rule.id.padEnd(34)} +${r.points}  ${(100 * hits[i] / t.count).toFixed(2)}%`).join('\n'));
}
