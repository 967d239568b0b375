// Writes rules/rule-set.schema.json from the zod schema (the truth). Run: pnpm --filter @mimamori/engine build:schema
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ruleSetJsonSchema } from '../src/schema/rule-set-json-schema';

const target = fileURLToPath(new URL('../../../rules/rule-set.schema.json', import.meta.url));
writeFileSync(target, ruleSetJsonSchema());
console.log(`wrote ${target}`);
