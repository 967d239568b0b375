import type { Connector } from '@mimamori/connector-kit';
import type { FactType } from '@mimamori/records';
import { factsInConditions } from './facts-in-conditions';

/** The slice of a rule set the inventory reads (structurally an engine `RuleSet`). */
export interface InventoryRuleSet {
  readonly id: string;
  readonly title: { readonly ja: string; readonly en: string };
  readonly facts: readonly { readonly id: string }[];
  readonly conditions?: Readonly<Record<string, unknown>>;
  readonly rules: readonly {
    readonly id: string;
    readonly name?: { readonly ja: string; readonly en: string };
    readonly enabled?: boolean;
    readonly conditions: unknown;
  }[];
}

/** A rule that reads a fact. */
export interface RuleUse {
  readonly ruleSet: string;
  readonly rule: string;
  /** The rule's Japanese name when it has one, else its id. */
  readonly label: string;
}

/** One item a source provides, with why it is held (shown to residents). */
export interface InventoryItem {
  readonly factId: string;
  readonly label: { readonly ja: string; readonly en: string };
  readonly type: FactType;
  readonly unit?: string;
  readonly purpose: string;
  readonly legalBasis: string;
  readonly retention: string;
  readonly usedBy: readonly RuleUse[];
}

/** One source (connector) and everything it reads. */
export interface InventorySource {
  readonly name: string;
  readonly title: { readonly ja: string; readonly en: string };
  readonly version: string;
  /** Headers of columns read as personal data (for linkage or kept apart; never scored). */
  readonly personalColumns: readonly string[];
  readonly items: readonly InventoryItem[];
}

/** Which legal fields a fact lacks. */
export type LegalField = 'purpose' | 'legalBasis' | 'retention';

/** The whole inventory, generated from declarations (never written by hand). */
export interface DataInventory {
  readonly sources: readonly InventorySource[];
  /** Declared facts no enabled rule reads: candidates for data minimisation. */
  readonly unusedFacts: readonly string[];
  /** Facts lacking a purpose, legal basis or retention, or read by a rule but declared nowhere. */
  readonly factsWithoutPurpose: readonly {
    readonly factId: string;
    readonly missing: readonly LegalField[];
  }[];
}

const PLACEHOLDERS = new Set([
  '',
  '要記入',
  '未定',
  '未記入',
  'todo',
  'tbd',
  'xxx',
  '-',
  '—',
  '?',
  '？',
]);

/** True when a purpose, legal basis or retention text says nothing. */
export function isBlankDeclaration(text: string | undefined): boolean {
  return PLACEHOLDERS.has((text ?? '').trim().toLowerCase());
}

/** Fact id → the enabled rules reading it, over every rule set. */
export function ruleUses(ruleSets: readonly InventoryRuleSet[]): Map<string, RuleUse[]> {
  const uses = new Map<string, RuleUse[]>();
  for (const ruleSet of ruleSets) {
    for (const rule of ruleSet.rules) {
      if (rule.enabled === false) continue;
      const use = { ruleSet: ruleSet.id, rule: rule.id, label: rule.name?.ja ?? rule.id };
      for (const fact of factsInConditions(rule.conditions, ruleSet.conditions ?? {})) {
        uses.set(fact, [...(uses.get(fact) ?? []), use]);
      }
    }
  }
  return uses;
}

/**
 * Builds the data inventory residents can read: every source, every item, its purpose, legal
 * basis and retention, and which rules use it — from the connectors' declarations.
 *
 * @example
 * const inventory = buildDataInventory({ connectors: [roster, welfare], ruleSets: [demo] });
 * writeFileSync('inventory.md', renderInventoryMarkdown(inventory, 'ja'));
 */
export function buildDataInventory(input: {
  readonly connectors: readonly Connector[];
  readonly ruleSets: readonly InventoryRuleSet[];
}): DataInventory {
  const uses = ruleUses(input.ruleSets);
  const declared = new Set<string>();
  const missing: { factId: string; missing: LegalField[] }[] = [];
  const sources = input.connectors.map((connector): InventorySource => {
    const items = connector.facts.map((fact): InventoryItem => {
      declared.add(fact.id);
      const lacks = (['purpose', 'legalBasis', 'retention'] as const).filter((f) =>
        isBlankDeclaration(fact[f]),
      );
      if (lacks.length > 0) missing.push({ factId: fact.id, missing: lacks });
      return {
        factId: fact.id,
        label: fact.label,
        type: fact.type,
        ...(fact.unit === undefined ? {} : { unit: fact.unit }),
        purpose: fact.purpose,
        legalBasis: fact.legalBasis,
        retention: fact.retention,
        usedBy: uses.get(fact.id) ?? [],
      };
    });
    const personalColumns = connector.columns
      .filter((c) => c.personal && c.role !== 'ignore')
      .map((c) => c.header);
    return {
      name: connector.name,
      title: connector.title,
      version: connector.version,
      personalColumns,
      items,
    };
  });
  for (const factId of [...uses.keys()].sort()) {
    if (!declared.has(factId))
      missing.push({ factId, missing: ['purpose', 'legalBasis', 'retention'] });
  }
  const unusedFacts = [...declared].filter((id) => !uses.has(id)).sort();
  return { sources, unusedFacts, factsWithoutPurpose: missing };
}
