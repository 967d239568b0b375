import { compileRules } from './src/index';
import { createRandom, randomRuleSet, randomFacts, customOperators, customDecorators } from './src/testing/random-cases';
import { createOracle } from './src/testing/jre-oracle';
const seed = Number(process.argv[2] ?? 1); const sets = Number(process.argv[3] ?? 200); const per = Number(process.argv[4] ?? 50);
const r = createRandom(seed);
let n = 0, mism = 0, throwsBoth = 0; const t0 = performance.now();
for (let s = 0; s < sets; s++) {
  const { rules, conditions } = randomRuleSet(r);
  const oracle = createOracle(rules, { conditions, operators: customOperators, decorators: customDecorators });
  const ours = compileRules(rules, { conditions, operators: customOperators, decorators: customDecorators });
  for (let k = 0; k < per; k++) {
    const facts = randomFacts(r);
    const expected = await oracle(facts);
    let actual: string;
    try { actual = JSON.stringify(ours.evaluate(facts).events); } catch (e) { actual = 'THROW ' + String(e); }
    const exp = expected.ok ? JSON.stringify(expected.events) : 'THROW ' + expected.error;
    n++;
    if (!expected.ok) throwsBoth++;
    if ((expected.ok || !actual.startsWith('THROW')) && exp !== actual) {
      mism++;
      if (mism <= 3) { console.log('MISMATCH set', s, JSON.stringify({ rules, conditions }), '\nfacts', JSON.stringify(facts), '\nexp', exp, '\nact', actual); }
    }
  }
}
console.log({ n, mism, throwsBoth, ms: performance.now() - t0 });
