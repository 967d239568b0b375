/** Document-level edits: rules and thresholds. Pure; each returns a new document. */
import type { Rule, RuleSetDocument } from './document';
import { emptyLeaf } from './condition-tree';

/** An id not yet used by any rule, e.g. `rule-4`. */
export function freshRuleId(document: RuleSetDocument, base = 'rule'): string {
  const used = new Set(document.rules.map((r) => r.id));
  for (let n = document.rules.length + 1; ; n++) {
    const id = `${base}-${n}`;
    if (!used.has(id)) return id;
  }
}

export function newRule(document: RuleSetDocument): Rule {
  return {
    id: freshRuleId(document),
    name: { ja: '新しいルール', en: 'New rule' },
    enabled: true,
    conditions: { all: [emptyLeaf()] },
    event: {
      type: document.types[0]?.id ?? 'abuse',
      params: { points: 1, explanation: { ja: '' }, rationale: '' },
    },
  };
}

export function addRule(document: RuleSetDocument): RuleSetDocument {
  return { ...document, rules: [...document.rules, newRule(document)] };
}

export function removeRule(document: RuleSetDocument, index: number): RuleSetDocument {
  return { ...document, rules: document.rules.filter((_, i) => i !== index) };
}

export function updateRule(
  document: RuleSetDocument,
  index: number,
  update: (rule: Rule) => Rule,
): RuleSetDocument {
  return { ...document, rules: document.rules.map((r, i) => (i === index ? update(r) : r)) };
}

/** Sets a level's minimum points. */
export function setThreshold(
  document: RuleSetDocument,
  typeId: string,
  levelId: string,
  minPoints: number,
): RuleSetDocument {
  return {
    ...document,
    types: document.types.map((type) =>
      type.id !== typeId
        ? type
        : {
            ...type,
            levels: type.levels.map((level) =>
              level.id === levelId ? { ...level, minPoints } : level,
            ),
          },
    ),
  };
}

/**
 * Levels whose minimum is not above the previous one's (levels are listed from the lowest
 * to the highest concern, so each must need more points than the last).
 */
export function thresholdOrderProblems(
  document: RuleSetDocument,
): { type: string; level: string }[] {
  const problems: { type: string; level: string }[] = [];
  for (const type of document.types) {
    type.levels.forEach((level, i) => {
      const previous = type.levels[i - 1];
      if (previous && level.minPoints <= previous.minPoints)
        problems.push({ type: type.id, level: level.id });
    });
  }
  return problems;
}

/** The most points a child can reach for a type (sum over enabled rules): the slider maximum. */
export function maxPoints(document: RuleSetDocument, typeId: string): number {
  return document.rules
    .filter((r) => r.enabled !== false && r.event.type === typeId)
    .reduce((sum, r) => sum + Math.max(0, r.event.params.points), 0);
}
