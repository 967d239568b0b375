import { z } from '@hono/zod-openapi';
import { explainedRuleSchema } from './children';
import { idSchema } from './common';
import { ruleSetDocumentSchema } from './rule-sets';

/** A fact value as typed by staff or stored for a child. */
const factValueSchema = z.union([z.number(), z.string().max(200), z.boolean(), z.null()]);

/** Facts keyed by fact id (`school.absenceDays`). */
export const simulationFactsSchema = z
  .record(z.string().min(1).max(128), factValueSchema)
  .refine((facts) => Object.keys(facts).length <= 500, { message: 'At most 500 facts.' });
/** Facts for one simulated child. */
export type SimulationFacts = z.infer<typeof simulationFactsSchema>;

/**
 * POST /rule-sets/{id}/simulate body: a draft document (default: the published version), a
 * pseudonymous child whose stored facts are used, and facts typed by hand (merged over the
 * child's when both are given).
 */
export const simulateRequestSchema = z
  .object({
    document: ruleSetDocumentSchema.optional(),
    childId: idSchema.optional(),
    facts: simulationFactsSchema.optional(),
  })
  .openapi('SimulateRequest');
/** One simulation request. */
export type SimulateRequest = z.infer<typeof simulateRequestSchema>;

/** Every enabled rule with its condition tree lit, and the score per difficulty type. */
export const simulationResultSchema = z
  .object({
    scores: z.record(z.string(), z.object({ points: z.number(), level: z.string().nullable() })),
    rules: z.array(explainedRuleSchema),
  })
  .openapi('SimulationResult');
/** One simulation result. */
export type SimulationResult = z.infer<typeof simulationResultSchema>;
