import { writeFileSync } from 'node:fs';
import { mappingJsonSchemaText } from '../src/mapping-json-schema';

// Regenerates mapping.schema.json from the zod schema; a test fails when the file is stale.
const target = new URL('../mapping.schema.json', import.meta.url);
writeFileSync(target, mappingJsonSchemaText());
console.log(`wrote ${target.pathname}`);
