/**
 * Where a validation error is, in words: the rule (by name) and the field of it, or the level
 * whose threshold is wrong, so that a summary of several errors in one new rule names three
 * different fields instead of repeating the rule three times.
 */
import { loc, t } from '../i18n/index.svelte';
import type { MessageKey } from '../i18n/index.svelte';
import type { RuleSetDocument } from './document';
import { parsePointer } from './pointer';

/** Fields of a rule, by the pointer tokens after `/rules/<i>`. */
const ruleFields: Record<string, MessageKey> = {
  id: 'editor.field.id',
  name: 'editor.field.name',
  'name/ja': 'editor.field.name',
  'name/en': 'editor.field.nameEn',
  enabled: 'editor.field.enabled',
  priority: 'editor.field.priority',
  event: 'editor.field.event',
  'event/type': 'editor.field.type',
  'event/params': 'editor.field.event',
  'event/params/points': 'editor.field.points',
  'event/params/explanation': 'editor.field.explanation',
  'event/params/explanation/ja': 'editor.field.explanation',
  'event/params/explanation/en': 'editor.field.explanationEn',
  'event/params/rationale': 'editor.field.rationale',
  'event/params/reference': 'editor.field.reference',
};

const leafParts: Record<string, MessageKey> = {
  fact: 'editor.field.fact',
  operator: 'editor.field.operator',
  value: 'editor.field.value',
};

/**
 * A condition inside the rule's tree, numbered as the builder shows it: `2` for the second of
 * the top group, `2-1` for the first inside that one (a `not` adds no number).
 */
function conditionField(tokens: readonly string[]): string {
  const numbers: number[] = [];
  let part: string | undefined;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] ?? '';
    const next = tokens[i + 1];
    if ((token === 'all' || token === 'any') && next !== undefined && /^\d+$/.test(next)) {
      numbers.push(Number(next) + 1);
      i++;
    } else if (token !== 'not' && i === tokens.length - 1) part = token;
  }
  if (numbers.length === 0) return t('editor.field.conditions');
  const n = numbers.join('-');
  const partKey = part === undefined ? undefined : leafParts[part];
  return partKey
    ? t('editor.field.conditionPart', { n, part: t(partKey) })
    : t('editor.field.condition', { n });
}

/** The field a pointer below a rule names (`[]` is the rule itself: no field). */
function ruleField(tokens: readonly string[]): string | null {
  if (tokens.length === 0) return null;
  if (tokens[0] === 'conditions') return conditionField(tokens.slice(1));
  for (let n = tokens.length; n > 0; n--) {
    const key = ruleFields[tokens.slice(0, n).join('/')];
    if (key) return t(key);
  }
  return null;
}

/**
 * Human-readable place of a validation error (a JSON pointer into the document).
 * @example describeErrorPath('/rules/3/event/params/rationale', doc) // 'ルール「転居が多い」の根拠'
 */
export function describeErrorPath(path: string, document: RuleSetDocument): string {
  const [head, index, ...rest] = parsePointer(path);
  if (head === 'rules' && index !== undefined && /^\d+$/.test(index)) {
    const i = Number(index);
    const rule = document.rules[i];
    const name = rule?.name?.ja ? loc(rule.name) : rule?.id || String(i + 1);
    const field = ruleField(rest);
    return field === null
      ? t('editor.errorInRule', { rule: name })
      : t('editor.errorInRuleField', { rule: name, field });
  }
  if (head === 'types' && index !== undefined && /^\d+$/.test(index)) {
    const type = document.types[Number(index)];
    const typeName = type ? loc(type.label) || type.id : String(Number(index) + 1);
    const [levels, levelIndex] = rest;
    const level =
      levels === 'levels' && levelIndex !== undefined
        ? type?.levels[Number(levelIndex)]
        : undefined;
    return level
      ? t('editor.errorInThreshold', { type: typeName, level: loc(level.label) || level.id })
      : t('editor.errorInType', { type: typeName });
  }
  return t('editor.errorInDocument');
}
