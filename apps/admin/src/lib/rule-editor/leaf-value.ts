/** Keeping a condition's operator and value consistent with its fact's type. */
import type { ConditionValue, FactDefinition, LeafCondition } from './document';
import { operatorsFor, takesList } from './operators';

/** The value a fresh condition on `fact` starts with. */
export function defaultValue(fact: FactDefinition | undefined, operator: string): ConditionValue {
  if (takesList(operator)) return [];
  switch (fact?.type) {
    case 'number':
      return 0;
    case 'boolean':
      return true;
    case 'code':
      return fact.allowedValues?.[0] ?? '';
    default:
      return '';
  }
}

/** The condition after choosing another fact: operator kept if allowed, value reset if needed. */
export function withFact(leaf: LeafCondition, fact: FactDefinition | undefined): LeafCondition {
  const allowed = operatorsFor(fact?.type);
  const operator = (allowed as readonly string[]).includes(leaf.operator)
    ? leaf.operator
    : (allowed[0] ?? 'equal');
  const next: LeafCondition = { ...leaf, fact: fact?.id ?? '', operator };
  next.value = valueFits(leaf.value, fact, operator) ? leaf.value : defaultValue(fact, operator);
  return next;
}

/** The condition after choosing another operator (a list operator needs a list value). */
export function withOperator(
  leaf: LeafCondition,
  fact: FactDefinition | undefined,
  operator: string,
): LeafCondition {
  const value = valueFits(leaf.value, fact, operator)
    ? leaf.value
    : takesList(operator) &&
        leaf.value !== null &&
        !Array.isArray(leaf.value) &&
        typeof leaf.value !== 'boolean'
      ? [leaf.value]
      : Array.isArray(leaf.value) && !takesList(operator)
        ? (leaf.value[0] ?? defaultValue(fact, operator))
        : defaultValue(fact, operator);
  return { ...leaf, operator, value };
}

/** Whether `value` suits the fact's type under `operator`. */
export function valueFits(
  value: ConditionValue,
  fact: FactDefinition | undefined,
  operator: string,
): boolean {
  if (takesList(operator)) return Array.isArray(value);
  if (Array.isArray(value) || value === null) return false;
  switch (fact?.type) {
    case 'number':
      return typeof value === 'number';
    case 'boolean':
      return typeof value === 'boolean';
    case 'code':
      return (
        typeof value === 'string' && (!fact.allowedValues || fact.allowedValues.includes(value))
      );
    case undefined:
      return true;
    default:
      return typeof value === 'string';
  }
}
