const { syntheticFacts } = await import('./src/testing/synthetic-facts.ts');
const facts = syntheticFacts(1_000_000);
console.log('fast?', %HasFastProperties(facts[0]), %HasFastProperties(facts[1]), %HasFastProperties(facts[2]));
const parsed = facts.map((f) => JSON.parse(JSON.stringify(f)));
console.log('parsed fast?', %HasFastProperties(parsed[0]), %HasFastProperties(parsed[1]));
const keys = [...new Set(facts.slice(0, 10).flatMap(Object.keys))];
for (const [name, arr] of [['orig', facts], ['parsed', parsed]]) for (let k = 0; k < 2; k++) {
  let t0 = performance.now(); let s = 0;
  for (let c = 0; c < arr.length; c++) { const f = arr[c]; for (let i = 0; i < keys.length; i++) { const v = f[keys[i]]; if (v === 1) s++; } }
  console.log(name, 'keyed loop', (performance.now() - t0).toFixed(0), s);
}
