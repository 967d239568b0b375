import { z } from 'zod';
import { operatorNamePattern } from '../compile/operators';

/** Condition and rule priority: a positive integer, higher runs sooner (json-rules-engine). */
const prioritySchema = z.number().int().positive().optional();
const jsonParamsSchema = z.record(z.string(), z.json());

/** A comparison against one fact (a leaf of the condition tree). */
export interface FactCondition {
  fact: string;
  operator: string;
  /** A JSON value, or `{ "fact": id, "path"? }` to compare with another fact. */
  value: z.core.util.JSONType;
  path?: string | undefined;
  params?: Record<string, z.core.util.JSONType> | undefined;
  priority?: number | undefined;
  name?: string | undefined;
}
/** Every sub-condition must hold (an empty `all` is true). */
export interface AllCondition {
  all: Condition[];
  priority?: number | undefined;
  name?: string | undefined;
}
/** At least one sub-condition must hold; note json-rules-engine treats an empty `any` as true. */
export interface AnyCondition {
  any: Condition[];
  priority?: number | undefined;
  name?: string | undefined;
}
/** Negates one condition. */
export interface NotCondition {
  not: Condition;
  priority?: number | undefined;
  name?: string | undefined;
}
/** A reference to a shared named condition (json-rules-engine `setCondition`). */
export interface ConditionReference {
  condition: string;
  priority?: number | undefined;
  name?: string | undefined;
}
/** A json-rules-engine condition. */
export type Condition =
  FactCondition | AllCondition | AnyCondition | NotCondition | ConditionReference;
/** A condition allowed at the root of a rule: all / any / not / condition reference. */
export type TopLevelCondition = AllCondition | AnyCondition | NotCondition | ConditionReference;

function buildConditionSchemas(operator: z.ZodString): {
  condition: z.ZodType<Condition>;
  topLevel: z.ZodType<TopLevelCondition>;
} {
  const common = { priority: prioritySchema, name: z.string().optional() };
  const fact = z.strictObject({
    fact: z.string().min(1),
    operator,
    value: z.json(),
    path: z.string().min(1).optional(),
    params: jsonParamsSchema.optional(),
    ...common,
  });
  const all: z.ZodType<AllCondition> = z.lazy(() =>
    z.strictObject({ all: z.array(condition), ...common }),
  );
  const any: z.ZodType<AnyCondition> = z.lazy(() =>
    z.strictObject({ any: z.array(condition), ...common }),
  );
  const not: z.ZodType<NotCondition> = z.lazy(() => z.strictObject({ not: condition, ...common }));
  const reference = z.strictObject({ condition: z.string().min(1), ...common });
  const condition: z.ZodType<Condition> = z.lazy(() =>
    z.union([fact, all, any, not, reference]).meta({ id: 'Condition' }),
  );
  const topLevel: z.ZodType<TopLevelCondition> = z
    .union([all, any, not, reference])
    .meta({ id: 'TopLevelCondition' });
  return { condition, topLevel };
}

const documentSchemas = buildConditionSchemas(
  z.string().regex(operatorNamePattern, 'Unknown operator'),
);
/** A condition in a rule-set document: only built-in operators and decorators. */
export const conditionSchema = documentSchemas.condition;
/** The root condition of a rule in a rule-set document. */
export const topLevelConditionSchema = documentSchemas.topLevel;

const looseSchemas = buildConditionSchemas(z.string().min(1));

/** A rule as json-rules-engine takes it (`engine.addRule`); operators may be custom. */
export const jreRuleSchema = z.strictObject({
  conditions: looseSchemas.topLevel,
  event: z.strictObject({ type: z.string().min(1), params: jsonParamsSchema.optional() }),
  name: z.string().optional(),
  priority: prioritySchema,
});
export type JreRule = z.infer<typeof jreRuleSchema>;
/** A bare JSON array of json-rules-engine rules. */
export const jreRulesSchema = z.array(jreRuleSchema);
/** Shared named conditions for bare rules (custom operators allowed). */
export const jreNamedConditionsSchema = z.record(z.string().min(1), looseSchemas.topLevel);
