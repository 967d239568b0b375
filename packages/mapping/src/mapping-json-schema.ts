import { z } from 'zod';
import { mappingSchema } from './mapping-schema';

/**
 * The JSON Schema of a mapping document, generated from the zod schema (the truth). Editors use
 * it for completion; cross-field rules (fact ids, code tables, purposes) are `validateMapping`'s.
 *
 * @example writeFileSync('mapping.schema.json', mappingJsonSchemaText());
 */
export function mappingJsonSchemaText(): string {
  const schema = z.toJSONSchema(mappingSchema, { target: 'draft-2020-12' });
  return `${JSON.stringify(schema, null, 2)}\n`;
}
