import type { Condition, FactCondition } from '../schema/condition-schema';
import { issue } from './messages';
import type { ValidationError } from './zod-issues';

type Path = readonly (string | number)[];
type Verdict = { constant: boolean; why: string; whyJa: string } | undefined;

interface Interval {
  lo: number;
  loOpen: boolean;
  hi: number;
  hiOpen: boolean;
}

function boundOf(leaf: FactCondition): Interval | undefined {
  if (leaf.path !== undefined || typeof leaf.value !== 'number') return undefined;
  const v = leaf.value;
  switch (leaf.operator) {
    case 'lessThan':
      return { lo: -Infinity, loOpen: true, hi: v, hiOpen: true };
    case 'lessThanInclusive':
      return { lo: -Infinity, loOpen: true, hi: v, hiOpen: false };
    case 'greaterThan':
      return { lo: v, loOpen: true, hi: Infinity, hiOpen: true };
    case 'greaterThanInclusive':
      return { lo: v, loOpen: false, hi: Infinity, hiOpen: true };
    case 'equal':
      return { lo: v, loOpen: false, hi: v, hiOpen: false };
    default:
      return undefined;
  }
}

/** `all` of plain comparisons on one fact whose ranges do not overlap (e.g. x < 5 and x > 10). */
function disjointRanges(children: readonly Condition[]): Verdict {
  const ranges = new Map<string, Interval>();
  for (const child of children) {
    if (!('fact' in child)) continue;
    const bound = boundOf(child);
    if (!bound) continue;
    const prev = ranges.get(child.fact) ?? {
      lo: -Infinity,
      loOpen: true,
      hi: Infinity,
      hiOpen: true,
    };
    const next: Interval = {
      lo: Math.max(prev.lo, bound.lo),
      loOpen:
        bound.lo > prev.lo
          ? bound.loOpen
          : bound.lo < prev.lo
            ? prev.loOpen
            : prev.loOpen || bound.loOpen,
      hi: Math.min(prev.hi, bound.hi),
      hiOpen:
        bound.hi < prev.hi
          ? bound.hiOpen
          : bound.hi > prev.hi
            ? prev.hiOpen
            : prev.hiOpen || bound.hiOpen,
    };
    if (next.lo > next.hi || (next.lo === next.hi && (next.loOpen || next.hiOpen))) {
      return {
        constant: false,
        why: `no value of ${child.fact} satisfies every comparison`,
        whyJa: `${child.fact} の値ですべての比較を満たすものはありません`,
      };
    }
    ranges.set(child.fact, next);
  }
  return undefined;
}

/** Folds a condition to a constant where that is certain under json-rules-engine semantics. */
function verdictOf(
  condition: Condition,
  named: Readonly<Record<string, Condition>>,
  seen: Set<string>,
): Verdict {
  if ('all' in condition) {
    if (condition.all.length === 0)
      return { constant: true, why: 'empty "all"', whyJa: '空の all' };
    const parts = condition.all.map((c) => verdictOf(c, named, seen));
    const falseChild = parts.find((p) => p?.constant === false);
    if (falseChild) return falseChild;
    if (parts.every((p) => p?.constant === true)) return parts[0];
    return disjointRanges(condition.all);
  }
  if ('any' in condition) {
    if (condition.any.length === 0)
      return {
        constant: true,
        why: 'an empty "any" is true in json-rules-engine',
        whyJa: '空の any は json-rules-engine では真です',
      };
    const parts = condition.any.map((c) => verdictOf(c, named, seen));
    const trueChild = parts.find((p) => p?.constant === true);
    if (trueChild) return trueChild;
    if (parts.every((p) => p?.constant === false)) return parts[0];
    return undefined;
  }
  if ('not' in condition) {
    const inner = verdictOf(condition.not, named, seen);
    return (
      inner && {
        constant: !inner.constant,
        why: `"not" of: ${inner.why}`,
        whyJa: `not: ${inner.whyJa}`,
      }
    );
  }
  if ('condition' in condition) {
    const target = named[condition.condition];
    if (!target || seen.has(condition.condition)) return undefined;
    seen.add(condition.condition);
    const inner = verdictOf(target, named, seen);
    seen.delete(condition.condition);
    return inner;
  }
  if (
    condition.operator === 'in' &&
    Array.isArray(condition.value) &&
    condition.value.length === 0
  ) {
    return { constant: false, why: '"in" an empty list', whyJa: '空のリストに対する in' };
  }
  if (
    condition.operator === 'notIn' &&
    Array.isArray(condition.value) &&
    condition.value.length === 0
  ) {
    return { constant: true, why: '"notIn" an empty list', whyJa: '空のリストに対する notIn' };
  }
  return undefined;
}

/** Reports the outermost constant (always-true or never-true) conditions below `path`. */
export function checkConstants(
  condition: Condition,
  path: Path,
  named: Readonly<Record<string, Condition>>,
  out: ValidationError[],
): void {
  const verdict = verdictOf(condition, named, new Set());
  if (verdict) {
    out.push(
      verdict.constant
        ? issue.alwaysTrue(path, verdict.why, verdict.whyJa)
        : issue.unreachable(path, verdict.why, verdict.whyJa),
    );
    return;
  }
  if ('all' in condition)
    condition.all.forEach((c, i) => checkConstants(c, [...path, 'all', i], named, out));
  else if ('any' in condition)
    condition.any.forEach((c, i) => checkConstants(c, [...path, 'any', i], named, out));
  else if ('not' in condition) checkConstants(condition.not, [...path, 'not'], named, out);
}
