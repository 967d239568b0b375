import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

// The prepare thread loads only the database package's driver-free helpers (`@mimamori/db/pure`):
// its index pulls in kysely, pg and better-sqlite3, about half a second of the thread's start
// (and of every import's). Walks the thread's own modules (relative imports) from its body.
const here = dirname(fileURLToPath(import.meta.url));

/** Value imports and re-exports (not `import type`) of a module's source, by specifier. */
function valueImports(source: string): string[] {
  const specifiers: string[] = [];
  for (const m of source.matchAll(
    /^(?:import|export)\s+(?!type\s)([^;]*?)\s+from\s+'([^']+)'/gms,
  )) {
    const names = m[1] ?? '';
    // `import { type A, type B } from …` is erased too.
    const braces = /^\{([^}]*)\}$/.exec(names.trim());
    const onlyTypes =
      braces !== null &&
      (braces[1] ?? '')
        .split(',')
        .map((n) => n.trim())
        .filter((n) => n !== '')
        .every((n) => n.startsWith('type '));
    if (!onlyTypes) specifiers.push(m[2] ?? '');
  }
  for (const m of source.matchAll(/^import\s+'([^']+)'/gm)) specifiers.push(m[1] ?? '');
  return specifiers;
}

it('loads no database driver: nothing it imports takes the database package’s index', () => {
  const seen = new Set<string>();
  const fromDb: string[] = [];
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const specifier of valueImports(readFileSync(join(here, file), 'utf8'))) {
      if (specifier === '@mimamori/db') fromDb.push(file);
      if (specifier.startsWith('./')) visit(`${specifier.slice(2).replace(/\.ts$/, '')}.ts`);
    }
  };
  visit('prepare-worker.ts');
  expect(seen.size).toBeGreaterThan(3);
  expect(seen).toContain('roster-records.ts');
  expect(fromDb).toEqual([]);
});

it('sees a value import among type imports (the check can fail)', () => {
  expect(valueImports(`import type { A } from '@mimamori/db';`)).toEqual([]);
  expect(valueImports(`import { type A, type B } from '@mimamori/db';`)).toEqual([]);
  expect(valueImports(`import {\n  a,\n  type B,\n} from '@mimamori/db';`)).toEqual([
    '@mimamori/db',
  ]);
  expect(valueImports(`export { a } from './x';`)).toEqual(['./x']);
});
