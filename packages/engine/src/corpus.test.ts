import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileRules } from './compile/compile-rules';
import { createOracle } from './testing/jre-oracle';

interface CorpusFile {
  source: string;
  conditions?: Record<string, never>;
  rules: never[];
  cases: { facts: Record<string, unknown>; events: unknown[] }[];
}

const dir = new URL('./corpus/', import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith('.json'));

describe.each(files)('corpus %s', (file) => {
  const corpus = JSON.parse(readFileSync(new URL(file, dir), 'utf8')) as CorpusFile;
  const options = corpus.conditions ? { conditions: corpus.conditions } : {};
  const compiled = compileRules(corpus.rules, options);
  const oracle = createOracle(corpus.rules, options);

  it.each(corpus.cases.map((c, i) => [i, c] as const))(
    'case %i: documented result, json-rules-engine and ours agree',
    async (_i, testCase) => {
      const expected = await oracle(testCase.facts);
      expect(expected).toEqual({ ok: true, events: testCase.events });
      expect(compiled.evaluate(testCase.facts).events).toEqual(testCase.events);
    },
  );
});
