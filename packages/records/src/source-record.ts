import { z } from 'zod';
import { factValueSchema } from './fact';

/**
 * Identity fields as read from a source: personal data, kept apart from facts.
 * Every field is optional because sources differ in what they carry.
 */
export const identitySchema = z.object({
  /** 宛名番号: 10 digits, the last a modulus-11 check digit. */
  residentNumber: z.string().optional(),
  /** 世帯番号. */
  householdNumber: z.string().optional(),
  /** 氏名 as written in the source, after 外字 mapping (not yet folded). */
  name: z.string().optional(),
  /** フリガナ as written (may be half-width). */
  kana: z.string().optional(),
  /** 生年月日 as ISO date `YYYY-MM-DD` (parsed from 和暦 by the connector). */
  birthDate: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
  /** 性別: 1 male, 2 female (住基 coding). */
  sex: z.union([z.literal(1), z.literal(2)]).optional(),
  /** 続柄 as written. */
  relation: z.string().optional(),
  /** 住所. Hidden from every role when `dvSupport` is set. */
  address: z.string().optional(),
  /** 住基 支援措置 (DV support measure): hide the address everywhere. */
  dvSupport: z.boolean().optional(),
});
export type Identity = z.infer<typeof identitySchema>;

/** Non-identifying context a source knows about the child (used for scoping and ranks). */
export const contextSchema = z.object({
  /** School code (teachers are scoped to one school). */
  school: z.string().optional(),
  /** Grade: 1–6 for elementary, 7–9 for junior high (義務教育 year). */
  grade: z.number().int().min(1).max(9).optional(),
  /** Nursery / kindergarten code. */
  nursery: z.string().optional(),
});
export type RecordContext = z.infer<typeof contextSchema>;

/**
 * What a connector emits for one row: a roster `person` defines a child;
 * an `observation` is linked to a child by identity fields.
 */
export const sourceRecordSchema = z.object({
  kind: z.enum(['person', 'observation']),
  identity: identitySchema,
  context: contextSchema,
  facts: z.record(z.string(), factValueSchema),
  /** 1-based line in the file the record came from. */
  line: z.number().int().positive(),
});
export type SourceRecord = z.infer<typeof sourceRecordSchema>;

/** Where a stored record came from. */
export const provenanceSchema = z.object({
  connector: z.string(),
  connectorVersion: z.string(),
  file: z.string(),
  line: z.number().int().positive(),
  batchId: z.string(),
});
export type Provenance = z.infer<typeof provenanceSchema>;
