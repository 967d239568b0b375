import type { RuleSetDiff } from '../schemas/rule-sets';

type Json = unknown;
type FieldChange = RuleSetDiff['rules']['changed'][number]['changes'][number];
type Obj = Record<string, Json>;

/** Languages a diff is written in (the admin's languages). */
export type DiffLanguage = 'ja' | 'en';

/** Everything a diff says, in one language. */
interface DiffWords {
  /** Words for the rule fields staff change (the exact path travels beside them). */
  fields: readonly [prefix: string, words: string][];
  /** A comparison: fact label (with its `path`), operator and value, in the language's order. */
  leaf: (label: string, path: string, shown: string, operator: string, value: Json) => string;
  groups: Record<'all' | 'any' | 'not', string>;
  group: (word: string, members: readonly string[]) => string;
  yes: string;
  no: string;
  quote: (text: string) => string;
  valueOf: (label: string) => string;
  listJoin: string;
  shared: (name: string) => string;
  nth: (n: number) => string;
  condition: Record<'added' | 'removed' | 'changed', string>;
  at: (field: string, place: string) => string;
  /** A number with the catalogue's unit (Japanese units are left out of English text). */
  unit: (value: number, unit: string) => string;
}

/** The operator in words, after the value (「9回以下」). Decorated operators stay as written. */
const jaOperators: Record<string, string> = {
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

/** The operator in words, before the value ("≤ 9"). */
const enOperators: Record<string, string> = {
  equal: '=',
  notEqual: '≠',
  lessThan: '<',
  lessThanInclusive: '≤',
  greaterThan: '>',
  greaterThanInclusive: '≥',
  in: 'is one of',
  notIn: 'is none of',
  contains: 'contains',
  doesNotContain: 'does not contain',
};

const diffWords: Record<DiffLanguage, DiffWords> = {
  ja: {
    fields: [
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
    ],
    leaf(label, path, shown, operator, value) {
      const where = path === '' ? '' : `（${path}）`;
      // Yes/no facts read as the answer itself: 「ひとり親世帯 はい」.
      const said =
        typeof value === 'boolean' && operator === 'equal'
          ? ''
          : typeof value === 'boolean' && operator === 'notEqual'
            ? 'ではない'
            : (jaOperators[operator] ?? ` ${operator}`);
      return `${label}${where} ${shown}${said}`;
    },
    groups: { all: 'すべて', any: 'いずれか', not: '否定' },
    group: (word, members) => `${word}（${members.join('、')}）`,
    yes: 'はい',
    no: 'いいえ',
    quote: (text) => `「${text}」`,
    valueOf: (label) => `「${label}」の値`,
    listJoin: '・',
    shared: (name) => `共通条件「${name}」`,
    nth: (n) => `${n}番目`,
    condition: { added: '条件を追加', removed: '条件を削除', changed: '条件を変更' },
    at: (field, place) => `${field}（${place}）`,
    unit: (value, unit) => `${value}${unit}`,
  },
  en: {
    fields: [
      ['event.params.points', 'Points'],
      ['event.params.explanation.ja', 'Explanation (Japanese)'],
      ['event.params.explanation.en', 'Explanation (English)'],
      ['event.params.explanation', 'Explanation'],
      ['event.params.rationale', 'Rationale'],
      ['event.params.reference', 'Reference'],
      ['event.type', 'Type of difficulty'],
      ['enabled', 'Enabled'],
      ['priority', 'Priority'],
      ['name.ja', 'Name (Japanese)'],
      ['name.en', 'Name (English)'],
      ['name', 'Name'],
    ],
    leaf(label, path, shown, operator, value) {
      const where = path === '' ? '' : ` (${path})`;
      // Yes/no facts read as the answer itself: "Single parent: yes".
      if (typeof value === 'boolean' && operator === 'equal') return `${label}${where}: ${shown}`;
      if (typeof value === 'boolean' && operator === 'notEqual')
        return `${label}${where}: not ${shown}`;
      return `${label}${where} ${enOperators[operator] ?? operator} ${shown}`;
    },
    groups: { all: 'all of', any: 'any of', not: 'not' },
    group: (word, members) => `${word} (${members.join('; ')})`,
    yes: 'yes',
    no: 'no',
    quote: (text) => `“${text}”`,
    valueOf: (label) => `the value of “${label}”`,
    listJoin: ', ',
    shared: (name) => `shared condition “${name}”`,
    nth: (n) => `#${n}`,
    condition: {
      added: 'Condition added',
      removed: 'Condition removed',
      changed: 'Condition changed',
    },
    at: (field, place) => `${field} (${place})`,
    unit: (value, unit) => (/^[\x20-\x7e]+$/.test(unit) ? `${value} ${unit}` : String(value)),
  },
};

function isObject(value: Json): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function join(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return path === '' ? key : `${path}.${key}`;
}

/** A catalogue label in the language asked for (Japanese when the other is missing). */
function text(label: Json, lang: DiffLanguage): string | null {
  if (!isObject(label)) return null;
  if (lang === 'en' && typeof label.en === 'string') return label.en;
  return typeof label.ja === 'string' ? label.ja : null;
}

function byId(document: Json, key: 'rules' | 'types' | 'facts'): Map<string, Obj> {
  const list = isObject(document) ? document[key] : undefined;
  const map = new Map<string, Obj>();
  if (!Array.isArray(list)) return map;
  for (const item of list)
    if (isObject(item) && typeof item.id === 'string') map.set(item.id, item);
  return map;
}

/**
 * What the words are made of: the fact catalogue and the difficulty types of both versions, and
 * the language's words.
 */
type Vocabulary = {
  facts: Map<string, Obj>;
  types: Map<string, Obj>;
  lang: DiffLanguage;
  say: DiffWords;
};

function vocabulary(from: Json, to: Json, lang: DiffLanguage): Vocabulary {
  return {
    facts: new Map([...byId(from, 'facts'), ...byId(to, 'facts')]),
    types: new Map([...byId(from, 'types'), ...byId(to, 'types')]),
    lang,
    say: diffWords[lang],
  };
}

function scalar(value: Json, say: DiffWords, unit = ''): string {
  if (value === true) return say.yes;
  if (value === false) return say.no;
  if (typeof value === 'number') return unit === '' ? String(value) : say.unit(value, unit);
  if (typeof value === 'string') return say.quote(value);
  return value === null || value === undefined ? '—' : JSON.stringify(value);
}

/** A comparison in words: 「過去3年の転居回数 9回以下」, "Moves in 3 years ≤ 9". */
function leafWords(leaf: Obj, words: Vocabulary): string {
  const { say, lang } = words;
  const fact = typeof leaf.fact === 'string' ? leaf.fact : '';
  const definition = words.facts.get(fact);
  const unit = typeof definition?.unit === 'string' ? definition.unit : '';
  const value = leaf.value;
  const shown = isObject(value)
    ? typeof value.fact === 'string'
      ? say.valueOf(text(words.facts.get(value.fact)?.label, lang) ?? value.fact)
      : JSON.stringify(value)
    : Array.isArray(value)
      ? value.map((v) => scalar(v, say, unit)).join(say.listJoin)
      : scalar(value, say, unit);
  const operator = typeof leaf.operator === 'string' ? leaf.operator : '';
  const label = text(definition?.label, lang) ?? fact;
  return say.leaf(label, typeof leaf.path === 'string' ? leaf.path : '', shown, operator, value);
}

/** Any condition in words; groups read as すべて／いずれか／否定 around their members. */
export function conditionWords(condition: Json, words: Vocabulary): string {
  const { say } = words;
  if (!isObject(condition)) return scalar(condition, say);
  for (const kind of ['all', 'any'] as const) {
    const members = condition[kind];
    if (Array.isArray(members))
      return say.group(
        say.groups[kind],
        members.map((m) => conditionWords(m, words)),
      );
  }
  if ('not' in condition) return say.group(say.groups.not, [conditionWords(condition.not, words)]);
  if (typeof condition.condition === 'string') return say.shared(condition.condition);
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
  const { say } = words;
  const kind = groupKind(from);
  if (kind !== null && kind === groupKind(to) && isObject(from) && isObject(to)) {
    const here = place === '' ? say.groups[kind] : `${place} › ${say.groups[kind]}`;
    if (kind === 'not')
      return conditionChanges(from.not, to.not, join(path, 'not'), here, words, out);
    const a = from[kind] as Json[];
    const b = to[kind] as Json[];
    for (let i = 0; i < Math.max(a.length, b.length); i += 1)
      conditionChanges(
        a[i],
        b[i],
        join(join(path, kind), i),
        `${here} › ${say.nth(i + 1)}`,
        words,
        out,
      );
    return;
  }
  const field =
    say.condition[from === undefined ? 'added' : to === undefined ? 'removed' : 'changed'];
  out.push({
    field: place === '' ? field : say.at(field, place),
    path,
    from: from === undefined ? null : conditionWords(from, words),
    to: to === undefined ? null : conditionWords(to, words),
  });
}

function valueWords(path: string, value: Json, words: Vocabulary): string | null {
  if (value === undefined || value === null) return null;
  if (path === 'event.type' && typeof value === 'string')
    return text(words.types.get(value)?.label, words.lang) ?? value;
  return typeof value === 'string' ? value : scalar(value, words.say);
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
  const field = words.say.fields.find(([prefix]) => path.startsWith(prefix))?.[1] ?? path;
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
  return (isObject(found) ? text(found.label, words.lang) : null) ?? level;
}

function named(rule: Obj | undefined, id: string, lang: DiffLanguage) {
  return { id, name: text(rule?.name, lang) };
}

/**
 * A readable diff between two rule-set documents: rules added, removed and changed (each change
 * in words, with the exact field path beside it for auditors) and moved thresholds with their
 * type and level labels. Conditions read as the fact catalogue's labels, operators and values
 * with units, never as JSON. Tolerates documents that no longer validate (old versions).
 * @example diffRuleSets(v1, v2).rules.changed[0].changes[0];
 * // { field: '点数', path: 'event.params.points', from: '3', to: '4' }
 */
export function diffRuleSets(from: Json, to: Json, lang: DiffLanguage = 'ja'): RuleSetDiff {
  const words = vocabulary(from, to, lang);
  const before = byId(from, 'rules');
  const after = byId(to, 'rules');
  const changed: RuleSetDiff['rules']['changed'] = [];
  for (const [id, rule] of after) {
    const old = before.get(id);
    if (old === undefined) continue;
    const changes: FieldChange[] = [];
    fieldChanges(old, rule, '', words, changes);
    if (changes.length > 0) changed.push({ ...named(rule, id, lang), changes });
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
      typeLabel: text(words.types.get(type)?.label, lang) ?? type,
      levelLabel: levelLabel(words, type, level),
      from: a,
      to: b,
    });
  }
  return {
    rules: {
      added: [...after]
        .filter(([id]) => !before.has(id))
        .map(([id, rule]) => named(rule, id, lang)),
      removed: [...before]
        .filter(([id]) => !after.has(id))
        .map(([id, rule]) => named(rule, id, lang)),
      changed,
    },
    thresholds: moved,
  };
}
