import { z } from 'zod';
import { operatorNamePattern } from '../compile/operators';

/** Condition and rule priority: a positive integer, higher runs sooner (json-rules-engine). */
const prioritySchema = z.number().int().positive().optional();
/** json-rules-engine reads priorities with `parseInt(priority, 10)`. */
const parsePriority = (p: number): number => Number.parseInt(String(p), 10);
/** A bare rule's priority as json-rules-engine reads it: `parseInt(priority || 1)`, must be > 0. */
const jreRulePrioritySchema = z
  .number()
  .transform((p, ctx) => {
    const n = parsePriority(p || 1);
    if (n > 0) return n;
    ctx.issues.push({
      code: 'custom',
      input: p,
      message: 'Priority must be at least 1 (json-rules-engine truncates it to an integer)',
    });
    return z.NEVER;
  })
  .optional();
/** A bare condition's priority: json-rules-engine treats 0 as "no priority" (the default, 1). */
const jreConditionPrioritySchema = z
  .number()
  .transform((p, ctx) => {
    const n = parsePriority(p);
    if (n > 0) return n;
    if (n === 0) return undefined;
    // Negative priorities run after every default one in json-rules-engine; we do not support them.
    ctx.issues.push({
      code: 'custom',
      input: p,
      message: 'Priority must not be negative (json-rules-engine truncates it to an integer)',
    });
    return z.NEVER;
  })
  .optional();
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

/**
 * Condition schemas; `bare` ones (json-rules-engine rule arrays) accept what json-rules-engine 7.3
 * runs: any operator name, an empty `path` (no path), priorities it truncates or ignores.
 */
function buildConditionSchemas(options: { bare: boolean }): {
  condition: z.ZodType<Condition, unknown>;
  topLevel: z.ZodType<TopLevelCondition, unknown>;
} {
  const { bare } = options;
  const operator = bare
    ? z.string().min(1)
    : z.string().regex(operatorNamePattern, 'Unknown operator');
  const priority = bare ? jreConditionPrioritySchema : prioritySchema;
  const common = { priority, name: z.string().optional() };
  const fact = z.strictObject({
    fact: z.string().min(1),
    operator,
    value: z.json(),
    path: bare ? z.string().optional() : z.string().min(1).optional(),
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

const documentSchemas = buildConditionSchemas({ bare: false });
/** A condition in a rule-set document: only built-in operators and decorators. */
export const conditionSchema = documentSchemas.condition;
/** The root condition of a rule in a rule-set document. */
export const topLevelConditionSchema = documentSchemas.topLevel;

const looseSchemas = buildConditionSchemas({ bare: true });

/**
 * A rule as json-rules-engine takes it (`engine.addRule`); operators may be custom. Event `params`
 * may be any JSON value: json-rules-engine emits it only when truthy.
 */
export const jreRuleSchema = z.strictObject({
  conditions: looseSchemas.topLevel,
  event: z.strictObject({ type: z.string().min(1), params: z.json().optional() }),
  name: z.string().optional(),
  priority: jreRulePrioritySchema,
});
export type JreRule = z.infer<typeof jreRuleSchema>;
/** A bare JSON array of json-rules-engine rules. */
export const jreRulesSchema = z.array(jreRuleSchema);
/** Shared named conditions for bare rules (custom operators allowed). */
export const jreNamedConditionsSchema = z.record(z.string().min(1), looseSchemas.topLevel);
