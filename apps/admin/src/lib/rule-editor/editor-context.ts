/** What every part of the condition builder needs: the catalogue, errors and an edit hook. */
import type { ValidationError } from '../api-types';
import type { FactGroup } from './catalogue';
import type { FactDefinition, TopLevelCondition } from './document';

export type BuilderContext = {
  /** The rule set's declared facts. */
  readonly facts: readonly FactDefinition[];
  /** What the fact picker offers: declared facts and every connector's, grouped by source. */
  readonly groups: readonly FactGroup[];
  readonly ruleIndex: number;
  readonly root: TopLevelCondition;
  readonly errors: readonly ValidationError[];
  /** Replaces the rule's condition tree with `edit(root)`. */
  apply(edit: (root: TopLevelCondition) => TopLevelCondition): void;
  /** Declares a catalogue fact in the document's `facts` (no-op when already declared). */
  declare(fact: FactDefinition): void;
};
