import { getCurrentVersion, listRuleSets, type Db } from '@mimamori/db';
import { loadRuleSet, type RuleSet } from '@mimamori/engine';
import {
  buildDataInventory,
  checkPublishable,
  type DataInventory,
  type InventoryRuleSet,
  type PublishProblem,
} from '@mimamori/mapping';
import type { ConnectorCatalog } from './connector-catalog';

/** The data inventory residents read, and the publish gate that keeps it truthful (issue 8). */
export interface InventoryService {
  /** Every source (code + mapped), item, purpose, legal basis, retention and the rules using it. */
  build(): Promise<DataInventory>;
  /** Why a rule-set document cannot be published (a fact without a declared purpose); empty if it can. */
  checkPublishable(document: unknown): Promise<PublishProblem[]>;
}

/** The slice of an engine rule set the inventory reads. */
function inventoryView(ruleSet: RuleSet): InventoryRuleSet {
  return {
    id: ruleSet.id,
    title: ruleSet.title,
    facts: ruleSet.facts,
    conditions: ruleSet.conditions ?? {},
    rules: ruleSet.rules.map((rule) => ({
      id: rule.id,
      ...(rule.name === undefined ? {} : { name: rule.name }),
      ...(rule.enabled === undefined ? {} : { enabled: rule.enabled }),
      conditions: rule.conditions,
    })),
  };
}

/** The published version of every rule set, in the slice the inventory and fact-use checks read. */
export async function publishedRuleSets(db: Db): Promise<InventoryRuleSet[]> {
  const out: InventoryRuleSet[] = [];
  for (const set of await listRuleSets(db)) {
    if (set.currentVersionId === null) continue;
    const current = await getCurrentVersion(db, set.id);
    const loaded = current && loadRuleSet(current.document);
    if (loaded?.ok === true) out.push(inventoryView(loaded.ruleSet));
  }
  return out;
}

/**
 * Builds the inventory from the connectors' declarations and the published rule sets, never
 * from hand-written text.
 * @example const inventory = await createInventoryService(db, catalog).build();
 */
export function createInventoryService(db: Db, catalog: ConnectorCatalog): InventoryService {
  return {
    async build() {
      const [connectors, ruleSets] = await Promise.all([catalog.all(), publishedRuleSets(db)]);
      return buildDataInventory({ connectors: [...connectors.values()], ruleSets });
    },
    async checkPublishable(document) {
      const loaded = loadRuleSet(document);
      // An invalid document is refused by validation before this gate.
      if (!loaded.ok) return [];
      return checkPublishable(inventoryView(loaded.ruleSet), [...(await catalog.all()).values()]);
    },
  };
}
