import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadRuleSet, ruleCasesSchema, runCases } from '@mimamori/engine';

const dir = new URL('./', import.meta.url);
const ruleFiles = readdirSync(dir).filter((f) => f.endsWith('.rules.json'));

describe.each(ruleFiles)('%s', (file) => {
  const loaded = loadRuleSet(JSON.parse(readFileSync(new URL(file, dir), 'utf8')));

  it('validates', () => {
    expect(loaded.ok ? [] : loaded.errors).toEqual([]);
  });

  it('passes its cases', () => {
    if (!loaded.ok) throw new Error(`${file} does not validate`);
    const casesFile = new URL(file.replace(/\.rules\.json$/, '.cases.json'), dir);
    const cases = ruleCasesSchema.parse(JSON.parse(readFileSync(casesFile, 'utf8')));
    expect(cases.length).toBeGreaterThan(0);
    const failures = runCases(loaded.ruleSet, cases).filter((r) => !r.pass);
    expect(failures).toEqual([]);
  });
});
