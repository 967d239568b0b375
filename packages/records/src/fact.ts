import { z } from 'zod';

/** A fact's value: graded facts are numbers, categories are strings, flags are booleans. */
export const factValueSchema = z.union([z.number(), z.string(), z.boolean(), z.null()]);
export type FactValue = z.infer<typeof factValueSchema>;

/** The data types a fact can have; the rule engine offers operators by type. */
export const factTypes = ['number', 'boolean', 'code', 'text', 'date'] as const;
export const factTypeSchema = z.enum(factTypes);
export type FactType = z.infer<typeof factTypeSchema>;

/** Difficulty types a fact typically informs (extensible by rule sets). */
export const sourceKinds = ['roster', 'nursery', 'school', 'welfare', 'health', 'other'] as const;
export const sourceKindSchema = z.enum(sourceKinds);
export type SourceKind = z.infer<typeof sourceKindSchema>;

/**
 * Declaration of one fact a connector emits: what it is, how to read it and why we hold it.
 * The data inventory for residents is generated from these declarations.
 */
export const factDeclarationSchema = z.object({
  /** Stable id used in rules, e.g. `school.absenceDays`. */
  id: z.string().regex(/^[a-z][a-zA-Z0-9]*(\.[a-z][a-zA-Z0-9]*)+$/),
  label: z.object({ ja: z.string().min(1), en: z.string().min(1) }),
  type: factTypeSchema,
  unit: z.string().optional(),
  /** For `code` facts: the allowed values (stored form). */
  allowedValues: z.array(z.string()).optional(),
  /** Minimum and maximum for numbers, when known. */
  min: z.number().optional(),
  max: z.number().optional(),
  /** Purpose of use, legal basis and retention (shown to residents). */
  purpose: z.string().min(1),
  legalBasis: z.string().min(1),
  retention: z.string().min(1),
});
export type FactDeclaration = z.infer<typeof factDeclarationSchema>;
