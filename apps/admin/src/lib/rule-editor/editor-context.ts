/** What every part of the condition builder needs: the catalogue, errors and an edit hook. */
import type { ValidationError } from '../api-types';
import type { FactDefinition, TopLevelCondition } from './document';

export type BuilderContext = {
  readonly facts: readonly FactDefinition[];
  readonly ruleIndex: number;
  readonly root: TopLevelCondition;
  readonly errors: readonly ValidationError[];
  /** Replaces the rule's condition tree with `edit(root)`. */
  apply(edit: (root: TopLevelCondition) => TopLevelCondition): void;
};
