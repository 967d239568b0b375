import type { FactType } from '@mimamori/records';
import { ruleUses, type InventoryRuleSet, type RuleUse } from './inventory/data-inventory';
import type { Mapping } from './mapping-schema';
import type { MappingProblem } from './validate-mapping';

/** A fact as another version or source declares it. */
export interface DeclaredFact {
  readonly id: string;
  readonly type: FactType;
}

function factColumns(mapping: Mapping): { id: string; type: FactType; index: number }[] {
  return mapping.columns.flatMap((c, index) =>
    c.role === 'fact' && c.fact ? [{ id: c.fact.id, type: c.fact.type, index }] : [],
  );
}

/**
 * `fact_id_taken` for every fact the mapping declares that another source already declares.
 * Two names can share a fact prefix (`hall-2` and `hall2` both give `hall2.`), and facts are
 * merged per child by id, so one source's values would silently replace the other's.
 *
 * @param declared fact id → name of the source declaring it (leave out the mapping's own name)
 * @example factIdConflicts(mapping, new Map([['hall2.visitDays', 'hall-2']]))[0]?.code // 'fact_id_taken'
 */
export function factIdConflicts(
  mapping: Mapping,
  declared: ReadonlyMap<string, string>,
): MappingProblem[] {
  return factColumns(mapping).flatMap(({ id, index }) => {
    const owner = declared.get(id);
    if (owner === undefined || owner === mapping.name) return [];
    return [
      {
        path: `/columns/${index}/fact/id`,
        code: 'fact_id_taken',
        message: `fact id ${id} is already declared by source ${owner}; choose another id or source name`,
        messageJa: `項目ID「${id}」は情報源「${owner}」がすでに使っています。別の項目IDかソース名にしてください`,
      },
    ];
  });
}

function listUses(uses: readonly RuleUse[]): string {
  return uses.map((u) => `${u.ruleSet}/${u.rule}`).join(', ');
}

/**
 * `fact_in_use` for every fact of the previous version that a published rule reads and that the
 * new version drops or gives another type: the rule would silently stop matching. Messages name
 * fact ids and rule ids only.
 *
 * @example
 * factsInUseProblems({ previous: [{ id: 'childrensHall.visitDays', type: 'number' }], next, ruleSets })
 */
export function factsInUseProblems(input: {
  readonly previous: readonly DeclaredFact[];
  readonly next: Mapping;
  readonly ruleSets: readonly InventoryRuleSet[];
}): MappingProblem[] {
  const uses = ruleUses(input.ruleSets);
  const next = new Map(factColumns(input.next).map((f) => [f.id, f]));
  const problems: MappingProblem[] = [];
  for (const fact of input.previous) {
    const used = uses.get(fact.id);
    if (!used || used.length === 0) continue;
    const now = next.get(fact.id);
    const rules = listUses(used);
    if (now === undefined) {
      problems.push({
        path: '/columns',
        code: 'fact_in_use',
        message: `fact ${fact.id} is used by published rules (${rules}); it cannot be removed until they no longer use it`,
        messageJa: `項目「${fact.id}」は公開中のルール（${rules}）が使っているため削除できません。先にルールから外して公開してください`,
      });
    } else if (now.type !== fact.type) {
      problems.push({
        path: `/columns/${now.index}/fact/type`,
        code: 'fact_in_use',
        message: `fact ${fact.id} is used by published rules (${rules}); its type cannot change from ${fact.type} to ${now.type}`,
        messageJa: `項目「${fact.id}」は公開中のルール（${rules}）が使っているため、型を変更できません（${fact.type} → ${now.type}）`,
      });
    }
  }
  return problems;
}
