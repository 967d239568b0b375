import type { RuleSetDiff } from '../schemas/rule-sets';

type Json = unknown;
type FieldChange = RuleSetDiff['rules']['changed'][number]['changes'][number];
type Obj = Record<string, Json>;

/** Words for the rule fields staff change (the exact path travels beside them). */
const fieldWords: readonly [prefix: string, words: string][] = [
  ['event.params.points', '点数'],
  ['event.params.explanation.ja', '説明文（日本語）'],
  ['event.params.explanation.en', '説明文（英語）'],
  ['event.params.explanation', '説明文'],
  ['event.params.rationale', '根拠'],
  ['event.params.reference', '出典'],
  ['event.type', '困難の種類'],
  ['enabled', '有効'],
  ['priority', '優先度'],
  ['name.ja', '名前（日本語）'],
  ['name.en', '名前（英語）'],
  ['name', '名前'],
];

/** The operator in words, after the value (「9回以下」). Decorated operators stay as written. */
const operatorWords: Record<string, string> = {
  equal: 'と等しい',
  notEqual: 'と等しくない',
  lessThan: '未満',
  lessThanInclusive: '以下',
  greaterThan: 'より大きい',
  greaterThanInclusive: '以上',
  in: 'のいずれか',
  notIn: 'のいずれでもない',
  contains: 'を含む',
  doesNotContain: 'を含まない',
};

const groupWords = { all: 'すべて', any: 'いずれか', not: '否定' } as const;

function isObject(value: Json): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function join(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return path === '' ? key : `${path}.${key}`;
}

function ja(label: Json): string | null {
  return isObject(label) && typeof label.ja === 'string' ? label.ja : null;
}

function byId(document: Json, key: 'rules' | 'types' | 'facts'): Map<string, Obj> {
  const list = isObject(document) ? document[key] : undefined;
  const map = new Map<string, Obj>();
  if (!Array.isArray(list)) return map;
  for (const item of list)
    if (isObject(item) && typeof item.id === 'string') map.set(item.id, item);
  return map;
}

/** What the words are made of: the fact catalogue and the difficulty types of both versions. */
type Vocabulary = { facts: Map<string, Obj>; types: Map<string, Obj> };

function vocabulary(from: Json, to: Json): Vocabulary {
  return {
    facts: new Map([...byId(from, 'facts'), ...byId(to, 'facts')]),
    types: new Map([...byId(from, 'types'), ...byId(to, 'types')]),
  };
}

function scalar(value: Json, unit = ''): string {
  if (value === true) return 'はい';
  if (value === false) return 'いいえ';
  if (typeof value === 'number') return `${value}${unit}`;
  if (typeof value === 'string') return `「${value}」`;
  return value === null || value === undefined ? '—' : JSON.stringify(value);
}

/** A comparison in words: 「過去3年の転居回数 9回以下」. */
function leafWords(leaf: Obj, words: Vocabulary): string {
  const fact = typeof leaf.fact === 'string' ? leaf.fact : '';
  const definition = words.facts.get(fact);
  const unit = typeof definition?.unit === 'string' ? definition.unit : '';
  const value = leaf.value;
  const shown = isObject(value)
    ? typeof value.fact === 'string'
      ? `「${ja(words.facts.get(value.fact)?.label) ?? value.fact}」の値`
      : JSON.stringify(value)
    : Array.isArray(value)
      ? value.map((v) => scalar(v, unit)).join('・')
      : scalar(value, unit);
  const operator = typeof leaf.operator === 'string' ? leaf.operator : '';
  const label = ja(definition?.label) ?? fact;
  const path = typeof leaf.path === 'string' ? `（${leaf.path}）` : '';
  // Yes/no facts read as the answer itself: 「ひとり親世帯 はい」.
  const said =
    typeof value === 'boolean' && operator === 'equal'
      ? ''
      : typeof value === 'boolean' && operator === 'notEqual'
        ? 'ではない'
        : (operatorWords[operator] ?? ` ${operator}`);
  return `${label}${path} ${shown}${said}`;
}

/** Any condition in words; groups read as すべて／いずれか／否定 around their members. */
export function conditionWords(condition: Json, words: Vocabulary): string {
  if (!isObject(condition)) return scalar(condition);
  for (const kind of ['all', 'any'] as const) {
    const members = condition[kind];
    if (Array.isArray(members))
      return `${groupWords[kind]}（${members.map((m) => conditionWords(m, words)).join('、')}）`;
  }
  if ('not' in condition) return `${groupWords.not}（${conditionWords(condition.not, words)}）`;
  if (typeof condition.condition === 'string') return `共通条件「${condition.condition}」`;
  return leafWords(condition, words);
}

function groupKind(condition: Json): 'all' | 'any' | 'not' | null {
  if (!isObject(condition)) return null;
  if (Array.isArray(condition.all)) return 'all';
  if (Array.isArray(condition.any)) return 'any';
  return 'not' in condition ? 'not' : null;
}

/**
 * Changes between two condition trees, one row per condition added, removed or changed.
 * `place` is the position in words (「すべて › 2番目」).
 */
