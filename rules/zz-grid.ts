import { readFileSync } from 'node:fs';
import { createScorer, loadRuleSet } from '@mimamori/engine';
const loaded = loadRuleSet(JSON.parse(readFileSync(process.argv[2]!, 'utf8')));
if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
const scorer = createScorer(loaded.ruleSet);
const T = scorer.ruleSet.types.length;
const kids = process.argv.slice(3).flatMap((d) => JSON.parse(readFileSync(d, 'utf8')) as { facts: Record<string, unknown> }[]);
const t = scorer.scoreBatch(kids.map((k) => k.facts));
const n = t.count;
const pts = (c: number, ty: number) => t.points[c * T + ty]!;
function union(th: number[]) { let u = 0; const per = th.map(() => 0); for (let c = 0; c < n; c++) { let any = false; for (let ty = 0; ty < T; ty++) if (pts(c, ty) >= th[ty]!) { any = true; per[ty]!++; } if (any) u++; } return { u: 100 * u / n, per: per.map((x) => +(100 * x / n).toFixed(2)) }; }
const target = Number(process.env.TARGET ?? 7.5); const lo = Number(process.env.LO ?? 4), hi = Number(process.env.HI ?? 14);
const res: { th: number[]; u: number; per: number[]; score: number }[] = [];
for (let a = lo; a <= hi; a++) for (let b = lo; b <= hi; b++) for (let d = lo; d <= hi; d++) {
  const r = union([a, b, d]); const spread = Math.max(...r.per) - Math.min(...r.per);
  res.push({ th: [a, b, d], ...r, score: Math.abs(r.u - target) * 4 + spread * 0.3 });
}
res.sort((x, y) => x.score - y.score);
for (const r of res.slice(0, 12)) console.log(r.th.join('/'), r.u.toFixed(2), r.per.join(' '));
