import { factTypes, sourceKinds } from '@mimamori/records';
import { z } from 'zod';
import { topLevelConditionSchema } from './condition-schema';

const idSchema = z.string().regex(/^[a-z][a-z0-9_-]*$/, 'Use lower-case letters, digits, - and _');
const factIdSchema = z
  .string()
  .regex(
    /^[a-z][a-zA-Z0-9]*(\.[a-z][a-zA-Z0-9]*)+$/,
    'Use dotted camelCase, e.g. school.absenceDays',
  );

/** Text in Japanese and English. */
export const labelSchema = z.strictObject({ ja: z.string().min(1), en: z.string().min(1) });
export type Label = z.infer<typeof labelSchema>;

/** An explanation template: Japanese required, English optional; `{{fact:id}}` is filled in. */
export const explanationTemplateSchema = z.strictObject({
  ja: z.string().min(1),
  en: z.string().min(1).optional(),
});
export type ExplanationTemplate = z.infer<typeof explanationTemplateSchema>;

/** One entry of the fact catalogue: what a fact is, its type, unit and which office holds it. */
export const factDefinitionSchema = z.strictObject({
  id: factIdSchema,
  label: labelSchema,
  type: z.enum(factTypes),
  unit: z.string().min(1).optional(),
  source: z.enum(sourceKinds),
  allowedValues: z.array(z.string().min(1)).min(1).optional(),
  /** Held outside the school (counts toward the 学校以外 sub-score). */
  outsideSchool: z.boolean(),
});
export type FactDefinition = z.infer<typeof factDefinitionSchema>;

/** A level of a difficulty type, reached when the type's total points ≥ `minPoints`. */
export const levelSchema = z.strictObject({
  id: idSchema,
  label: labelSchema,
  minPoints: z.number(),
});
export type Level = z.infer<typeof levelSchema>;

/** A difficulty type (困難の種類) with its levels, ordered by `minPoints`. */
export const difficultyTypeSchema = z.strictObject({
  id: idSchema,
  label: labelSchema,
  levels: z.array(levelSchema).min(1),
});
export type DifficultyType = z.infer<typeof difficultyTypeSchema>;

/** What a rule adds when it fires: points, the explanation template and why the rule exists. */
export const ruleEventParamsSchema = z.strictObject({
  points: z.number(),
  explanation: explanationTemplateSchema,
  rationale: z.string().min(1),
  reference: z.string().min(1).optional(),
});
export type RuleEventParams = z.infer<typeof ruleEventParamsSchema>;

/** A rule: a json-rules-engine rule whose event type is a difficulty type id. */
export const ruleSchema = z.strictObject({
  id: idSchema,
  name: labelSchema.optional(),
  priority: z.number().int().positive().optional(),
  enabled: z.boolean().optional(),
  conditions: topLevelConditionSchema,
  event: z.strictObject({ type: idSchema, params: ruleEventParamsSchema }),
});
export type Rule = z.infer<typeof ruleSchema>;

/** A rule-set document: metadata, fact catalogue, difficulty types, named conditions and rules. */
export const ruleSetSchema = z
  .strictObject({
    $schema: z.string().optional(),
    id: idSchema,
    version: z.number().int().positive(),
    title: labelSchema,
    effectiveFrom: z.iso.date(),
    description: labelSchema.optional(),
    facts: z.array(factDefinitionSchema).min(1),
    types: z.array(difficultyTypeSchema).min(1),
    conditions: z.record(z.string().min(1), topLevelConditionSchema).optional(),
    rules: z.array(ruleSchema),
  })
  .meta({ id: 'RuleSet', title: 'Mimamori rule set' });
export type RuleSet = z.infer<typeof ruleSetSchema>;
