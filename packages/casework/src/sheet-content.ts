import type { JudgementResultRow } from '@mimamori/db';
import { z } from 'zod';
import { factInfo, type RuleSetView } from './rule-set-view';

/** Who speaks at the review meeting (教育委員会・校長・養護教諭・スクールソーシャルワーカー). */
export const reviewRoles = [
  'educationBoard',
  'principal',
  'schoolNurse',
  'schoolSocialWorker',
] as const;
/** One of {@link reviewRoles}. */
export type ReviewRole = (typeof reviewRoles)[number];

const text = z.string().max(4000);
const day = z.iso.date().nullable();

/** A change to the review-meeting notes: any subset of the fields. */
export const sheetNotesPatchSchema = z.object({
  educationBoard: text.optional(),
  principal: text.optional(),
  schoolNurse: text.optional(),
  schoolSocialWorker: text.optional(),
  summary: text.optional(),
  meetingDate: day.optional(),
});
/** A change to the notes. */
export type SheetNotesPatch = z.infer<typeof sheetNotesPatchSchema>;

/** Review-meeting notes: one free text per role, a summary and the meeting date. */
export const sheetNotesSchema = z.object({
  educationBoard: text.default(''),
  principal: text.default(''),
  schoolNurse: text.default(''),
  schoolSocialWorker: text.default(''),
  summary: text.default(''),
  meetingDate: day.default(null),
});
/** Review-meeting notes of a sheet. */
export type SheetNotes = z.infer<typeof sheetNotesSchema>;

/** One data source behind a matched item (e.g. `welfare`), and whether the school holds it. */
const sourceSchema = z.object({
  fact: z.string(),
  label: z.string(),
  source: z.string(),
  outsideSchool: z.boolean(),
});

/** A matched item (該当項目): the rule that fired, its explanation and its data sources. */
export const sheetItemSchema = z.object({
  ruleId: z.string(),
  type: z.string(),
  points: z.number(),
  text: z.string(),
  rationale: z.string(),
  sources: z.array(sourceSchema),
});
/** One matched item. */
export type SheetItem = z.infer<typeof sheetItemSchema>;

/** A score of the child for one difficulty type in the run. */
export const sheetScoreSchema = z.object({
  type: z.string(),
  typeLabel: z.string(),
  points: z.number(),
  level: z.string().nullable(),
  outsideSchoolPoints: z.number(),
  rankSchool: z.number().nullable(),
  rankGrade: z.number().nullable(),
});
/** One score line. */
export type SheetScore = z.infer<typeof sheetScoreSchema>;

/** What a sheet's `content_json` holds (no names: the child is its pseudonymous id). */
export const sheetContentSchema = z.object({
  version: z.literal(1),
  school: z.string().nullable(),
  grade: z.number().nullable(),
  asOf: z.string(),
  scores: z.array(sheetScoreSchema),
  items: z.array(sheetItemSchema),
  notes: sheetNotesSchema,
  sharedAt: z.string().nullable(),
  sharedBy: z.string().nullable(),
  purged: z.boolean().default(false),
});
/** The content of a child info sheet. */
export type SheetContent = z.infer<typeof sheetContentSchema>;

const reasonSchema = z.object({
  ruleId: z.string(),
  type: z.string(),
  points: z.number(),
  text: z.string(),
  rationale: z.string().default(''),
});
const storedReasonsSchema = z.union([
  z.array(reasonSchema),
  z.object({ reasons: z.array(reasonSchema) }).transform((o) => o.reasons),
]);

/** Empty notes. */
export function emptyNotes(): SheetNotes {
  return sheetNotesSchema.parse({});
}

/**
 * Builds a sheet's content from a child's results in a run and the run's rule set.
 * @example const content = buildSheetContent({ results, view, asOf: run.asOf, school: 'S01', grade: 3 });
 */
export function buildSheetContent(input: {
  results: readonly JudgementResultRow[];
  view: RuleSetView;
  asOf: string;
  school: string | null;
  grade: number | null;
}): SheetContent {
  const scores: SheetScore[] = input.results.map((r) => ({
    type: r.type,
    typeLabel: input.view.typeLabels.get(r.type) ?? r.type,
    points: r.points,
    level: r.level,
    outsideSchoolPoints: r.outsideSchoolPoints,
    rankSchool: r.rankSchool,
    rankGrade: r.rankGrade,
  }));
  const items = new Map<string, SheetItem>();
  for (const result of input.results) {
    const parsed = storedReasonsSchema.safeParse(result.explanation);
    if (!parsed.success) continue;
    for (const reason of parsed.data) {
      if (items.has(reason.ruleId)) continue;
      const facts = input.view.ruleFacts.get(reason.ruleId) ?? [];
      items.set(reason.ruleId, {
        ...reason,
        sources: facts.map((fact) => ({ fact, ...factInfo(input.view, fact) })),
      });
    }
  }
  return {
    version: 1,
    school: input.school,
    grade: input.grade,
    asOf: input.asOf,
    scores,
    items: [...items.values()].sort((a, b) => b.points - a.points),
    notes: emptyNotes(),
    sharedAt: null,
    sharedBy: null,
    purged: false,
  };
}
