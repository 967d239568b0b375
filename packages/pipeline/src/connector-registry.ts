import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Connector } from '@mimamori/connector-kit';
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
