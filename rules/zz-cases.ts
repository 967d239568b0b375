import { readFileSync } from 'node:fs';
import { loadRuleSet, ruleCasesSchema, runCases, createScorer } from '@mimamori/engine';
const loaded = loadRuleSet(JSON.parse(readFileSync('demo.rules.json', 'utf8')));
if (!loaded.ok) throw new Error('invalid');
const cases = ruleCasesSchema.parse(JSON.parse(readFileSync('demo.cases.json', 'utf8')));
for (const r of runCases(loaded.ruleSet, cases)) if (!r.pass) console.log('FAIL', r.name, r.diffs);
const scorer = createScorer(loaded.ruleSet);
const covered = new Set(cases.flatMap((c) => c.expect.events ?? []));
console.log('uncovered', loaded.ruleSet.rules.map((r) => r.id).filter((id) => !covered.has(id)));
for (const c of cases) { const s = scorer.score(c.facts); console.log(c.name, '→', Object.entries(s).map(([k, v]) => `${k}:${v.points}/${v.level}`).join(' ')); }
