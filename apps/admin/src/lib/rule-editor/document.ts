/**
 * The rule-set document as the engine reads it (`@mimamori/engine` owns the zod schema; these
 * types mirror its contract until the engine exports them, then they become re-exports).
 */

export type Localized = { ja: string; en: string };
export type LocalizedOptionalEn = { ja: string; en?: string };

export const factTypes = ['number', 'boolean', 'code', 'text', 'date'] as const;
export type FactType = (typeof factTypes)[number];

export const factSources = ['roster', 'nursery', 'school', 'welfare', 'health', 'other'] as const;
export type FactSource = (typeof factSources)[number];

export type FactDefinition = {
  id: string;
  label: Localized;
  type: FactType;
  unit?: string;
  source: FactSource;
  allowedValues?: string[];
  outsideSchool: boolean;
};

export type LevelDefinition = { id: string; label: Localized; minPoints: number };

export type DifficultyTypeDefinition = {
  id: string;
  label: Localized;
  levels: LevelDefinition[];
};

export type ConditionValue = number | string | boolean | null | Array<number | string>;

/** A leaf: compare one fact with a value. */
export type LeafCondition = {
  fact: string;
  operator: string;
  value: ConditionValue;
  path?: string;
};

export type AllCondition = { all: ConditionNode[] };
export type AnyCondition = { any: ConditionNode[] };
export type NotCondition = { not: ConditionNode };
/** A reference to a named condition in `document.conditions`. */
export type ConditionReference = { condition: string };

/** json-rules-engine's TopLevelCondition. */
export type GroupCondition = AllCondition | AnyCondition | NotCondition;
export type TopLevelCondition = GroupCondition | ConditionReference;
export type ConditionNode = TopLevelCondition | LeafCondition;

export type RuleEvent = {
  type: string;
  params: {
    points: number;
    explanation: LocalizedOptionalEn;
    rationale: string;
    reference?: string;
  };
};

export type Rule = {
  id: string;
  name?: Localized;
  priority?: number;
  enabled?: boolean;
  conditions: TopLevelCondition;
  event: RuleEvent;
};

export type RuleSetDocument = {
  id: string;
  version: number;
  title: Localized;
  effectiveFrom: string;
  facts: FactDefinition[];
  types: DifficultyTypeDefinition[];
  conditions: Record<string, TopLevelCondition>;
  rules: Rule[];
};
