import type { Connector } from '@mimamori/connector-kit';
import type { Db } from '@mimamori/db';
import { loadMappedConnectors, mergeConnectors } from '@mimamori/pipeline';

/** Code connectors plus the mapped sources saved in the database, read fresh per request. */
export interface ConnectorCatalog {
  /** The connector packages (their names cannot be taken by a mapped source). */
  readonly code: ReadonlyMap<string, Connector>;
  /** Every connector: code first, then the newest active version of each mapped source. */
  all(): Promise<ReadonlyMap<string, Connector>>;
  /** Names of the mapped sources among {@link ConnectorCatalog.all}. */
  mappedNames(): Promise<ReadonlySet<string>>;
}

/**
 * A catalog that reads mapped sources on every call (a handful of small documents), so a source
 * saved by another server instance is seen at once and nothing needs invalidating.
 * @example const catalog = createConnectorCatalog(db, await discoverConnectors(root));
 */
export function createConnectorCatalog(
  db: Db,
  code: ReadonlyMap<string, Connector>,
): ConnectorCatalog {
  async function mapped() {
    return (await loadMappedConnectors(db)).connectors;
  }
  return {
    code,
    async all() {
      return mergeConnectors(code, await mapped());
    },
    async mappedNames() {
      const names = new Set((await mapped()).keys());
      for (const name of code.keys()) names.delete(name);
      return names;
    },
  };
}
