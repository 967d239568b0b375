export * from './engine-error';
export * from './schema/condition-schema';
export * from './schema/rule-set-schema';
export {
  builtinOperators,
  builtinDecorators,
  operatorNamePattern,
  type BuiltinOperator,
  type BuiltinDecorator,
  type OperatorName,
  type OperatorFn,
  type DecoratorFn,
} from './compile/operators';
export type { Facts } from './compile/fact-reader';
export {
  compileRules,
  type CompiledRules,
  type CompileOptions,
  type RuleEvent,
} from './compile/compile-rules';
export type { RulePlan, PlanNode } from './compile/plan';
export type { ConditionExplanation } from './compile/trace';
export { loadRuleSet, type LoadRuleSetResult } from './validate/load-rule-set';
export type { ValidationError } from './validate/zod-issues';
export {
  compileRuleSet,
  toJreRule,
  type CompiledRuleSet,
  type ScoredRule,
} from './rule-set/compile-rule-set';
export * from './scoring/create-scorer';
export {
  createFactTable,
  factTableFromColumns,
  readFactValue,
  type FactColumn,
  type FactColumns,
  type FactTable,
  type FactTableOptions,
} from './columnar/fact-table';
export {
  createTableEvaluator,
  type MaskVisitor,
  type TableEvaluator,
} from './columnar/evaluate-table';
export type { LevelOverrides } from './scoring/levels';
export { rankWithinGroups } from './scoring/rank';
export { explain, type RuleExplanation } from './explain/explain';
export { createExplainer, type ChildExplanation, type Reason } from './explain/explain-child';
export {
  createRuleDescriber,
  type ExplainedNode,
  type ExplainedRule,
} from './explain/describe-rules';
export * from './explain/render-explanation';
export * from './cases/run-cases';
export { evalNdjson, type EvalNdjsonLine } from './eval-ndjson';
