import type { Connector } from '@mimamori/connector-kit';

/**
 * The names a connector's records store their facts against (its declared facts, in order): a
 * record with exactly these facts stores only their values (see `recordFactsText`).
 */
export function factNamesOf(connector: Pick<Connector, 'facts'>): readonly string[] {
  return connector.facts.map((f) => f.id);
}
