import type { Connector } from '@mimamori/connector-kit';
import { isBlankDeclaration, ruleUses, type InventoryRuleSet } from './data-inventory';

/** Why a rule set cannot be published. */
export interface PublishProblem {
  readonly code:
    'undeclared_fact' | 'missing_purpose' | 'missing_legal_basis' | 'missing_retention';
  readonly ruleId: string;
  readonly factId: string;
  readonly message: string;
  readonly messageJa: string;
}

const legal = [
  ['purpose', 'missing_purpose', 'purpose of use', '利用目的'],
  ['legalBasis', 'missing_legal_basis', 'legal basis', '法的根拠'],
  ['retention', 'missing_retention', 'retention period', '保存期間'],
] as const;

/**
 * Every reason a rule set cannot be published: a rule reads a fact no connector declares, or
 * whose purpose of use, legal basis or retention is missing. Empty when publishable.
 *
 * @example
 * const problems = checkPublishable(ruleSet, connectors);
 * if (problems.length > 0) throw new HTTPException(422, { message: problems[0].messageJa });
 */
export function checkPublishable(
  ruleSet: InventoryRuleSet,
  connectors: readonly Connector[],
): PublishProblem[] {
  const declarations = new Map(connectors.flatMap((c) => c.facts.map((f) => [f.id, f] as const)));
  const problems: PublishProblem[] = [];
  for (const [factId, uses] of ruleUses([ruleSet])) {
    const fact = declarations.get(factId);
    for (const { rule: ruleId } of uses) {
      if (!fact) {
        problems.push({
          code: 'undeclared_fact',
          ruleId,
          factId,
          message: `rule ${ruleId} uses fact ${factId}, which no source declares with a purpose of use; declare it in a connector or mapping before publishing`,
          messageJa: `ルール「${ruleId}」が使う項目「${factId}」は、どの情報源でも利用目的が宣言されていません。公開する前に、コネクタまたはマッピングで利用目的・法的根拠・保存期間を宣言してください。`,
        });
        continue;
      }
      for (const [key, code, en, ja] of legal) {
        if (!isBlankDeclaration(fact[key])) continue;
        problems.push({
          code,
          ruleId,
          factId,
          message: `rule ${ruleId} uses fact ${factId}, whose ${en} is not declared; fill it in before publishing`,
          messageJa: `ルール「${ruleId}」が使う項目「${fact.label.ja}」（${factId}）の${ja}が記入されていません。公開する前に記入してください。`,
        });
      }
    }
  }
  return problems.sort(
    (a, b) => a.ruleId.localeCompare(b.ruleId) || a.factId.localeCompare(b.factId),
  );
}
