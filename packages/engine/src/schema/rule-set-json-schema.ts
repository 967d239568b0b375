import { z } from 'zod';
import { ruleSetSchema } from './rule-set-schema';

/** The JSON Schema for rule-set documents (for editors), generated from the zod schema. */
export function ruleSetJsonSchema(): string {
  const schema = z.toJSONSchema(ruleSetSchema, {
    target: 'draft-2020-12',
    io: 'input',
    unrepresentable: 'any',
  });
  return `${JSON.stringify(schema, null, 2)}\n`;
}
