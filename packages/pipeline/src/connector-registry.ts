import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Connector } from '@mimamori/connector-kit';
import { listCurrentMappedSources, type Db } from '@mimamori/db';
import { createMappedConnector, validateMapping, type MappedConnector } from '@mimamori/mapping';
import { PipelineError } from './pipeline-error';

function isConnector(value: unknown): value is Connector {
  if (typeof value !== 'object' || value === null) return false;
  const c = value as Partial<Connector>;
  return (
    typeof c.name === 'string' && typeof c.normalize === 'function' && Array.isArray(c.columns)
  );
}

/**
 * Finds every connector package under `<root>/connectors/*` (its `src/index.ts` default export),
 * so a package added to the workspace is picked up without touching the core.
 * @example const connectors = await discoverConnectors(repoRoot);
 */
export async function discoverConnectors(root: string): Promise<Map<string, Connector>> {
  const dir = join(root, 'connectors');
  const found = new Map<string, Connector>();
  if (!existsSync(dir)) return found;
  for (const name of readdirSync(dir).sort()) {
    const entry = join(dir, name, 'src', 'index.ts');
    if (!existsSync(entry)) continue;
    const mod = (await import(pathToFileURL(entry).href)) as { default?: unknown };
    if (!isConnector(mod.default)) continue;
    if (found.has(mod.default.name)) {
      throw new PipelineError(
        'unknown_connector',
        `two connector packages are named '${mod.default.name}'`,
      );
    }
    found.set(mod.default.name, mod.default);
  }
  return found;
}

/** The connector named `name`, or a clear error listing the known ones. */
export function requireConnector(
  connectors: ReadonlyMap<string, Connector>,
  name: string,
): Connector {
  const connector = connectors.get(name);
  if (!connector) {
    throw new PipelineError(
      'unknown_connector',
      `unknown connector '${name}'; known: ${[...connectors.keys()].join(', ')}`,
    );
  }
  return connector;
}

/**
 * Connectors built from the mapped sources saved in the database (the newest active version of
 * each). A stored mapping that no longer validates is skipped and named in `invalid`, so one bad
 * row cannot take every import down.
 * @example const { connectors } = await loadMappedConnectors(db);
 */
export async function loadMappedConnectors(
  db: Db,
): Promise<{ connectors: Map<string, MappedConnector>; invalid: string[] }> {
  const connectors = new Map<string, MappedConnector>();
  const invalid: string[] = [];
  for (const source of await listCurrentMappedSources(db)) {
    const validated = validateMapping(source.mapping);
    if (validated.ok) connectors.set(source.name, createMappedConnector(validated.mapping));
    else invalid.push(`${source.name}@${source.version}`);
  }
  return { connectors, invalid };
}

/**
 * Code connectors and mapped connectors in one registry. A code connector keeps its name: a
 * mapped source of the same name is left out (saving one is refused upstream).
 * @example const all = mergeConnectors(await discoverConnectors(root), (await loadMappedConnectors(db)).connectors);
 */
export function mergeConnectors(
  code: ReadonlyMap<string, Connector>,
  mapped: ReadonlyMap<string, Connector>,
): Map<string, Connector> {
  const all = new Map(code);
  for (const [name, connector] of mapped) if (!all.has(name)) all.set(name, connector);
  return all;
}
