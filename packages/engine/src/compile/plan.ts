import type { Condition } from '../schema/condition-schema';
import type { FactReader, Values } from './fact-reader';
import type { OperatorFn, ResolvedOperator } from './operators';

/** A compiled predicate over one record's slot values. */
export type Test = (values: Values) => boolean;

interface PlanBase {
  /** Bucket key json-rules-engine uses when it orders sibling conditions. */
  readonly priority: number;
  /** Whether evaluating this subtree can throw (then it is never skipped early). */
  readonly mayThrow: boolean;
  readonly test: Test;
}

/** A leaf: `fact` (+path) `operator` `value` (literal or another fact). */
export interface FactPlan extends PlanBase {
  readonly kind: 'fact';
  readonly fact: string;
  readonly path: string | undefined;
  readonly readFact: FactReader;
  /** Slot of `fact`, and of the compared fact for fact-to-fact conditions. */
  readonly slot: number;
  readonly valueSlot: number | undefined;
  readonly resolvedOperator: ResolvedOperator;
  readonly operator: string;
  readonly evaluate: OperatorFn;
  /** The condition's `value` as written. */
  readonly value: unknown;
  /** Set when `value` is `{ fact, path? }`. */
  readonly valueFact: { readonly fact: string; readonly path: string | undefined } | undefined;
  readonly readValue: FactReader;
}

/** `all` / `any`; `buckets` groups children by priority, highest first. */
export interface BooleanPlan extends PlanBase {
  readonly kind: 'all' | 'any';
  readonly children: readonly PlanNode[];
  readonly buckets: readonly (readonly PlanNode[])[];
}

export interface NotPlan extends PlanBase {
  readonly kind: 'not';
  readonly child: PlanNode;
}

/** A reference to a named condition; evaluates the shared target plan. */
export interface ReferencePlan extends PlanBase {
  readonly kind: 'condition';
  readonly name: string;
  readonly target: PlanNode;
}

export type PlanNode = FactPlan | BooleanPlan | NotPlan | ReferencePlan;

/** One compiled rule. */
export interface RulePlan {
  /** Position in the input array. */
  readonly index: number;
  readonly name: string | undefined;
  readonly priority: number;
  readonly root: PlanNode;
  readonly event: { readonly type: string; readonly params?: unknown };
  readonly test: Test;
  readonly source: { readonly conditions: Condition };
}

/** Groups nodes by priority, highest first, keeping input order inside a group. */
export function bucketByPriority<T extends { readonly priority: number }>(
  items: readonly T[],
): T[][] {
  const groups = new Map<number, T[]>();
  for (const item of items) {
    const group = groups.get(item.priority);
    if (group) group.push(item);
    else groups.set(item.priority, [item]);
  }
  return [...groups.keys()].sort((a, b) => b - a).map((key) => groups.get(key) as T[]);
}
