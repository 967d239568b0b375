/** Operators offered by fact type, with their labels. */
import type { FactType } from './document';

export const operators = [
  'equal',
  'notEqual',
  'lessThan',
  'lessThanInclusive',
  'greaterThan',
  'greaterThanInclusive',
  'in',
  'notIn',
  'contains',
  'doesNotContain',
] as const;
export type Operator = (typeof operators)[number];

export const operatorLabels: Record<Operator, { ja: string; en: string }> = {
  equal: { ja: '等しい', en: 'equals' },
  notEqual: { ja: '等しくない', en: 'does not equal' },
  lessThan: { ja: '未満', en: 'less than' },
  lessThanInclusive: { ja: '以下', en: 'at most' },
  greaterThan: { ja: 'より大きい', en: 'greater than' },
  greaterThanInclusive: { ja: '以上', en: 'at least' },
  in: { ja: 'いずれかに該当', en: 'is one of' },
  notIn: { ja: 'いずれにも該当しない', en: 'is none of' },
  contains: { ja: '含む', en: 'contains' },
  doesNotContain: { ja: '含まない', en: 'does not contain' },
};

const byType: Record<FactType, readonly Operator[]> = {
  number: [
    'greaterThanInclusive',
    'greaterThan',
    'lessThanInclusive',
    'lessThan',
    'equal',
    'notEqual',
  ],
  code: ['equal', 'notEqual', 'in', 'notIn'],
  boolean: ['equal'],
  text: ['equal', 'notEqual', 'contains', 'doesNotContain'],
  date: [
    'greaterThanInclusive',
    'greaterThan',
    'lessThanInclusive',
    'lessThan',
    'equal',
    'notEqual',
  ],
};

/** The operators that make sense for a fact of `type`. */
export function operatorsFor(type: FactType | undefined): readonly Operator[] {
  return type ? byType[type] : operators;
}

export function isOperator(value: string): value is Operator {
  return (operators as readonly string[]).includes(value);
}

/** Operators whose value is a list. */
export function takesList(operator: string): boolean {
  return operator === 'in' || operator === 'notIn';
}