function conditionChanges(
  from: Json,
  to: Json,
  path: string,
  place: string,
  words: Vocabulary,
  out: FieldChange[],
): void {
  if (JSON.stringify(from) === JSON.stringify(to)) return;
  const kind = groupKind(from);
  if (kind !== null && kind === groupKind(to) && isObject(from) && isObject(to)) {
    const here = place === '' ? groupWords[kind] : `${place} › ${groupWords[kind]}`;
    if (kind === 'not')
      return conditionChanges(from.not, to.not, join(path, 'not'), here, words, out);
    const a = from[kind] as Json[];
    const b = to[kind] as Json[];
    for (let i = 0; i < Math.max(a.length, b.length); i += 1)
      conditionChanges(a[i], b[i], join(join(path, kind), i), `${here} › ${i + 1}番目`, words, out);
    return;
  }
  const field = from === undefined ? '条件を追加' : to === undefined ? '条件を削除' : '条件を変更';
  out.push({
    field: place === '' ? field : `${field}（${place}）`,
    path,
    from: from === undefined ? null : conditionWords(from, words),
    to: to === undefined ? null : conditionWords(to, words),
  });
}

function valueWords(path: string, value: Json, words: Vocabulary): string | null {
  if (value === undefined || value === null) return null;
  if (path === 'event.type' && typeof value === 'string')
    return ja(words.types.get(value)?.label) ?? value;
  return typeof value === 'string' ? value : scalar(value);
}

/** Leaf-level changes of a rule's other fields, with dotted paths (`event.params.points`). */
function fieldChanges(from: Json, to: Json, path: string, words: Vocabulary, out: FieldChange[]) {
  if (path === 'conditions') return conditionChanges(from, to, path, '', words, out);
  if (isObject(from) && isObject(to)) {
    for (const key of new Set([...Object.keys(from), ...Object.keys(to)]))
      fieldChanges(from[key], to[key], join(path, key), words, out);
    return;
  }
  if (JSON.stringify(from) === JSON.stringify(to)) return;
  const field = fieldWords.find(([prefix]) => path.startsWith(prefix))?.[1] ?? path;
  out.push({ field, path, from: valueWords(path, from, words), to: valueWords(path, to, words) });
}

function thresholds(document: Json): Map<string, number> {
  const out = new Map<string, number>();
  for (const [typeId, type] of byId(document, 'types')) {
    for (const level of Array.isArray(type.levels) ? type.levels : []) {
      if (isObject(level) && typeof level.id === 'string' && typeof level.minPoints === 'number')
        out.set(`${typeId}\u0000${level.id}`, level.minPoints);
    }
  }
  return out;
}

function levelLabel(words: Vocabulary, type: string, level: string): string {
  const levels = words.types.get(type)?.levels;
  const found = Array.isArray(levels)
    ? (levels as Json[]).find((l) => isObject(l) && l.id === level)
    : undefined;
  return (isObject(found) ? ja(found.label) : null) ?? level;
}

function named(rule: Obj | undefined, id: string) {
  return { id, name: ja(rule?.name) };
}

/**
 * A readable diff between two rule-set documents: rules added, removed and changed (each change
 * in words, with the exact field path beside it for auditors) and moved thresholds with their
 * type and level labels. Conditions read as the fact catalogue's labels, operators and values
 * with units, never as JSON. Tolerates documents that no longer validate (old versions).
 * @example diffRuleSets(v1, v2).rules.changed[0].changes[0];
 * // { field: '点数', path: 'event.params.points', from: '3', to: '4' }
 */
export function diffRuleSets(from: Json, to: Json): RuleSetDiff {
  const words = vocabulary(from, to);
  const before = byId(from, 'rules');
  const after = byId(to, 'rules');
  const changed: RuleSetDiff['rules']['changed'] = [];
  for (const [id, rule] of after) {
    const old = before.get(id);
    if (old === undefined) continue;
    const changes: FieldChange[] = [];
    fieldChanges(old, rule, '', words, changes);
    if (changes.length > 0) changed.push({ ...named(rule, id), changes });
  }
  const oldLevels = thresholds(from);
  const newLevels = thresholds(to);
  const moved: RuleSetDiff['thresholds'] = [];
  for (const key of new Set([...oldLevels.keys(), ...newLevels.keys()])) {
    const a = oldLevels.get(key) ?? null;
    const b = newLevels.get(key) ?? null;
    if (a === b) continue;
    const [type = '', level = ''] = key.split('\u0000');
    moved.push({
      type,
      level,
      typeLabel: ja(words.types.get(type)?.label) ?? type,
      levelLabel: levelLabel(words, type, level),
      from: a,
      to: b,
    });
  }
  return {
    rules: {
      added: [...after].filter(([id]) => !before.has(id)).map(([id, rule]) => named(rule, id)),
      removed: [...before].filter(([id]) => !after.has(id)).map(([id, rule]) => named(rule, id)),
      changed,
    },
    thresholds: moved,
  };
}
