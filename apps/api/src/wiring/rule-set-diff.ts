import type { RuleSetDiff } from '../schemas/rule-sets';

type Json = unknown;
type FieldChange = RuleSetDiff['rules']['changed'][number]['changes'][number];

/** Words for the rule fields staff change most (the path stays exact after the words). */
const fieldWords: readonly [prefix: string, words: string][] = [
  ['event.params.points', '点数'],
  ['event.params.explanation', '説明文'],
  ['event.params.rationale', '根拠'],
  ['event.params.reference', '出典'],
  ['event.type', '困難の種類'],
  ['conditions', '条件'],
  ['enabled', '有効'],
  ['priority', '優先度'],
  ['name', '名前'],
];

function isObject(value: Json): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function join(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return path === '' ? key : `${path}.${key}`;
}

/** Leaf-level changes between two JSON values, with dotted paths (`conditions.all[0].value`). */
function changesBetween(from: Json, to: Json, path: string, out: FieldChange[]): void {
  if (Array.isArray(from) && Array.isArray(to)) {
    for (let i = 0; i < Math.max(from.length, to.length); i += 1)
      changesBetween(from[i], to[i], join(path, i), out);
    return;
  }
  if (isObject(from) && isObject(to)) {
    for (const key of new Set([...Object.keys(from), ...Object.keys(to)]))
      changesBetween(from[key], to[key], join(path, key), out);
    return;
  }
  if (JSON.stringify(from) === JSON.stringify(to)) return;
  out.push({ path, from: from ?? null, to: to ?? null });
}

/** `点数 (event.params.points)`: the words first, the exact field after. */
function inWords(change: FieldChange): FieldChange {
  const match = fieldWords.find(([prefix]) => change.path.startsWith(prefix));
  return match === undefined ? change : { ...change, path: `${match[1]} (${change.path})` };
}

function byId(document: Json, key: 'rules' | 'types'): Map<string, Record<string, Json>> {
  const list = isObject(document) ? document[key] : undefined;
  const map = new Map<string, Record<string, Json>>();
  if (!Array.isArray(list)) return map;
  for (const item of list)
    if (isObject(item) && typeof item.id === 'string') map.set(item.id, item);
  return map;
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

/**
 * A readable diff between two rule-set documents: rules added, removed and changed (each change
 * a field path in words with its old and new value) and moved thresholds. Tolerates documents
 * that no longer validate (old versions), reading only what is there.
 * @example diffRuleSets(v1, v2).rules.changed[0]; // { id: 'absence-30', changes: [{ path: '点数 (event.params.points)', from: 3, to: 4 }] }
 */
export function diffRuleSets(from: Json, to: Json): RuleSetDiff {
  const before = byId(from, 'rules');
  const after = byId(to, 'rules');
  const changed: RuleSetDiff['rules']['changed'] = [];
  for (const [id, rule] of after) {
    const old = before.get(id);
    if (old === undefined) continue;
    const changes: FieldChange[] = [];
    changesBetween(old, rule, '', changes);
    if (changes.length > 0) changed.push({ id, changes: changes.map(inWords) });
  }
  const oldLevels = thresholds(from);
  const newLevels = thresholds(to);
  const moved: RuleSetDiff['thresholds'] = [];
  for (const key of new Set([...oldLevels.keys(), ...newLevels.keys()])) {
    const a = oldLevels.get(key) ?? null;
    const b = newLevels.get(key) ?? null;
    if (a === b) continue;
    const [type = '', level = ''] = key.split('\u0000');
    moved.push({ type, level, from: a, to: b });
  }
  return {
    rules: {
      added: [...after.keys()].filter((id) => !before.has(id)),
      removed: [...before.keys()].filter((id) => !after.has(id)),
      changed,
    },
    thresholds: moved,
  };
}
