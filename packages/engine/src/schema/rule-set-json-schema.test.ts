import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ruleSetJsonSchema } from './rule-set-json-schema';

describe('rules/rule-set.schema.json', () => {
  it('is up to date with the zod schema (run `pnpm --filter @mimamori/engine build:schema`)', () => {
    const committed = readFileSync(
      new URL('../../../../rules/rule-set.schema.json', import.meta.url),
      'utf8',
    );
    expect(committed).toBe(ruleSetJsonSchema());
  });
});
