import {
  addCaseEvent,
  createOverride,
  getChildFacts,
  getRun,
  inTransaction,
  listCases,
  listOverrides,
  listResults,
  reviewOverride as reviewStoredOverride,
  type Db,
  type Override,
} from '@mimamori/db';
import { z } from 'zod';
import { CaseworkError } from './casework-error';
import { defaultLevelOrder, ruleSetViewOfRun } from './rule-set-view';
import type { Actor } from './sheets';

/** Why staff changed a level (structured-decision-making practice: a code plus a note). */
export const overrideReasonCodes = [
  'additional_information',
  'data_error',
  'professional_judgement',
  'family_context',
] as const;
/** One of {@link overrideReasonCodes}. */
export type OverrideReasonCode = (typeof overrideReasonCodes)[number];

/** Which way an override moved the level. */
export type OverrideDirection = 'raise' | 'lower' | 'same';

/** An override with the direction it moved the level. */
export interface LevelOverride extends Override {
  direction: OverrideDirection;
}

/** An override request. */
export const overrideInputSchema = z.object({
  runId: z.string().min(1),
  childId: z.string().min(1),
  type: z.string().min(1).max(32),
  toLevel: z.string().min(1).max(32).nullable(),
  reasonCode: z.enum(overrideReasonCodes),
  note: z.string().trim().min(1).max(2000),
});
/** An override request. */
export type OverrideInput = z.input<typeof overrideInputSchema>;

function rank(order: readonly string[], level: string | null): number {
  if (level === null) return -1;
  const at = order.indexOf(level);
  return at === -1 ? order.length : at;
}

/** Raise, lower or same, by the type's level order (なし lowest). */
export function directionOf(
  order: readonly string[],
  from: string | null,
  to: string | null,
): OverrideDirection {
  const a = rank(order, from);
  const b = rank(order, to);
  return b > a ? 'raise' : b < a ? 'lower' : 'same';
}

async function orderFor(db: Db, runId: string, type: string): Promise<readonly string[]> {
  const view = await ruleSetViewOfRun(db, runId);
  return view.levelOrder.get(type) ?? defaultLevelOrder;
}

/**
 * Raises or lowers a child's level for one type with a reason code and note. Results stay
 * immutable; the override is shown on the sheet and waits for a second person's review.
 * An unknown run or child is `not_found`; a type or level the run's rule set does not define
 * is `not_in_rule_set`.
 * @example await overrideLevel(db, { override: { runId, childId, type: 'poverty', toLevel: 'support', reasonCode: 'family_context', note: '…' }, actor });
 */
export async function overrideLevel(
  db: Db,
  input: { override: OverrideInput; actor: Actor },
): Promise<LevelOverride> {
  const parsed = overrideInputSchema.safeParse(input.override);
  if (!parsed.success)
    throw new CaseworkError('invalid_input', 'override does not match its schema', {
      cause: parsed.error,
    });
  const o = parsed.data;
  if (!(await getRun(db, o.runId)))
    throw new CaseworkError('not_found', `run ${o.runId} not found`);
  // Children the engine gave no points have no result row, yet were judged: existence suffices.
  if (!(await getChildFacts(db, o.childId)))
    throw new CaseworkError('not_found', `child ${o.childId} not found`);
  const order = (await ruleSetViewOfRun(db, o.runId)).levelOrder.get(o.type);
  if (order === undefined || (o.toLevel !== null && !order.includes(o.toLevel)))
    throw new CaseworkError('not_in_rule_set', `type or level not in the rule set of ${o.runId}`);
  const [result] = await listResults(db, o.runId, { childId: o.childId, type: o.type, limit: 1 });
  const previous = (await listOverrides(db, { runId: o.runId, childId: o.childId }))
    .filter((x) => x.type === o.type)
    .at(-1);
  const fromLevel = previous ? previous.toLevel : (result?.level ?? null);
  const direction = directionOf(order, fromLevel, o.toLevel);
  if (direction === 'same') throw new CaseworkError('invalid_input', 'override keeps the level');
  return inTransaction(db, async function record(trx) {
    const created = await createOverride(trx, {
      runId: o.runId,
      childId: o.childId,
      type: o.type,
      fromLevel,
      toLevel: o.toLevel,
      reasonCode: o.reasonCode,
      note: o.note,
      createdBy: input.actor.id,
    });
    const open = (await listCases(trx, { childId: o.childId })).find((c) => c.status !== 'closed');
    if (open) {
      await addCaseEvent(trx, {
        caseId: open.id,
        kind: 'override',
        data: { overrideId: created.id, type: o.type, fromLevel, toLevel: o.toLevel, direction },
        actorId: input.actor.id,
      });
    }
    return { ...created, direction };
  });
}

/** Second-person review: the reviewer must not be the author (`same_person`). */
export async function reviewOverride(
  db: Db,
  input: { overrideId: string; actor: Actor },
): Promise<Override> {
  const found = (await listOverrides(db)).find((o) => o.id === input.overrideId);
  if (!found) throw new CaseworkError('not_found', `override ${input.overrideId} not found`);
  if (found.createdBy === input.actor.id)
    throw new CaseworkError('same_person', 'an override is reviewed by a second person');
  if (found.reviewedBy !== null)
    throw new CaseworkError('already_reviewed', `override ${input.overrideId} already reviewed`);
  return reviewStoredOverride(db, input.overrideId, input.actor.id);
}

/** Overrides of a run (or a child in it) with their direction. */
export async function listLevelOverrides(
  db: Db,
  filter: { runId?: string; childId?: string } = {},
): Promise<LevelOverride[]> {
  const list = await listOverrides(db, filter);
  const orders = new Map<string, readonly string[]>();
  const out: LevelOverride[] = [];
  for (const o of list) {
    const key = `${o.runId}\u0000${o.type}`;
    let order = orders.get(key);
    if (!order) orders.set(key, (order = await orderFor(db, o.runId, o.type)));
    out.push({ ...o, direction: directionOf(order, o.fromLevel, o.toLevel) });
  }
  return out;
}

/** Counts of overrides: total, per direction and reason, reviewed and pending. */
export interface OverrideSummary {
  total: number;
  raised: number;
  lowered: number;
  reviewed: number;
  pendingReview: number;
  byReason: Record<OverrideReasonCode | 'other', number>;
}

/** Counts a run's overrides (all runs without `runId`). */
export async function summarizeOverrides(
  db: Db,
  filter: { runId?: string } = {},
): Promise<OverrideSummary> {
  const list = await listLevelOverrides(db, filter);
  const byReason: OverrideSummary['byReason'] = {
    additional_information: 0,
    data_error: 0,
    professional_judgement: 0,
    family_context: 0,
    other: 0,
  };
  for (const o of list) {
    const code = (overrideReasonCodes as readonly string[]).includes(o.reasonCode)
      ? (o.reasonCode as OverrideReasonCode)
      : 'other';
    byReason[code] += 1;
  }
  return {
    total: list.length,
    raised: list.filter((o) => o.direction === 'raise').length,
    lowered: list.filter((o) => o.direction === 'lower').length,
    reviewed: list.filter((o) => o.reviewedBy !== null).length,
    pendingReview: list.filter((o) => o.reviewedBy === null).length,
    byReason,
  };
}
