import { syntheticFacts } from './src/testing/synthetic-facts';
const facts = syntheticFacts(1_000_000);
const keys = Object.keys(facts[0]!).concat(Object.keys(facts[1]!)).filter((k, i, a) => a.indexOf(k) === i);
console.log(keys.length, Object.keys(facts[0]!).length);
for (let k = 0; k < 3; k++) {
  let t0 = performance.now(); let s = 0;
  for (let c = 0; c < facts.length; c++) { const f = facts[c]!; for (let i = 0; i < keys.length; i++) { const v = f[keys[i]!]; if (v === 1) s++; } }
  console.log('keyed loop', (performance.now() - t0).toFixed(0), s);
  t0 = performance.now(); s = 0;
  for (let c = 0; c < facts.length; c++) { const f = facts[c]!; for (const key in f) { if (f[key] === 1) s++; } }
  console.log('for-in', (performance.now() - t0).toFixed(0), s);
  t0 = performance.now(); s = 0;
  for (let c = 0; c < facts.length; c++) { const f = facts[c]!; const vs = Object.values(f); for (let i = 0; i < vs.length; i++) if (vs[i] === 1) s++; }
  console.log('values', (performance.now() - t0).toFixed(0), s);
  t0 = performance.now(); s = 0;
  for (let c = 0; c < facts.length; c++) { const f = facts[c]!; if (f['school.absenceDays'] === 1) s++; if (f['roster.householdSize'] === 3) s++; }
  console.log('2 const loads', (performance.now() - t0).toFixed(0), s);
}
