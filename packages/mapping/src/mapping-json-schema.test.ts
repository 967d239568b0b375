import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mappingJsonSchemaText } from './mapping-json-schema';

describe('mapping.schema.json', () => {
  it('matches the zod schema (run `pnpm --filter @mimamori/mapping build:schema` when stale)', () => {
    const onDisk = readFileSync(new URL('../mapping.schema.json', import.meta.url), 'utf8');
    expect(onDisk).toBe(mappingJsonSchemaText());
  });

  it('describes the document for editors', () => {
    const schema = JSON.parse(mappingJsonSchemaText());
    expect(schema.$defs.Mapping.title).toBe('Mimamori source mapping');
    expect(schema.$defs.Mapping.properties.columns.items.properties.role.enum).toContain(
      'identity',
    );
  });
});
