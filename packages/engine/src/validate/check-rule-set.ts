import type { Condition } from '../schema/condition-schema';
import type { FactDefinition, RuleSet } from '../schema/rule-set-schema';
import { checkConstants } from './constant-conditions';
import { checkLeaf } from './check-leaf';
import { issue } from './messages';
import type { ValidationError } from './zod-issues';

type Path = readonly (string | number)[];

/** `{{fact:id}}` placeholders in explanation templates. */
export const placeholderPattern = /\{\{\s*([^{}]*?)\s*\}\}/g;

function checkDuplicates(
  ids: readonly string[],
  path: (i: number) => Path,
  kind: string,
  out: ValidationError[],
): void {
  const seen = new Set<string>();
  ids.forEach((id, i) => {
    if (seen.has(id)) out.push(issue.duplicateId(path(i), kind, id));
    seen.add(id);
  });
}

function walk(
  condition: Condition,
  path: Path,
  visit: (leaf: Condition, path: Path) => void,
): void {
  visit(condition, path);
  if ('all' in condition) condition.all.forEach((c, i) => walk(c, [...path, 'all', i], visit));
  else if ('any' in condition) condition.any.forEach((c, i) => walk(c, [...path, 'any', i], visit));
  else if ('not' in condition) walk(condition.not, [...path, 'not'], visit);
}

/** Fact ids a condition reads, following named conditions. */
export function factsUsed(
  condition: Condition,
  named: Readonly<Record<string, Condition>>,
  into = new Set<string>(),
  seen = new Set<string>(),
): Set<string> {
  walk(condition, [], (node) => {
    if ('fact' in node) {
      into.add(node.fact);
      const v: unknown = node.value;
      if (v !== null && typeof v === 'object' && 'fact' in v && typeof v.fact === 'string')
        into.add(v.fact);
    } else if ('condition' in node && !seen.has(node.condition) && named[node.condition]) {
      seen.add(node.condition);
      factsUsed(named[node.condition] as Condition, named, into, seen);
    }
  });
  return into;
}

function checkConditionTree(
  condition: Condition,
  path: Path,
  facts: ReadonlyMap<string, FactDefinition>,
  named: Readonly<Record<string, Condition>>,
  out: ValidationError[],
): void {
  walk(condition, path, (node, at) => {
    if ('fact' in node) checkLeaf(node, at, facts, out);
    else if ('condition' in node && !Object.hasOwn(named, node.condition))
      out.push(issue.unknownCondition([...at, 'condition'], node.condition));
  });
  checkConstants(condition, path, named, out);
}

function checkCycles(named: Readonly<Record<string, Condition>>, out: ValidationError[]): void {
  const state = new Map<string, 'active' | 'done'>();
  const visit = (name: string): void => {
    if (state.get(name) === 'done') return;
    state.set(name, 'active');
    walk(named[name] as Condition, [], (node) => {
      if (!('condition' in node) || !Object.hasOwn(named, node.condition)) return;
      if (state.get(node.condition) === 'active')
        out.push(issue.conditionCycle(['conditions', node.condition], node.condition));
      else visit(node.condition);
    });
    state.set(name, 'done');
  };
  for (const name of Object.keys(named)) visit(name);
}

function checkTemplate(
  text: string,
  path: Path,
  facts: ReadonlyMap<string, FactDefinition>,
  out: ValidationError[],
): void {
  for (const match of text.matchAll(placeholderPattern)) {
    const body = match[1] ?? '';
    const id = body.startsWith('fact:') ? body.slice(5).trim() : undefined;
    if (id === undefined || !facts.has(id)) out.push(issue.unknownPlaceholder(path, match[0]));
  }
}

/** The semantic checks that zod's shape check cannot express. */
export function checkRuleSet(ruleSet: RuleSet): ValidationError[] {
  const out: ValidationError[] = [];
  const facts = new Map(ruleSet.facts.map((f) => [f.id, f] as const));
  const named = ruleSet.conditions ?? {};
  checkDuplicates(
    ruleSet.facts.map((f) => f.id),
    (i) => ['facts', i, 'id'],
    'fact',
    out,
  );
  checkDuplicates(
    ruleSet.types.map((t) => t.id),
    (i) => ['types', i, 'id'],
    'type',
    out,
  );
  checkDuplicates(
    ruleSet.rules.map((r) => r.id),
    (i) => ['rules', i, 'id'],
    'rule',
    out,
  );
  ruleSet.facts.forEach((f, i) => {
    if (f.source === 'school' && f.outsideSchool)
      out.push(issue.outsideSchool(['facts', i, 'outsideSchool']));
  });
  ruleSet.types.forEach((type, t) => {
    checkDuplicates(
      type.levels.map((l) => l.id),
      (i) => ['types', t, 'levels', i, 'id'],
      'level',
      out,
    );
    type.levels.forEach((level, i) => {
      const prev = type.levels[i - 1];
      if (prev && !(level.minPoints > prev.minPoints))
        out.push(issue.levelOrder(['types', t, 'levels', i, 'minPoints']));
    });
  });
  checkCycles(named, out);
  for (const [name, condition] of Object.entries(named)) {
    checkConditionTree(condition, ['conditions', name], facts, named, out);
  }
  const typeIds = new Set(ruleSet.types.map((t) => t.id));
  ruleSet.rules.forEach((rule, i) => {
    checkConditionTree(rule.conditions, ['rules', i, 'conditions'], facts, named, out);
    if (!typeIds.has(rule.event.type))
      out.push(issue.unknownType(['rules', i, 'event', 'type'], rule.event.type));
    const { explanation } = rule.event.params;
    checkTemplate(explanation.ja, ['rules', i, 'event', 'params', 'explanation', 'ja'], facts, out);
    if (explanation.en !== undefined)
      checkTemplate(
        explanation.en,
        ['rules', i, 'event', 'params', 'explanation', 'en'],
        facts,
        out,
      );
  });
  return out;
}
