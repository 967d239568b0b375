import { isFactReference } from '../compile/build-plan';
import { parseJsonPath } from '../compile/json-path';
import { numericOperators } from '../compile/operators';
import type { FactCondition } from '../schema/condition-schema';
import type { FactDefinition } from '../schema/rule-set-schema';
import { issue } from './messages';
import type { ValidationError } from './zod-issues';

type Path = readonly (string | number)[];
const isoDate = /^\d{4}-\d{2}-\d{2}$/;

/** What a base operator expects as its value, for a fact of a given type. */
function checkScalar(
  def: FactDefinition,
  base: string,
  value: unknown,
  at: Path,
  leafAt: Path,
  out: ValidationError[],
): void {
  const numeric = (numericOperators as readonly string[]).includes(base);
  if (numeric && def.type !== 'number' && def.type !== 'date') {
    out.push(
      issue.operatorType(
        [...leafAt, 'operator'],
        base,
        def.type,
        'compares numbers',
        '数値の比較です',
      ),
    );
    return;
  }
  if (base === 'contains' || base === 'doesNotContain') {
    out.push(
      issue.operatorType(
        [...leafAt, 'operator'],
        base,
        def.type,
        'the fact is not a list',
        '事実がリストではありません',
      ),
    );
    return;
  }
  const list = base === 'in' || base === 'notIn';
  if (list && !Array.isArray(value)) {
    out.push(issue.valueType(at, 'an array', '配列'));
    return;
  }
  const items = list ? (value as unknown[]) : [value];
  items.forEach((item, i) => checkItem(def, item, list ? [...at, i] : at, out));
}

function checkItem(def: FactDefinition, item: unknown, at: Path, out: ValidationError[]): void {
  switch (def.type) {
    case 'number':
      if (typeof item !== 'number') out.push(issue.valueType(at, 'a number', '数値'));
      return;
    case 'boolean':
      if (typeof item !== 'boolean')
        out.push(issue.valueType(at, 'true or false', 'true または false'));
      return;
    case 'date':
      // ISO dates compare correctly as strings (json-rules-engine's numeric check passes on the year).
      if (typeof item !== 'string' || !isoDate.test(item))
        out.push(issue.valueType(at, 'an ISO date (YYYY-MM-DD)', 'ISO 形式の日付 (YYYY-MM-DD)'));
      return;
    default:
      if (typeof item !== 'string') {
        out.push(issue.valueType(at, 'a string', '文字列'));
      } else if (def.allowedValues && !def.allowedValues.includes(item)) {
        out.push(issue.notAllowed(at, item, def.allowedValues));
      }
  }
}

/** A `path` (a condition's own, or a fact-to-fact value's): a string in the JSONPath subset. */
function checkPath(path: unknown, at: Path, out: ValidationError[]): void {
  if (typeof path !== 'string' || path === '') {
    out.push(issue.pathType(at));
    return;
  }
  out.push(parseJsonPath(path) ? issue.pathOnScalar(at) : issue.unsupportedPath(at));
}

/** Checks one leaf condition against the fact catalogue. */
export function checkLeaf(
  leaf: FactCondition,
  at: Path,
  facts: ReadonlyMap<string, FactDefinition>,
  out: ValidationError[],
): void {
  const def = facts.get(leaf.fact);
  if (!def) out.push(issue.unknownFact([...at, 'fact'], leaf.fact));
  if (leaf.path !== undefined) checkPath(leaf.path, [...at, 'path'], out);
  const steps = leaf.operator.split(':');
  const base = steps.pop() as string;
  const decorators = steps.filter((d) => d !== 'not');
  const valuePath = [...at, 'value'];
  if (isFactReference(leaf.value)) {
    const other = typeof leaf.value.fact === 'string' ? facts.get(leaf.value.fact) : undefined;
    if (!other) out.push(issue.unknownFact([...valuePath, 'fact'], String(leaf.value.fact)));
    else if (def && other.type !== def.type)
      out.push(issue.valueType(valuePath, `a ${def.type} fact`, `${def.type} 型の事実`));
    // The compiler reads `value.path` exactly like a condition's own `path`.
    if (Object.hasOwn(leaf.value, 'path')) checkPath(leaf.value.path, [...valuePath, 'path'], out);
    if (decorators.length > 0 || base === 'in' || base === 'notIn') {
      out.push(
        issue.operatorType(
          [...at, 'operator'],
          leaf.operator,
          'fact-to-fact',
          'use a plain comparison',
          '単純な比較を使ってください',
        ),
      );
    }
    return;
  }
  if (!def) return;
  const [outer, ...rest] = decorators;
  if (outer === undefined) {
    checkScalar(def, base, leaf.value, valuePath, at, out);
  } else if ((outer === 'someValue' || outer === 'everyValue') && rest.length === 0) {
    if (!Array.isArray(leaf.value)) out.push(issue.valueType(valuePath, 'an array', '配列'));
    else leaf.value.forEach((item, i) => checkScalar(def, base, item, [...valuePath, i], at, out));
  } else {
    out.push(
      issue.operatorType(
        [...at, 'operator'],
        leaf.operator,
        def.type,
        'only "not:" and one someValue/everyValue decorator fit single-valued facts',
        '単一値の事実には "not:" と someValue/everyValue のみ使えます',
      ),
    );
  }
}
