import { getRun, getVersion, type Db } from '@mimamori/db';
import { z } from 'zod';

// The slice of a rule-set document casework reads: fact sources, level order, rule facts.
// Parsed leniently: a sheet must still be buildable from an older document.

const labelSchema = z.object({ ja: z.string(), en: z.string().optional() });
const documentSchema = z.object({
  facts: z
    .array(
      z.object({
        id: z.string(),
        label: labelSchema.optional(),
        source: z.string().optional(),
        outsideSchool: z.boolean().optional(),
      }),
    )
    .catch([]),
  types: z
    .array(
      z.object({
        id: z.string(),
        label: labelSchema.optional(),
        levels: z
          .array(
            z.object({
              id: z.string(),
              label: labelSchema.optional().catch(undefined),
              minPoints: z.number(),
            }),
          )
          .catch([]),
      }),
    )
    .catch([]),
  rules: z
    .array(z.object({ id: z.string(), name: labelSchema.optional(), conditions: z.unknown() }))
    .catch([]),
});

/** A fact's catalogue entry as sheets show it. */
export interface FactInfo {
  label: string;
  source: string;
  outsideSchool: boolean;
}

/** A level of a difficulty type: its id and, when the document names it, its label. */
export interface LevelInfo {
  id: string;
  label: { ja: string; en?: string | undefined } | null;
}

/** The levels of each difficulty type, lowest first: what an override may set. */
export type RuleSetLevels = Record<string, LevelInfo[]>;

/** What casework needs to know about the rule set a run used. */
export interface RuleSetView {
  facts: ReadonlyMap<string, FactInfo>;
  /** Level ids per type, lowest first. */
  levelOrder: ReadonlyMap<string, readonly string[]>;
  /** Levels per type with their labels, lowest first (the order of `levelOrder`). */
  levels: ReadonlyMap<string, readonly LevelInfo[]>;
  typeLabels: ReadonlyMap<string, string>;
  /** Fact ids each rule reads. */
  ruleFacts: ReadonlyMap<string, readonly string[]>;
}

/** Levels every village rule set uses, lowest first (used when the document names none). */
export const defaultLevelOrder = ['watch', 'support', 'priority'] as const;

function collectFacts(node: unknown, into: Set<string>): void {
  if (Array.isArray(node)) {
    for (const child of node) collectFacts(child, into);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  for (const [key, value] of Object.entries(node)) {
    if (key === 'fact' && typeof value === 'string') into.add(value);
    else collectFacts(value, into);
  }
}

/** Reads the view out of a rule-set document (anything unreadable is left out). */
export function toRuleSetView(document: unknown): RuleSetView {
  const parsed = documentSchema.safeParse(document);
  const doc = parsed.success ? parsed.data : { facts: [], types: [], rules: [] };
  const facts = new Map<string, FactInfo>();
  for (const f of doc.facts) {
    const source = f.source ?? f.id.split('.')[0] ?? 'other';
    facts.set(f.id, {
      label: f.label?.ja ?? f.id,
      source,
      outsideSchool: f.outsideSchool ?? source !== 'school',
    });
  }
  const levelOrder = new Map<string, string[]>();
  const levels = new Map<string, LevelInfo[]>();
  const typeLabels = new Map<string, string>();
  for (const type of doc.types) {
    const sorted = [...type.levels]
      .sort((a, b) => a.minPoints - b.minPoints)
      .map((l) => ({ id: l.id, label: l.label ?? null }));
    levelOrder.set(
      type.id,
      sorted.map((l) => l.id),
    );
    levels.set(type.id, sorted);
    if (type.label) typeLabels.set(type.id, type.label.ja);
  }
  const ruleFacts = new Map<string, string[]>();
  for (const rule of doc.rules) {
    const found = new Set<string>();
    collectFacts(rule.conditions, found);
    ruleFacts.set(rule.id, [...found]);
  }
  return { facts, levelOrder, levels, typeLabels, ruleFacts };
}

/** The view of the rule-set version a run used (empty when the run or version is gone). */
export async function ruleSetViewOfRun(db: Db, runId: string): Promise<RuleSetView> {
  const run = await getRun(db, runId);
  const version = run && (await getVersion(db, run.ruleSetVersionId));
  return toRuleSetView(version?.document);
}

/**
 * The levels the rule set of a run defines, per difficulty type, lowest first (empty when the
 * run or its version is gone): the levels an override of that run may set.
 * @example const levels = await levelsOfRun(db, runId); // { poverty: [{ id: 'watch', label: { ja: '見守り', en: 'Watch' } }, …] }
 */
export async function levelsOfRun(db: Db, runId: string): Promise<RuleSetLevels> {
  const view = await ruleSetViewOfRun(db, runId);
  return Object.fromEntries([...view.levels].map(([type, list]) => [type, [...list]]));
}

/** Where a fact comes from when the catalogue does not say: its id's prefix (`school.x`). */
export function factInfo(view: RuleSetView, factId: string): FactInfo {
  const known = view.facts.get(factId);
  if (known) return known;
  const source = factId.includes('.') ? (factId.split('.')[0] ?? 'other') : 'other';
  return { label: factId, source, outsideSchool: source !== 'school' };
}
