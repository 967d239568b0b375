import {
  addCaseEvent,
  caseStatuses,
  getCase,
  inTransaction,
  listCaseEvents,
  listCases,
  transitionCase,
  type Case,
  type CaseEvent,
  type CaseStatus,
  type Db,
} from '@mimamori/db';
import { z } from 'zod';
import { CaseworkError } from './casework-error';
import { defaultTimezone } from './scheduler';
import type { Actor } from './sheets';

/** Outside agencies a case is connected to (関係機関). */
export const agencies = [
  'child_family_support_center',
  'public_health_nurse',
  'child_guidance_center',
  'other',
] as const;
/** One of {@link agencies}: 児童家庭支援センター, 保健師, 児童相談所, その他. */
export type Agency = (typeof agencies)[number];

/** Statuses that count as "connected to support" (予防的支援, ケース会議, 関係機関へ接続). */
export const supportStatuses = ['preventive_support', 'case_meeting', 'referred'] as const;

const day = z.iso.date();

/**
 * A decision as the family center records it. `agency` and `agencyNote` go only with a referral.
 * `expectedStatus`, the status the decider last saw, makes a decision on a case someone else
 * decided on meanwhile fail as `stale_case` instead of overriding what they did unseen.
 */
export const decisionInputSchema = z
  .object({
    status: z.enum(caseStatuses),
    reason: z.string().trim().min(1).max(2000),
    decidedOn: day.optional(),
    agency: z.enum(agencies).optional(),
    agencyNote: z.string().max(200).optional(),
    expectedStatus: z.enum(caseStatuses).optional(),
  })
  .superRefine((value, ctx) => {
    if (value.status === 'referred' && value.agency === undefined)
      ctx.addIssue({ code: 'custom', path: ['agency'], message: 'a referral names the agency' });
    if (value.agency === 'other' && !value.agencyNote)
      ctx.addIssue({ code: 'custom', path: ['agencyNote'], message: 'name the other agency' });
    for (const key of ['agency', 'agencyNote'] as const) {
      if (value.status !== 'referred' && value[key] !== undefined)
        ctx.addIssue({ code: 'custom', path: [key], message: 'only a referral names an agency' });
    }
  });
/** A decision request. */
export type DecisionInput = z.input<typeof decisionInputSchema>;

/**
 * The calendar day of `at` where the village is (`YYYY-MM-DD`, Asia/Tokyo): what "today" means
 * for a decision's date.
 * @example localDay(new Date('2026-03-31T15:00:00Z')); // '2026-04-01'
 */
export function localDay(at: Date, timezone = defaultTimezone): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: timezone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes) =>
    parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

function decisionAsOf(today: string) {
  return decisionInputSchema.superRefine(function notInTheFuture(value, ctx) {
    if (value.decidedOn !== undefined && value.decidedOn > today)
      ctx.addIssue({
        code: 'custom',
        path: ['decidedOn'],
        message: 'a decision is not dated later than today',
      });
  });
}

/** A case meeting (ケース会議) record. */
export const meetingInputSchema = z.object({
  heldOn: day,
  attendees: z.array(z.string().trim().min(1).max(100)).min(1).max(30),
  summary: z.string().trim().min(1).max(4000),
  actions: z.string().max(4000).default(''),
  nextReviewOn: day.nullable().default(null),
});
/** A case meeting request. */
export type MeetingInput = z.input<typeof meetingInputSchema>;

function parse<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success)
    throw new CaseworkError('invalid_input', `${what} does not match its schema`, {
      cause: parsed.error,
    });
  return parsed.data;
}

async function requireCase(db: Db, caseId: string): Promise<Case> {
  const found = await getCase(db, caseId);
  if (!found) throw new CaseworkError('not_found', `case ${caseId} not found`);
  return found;
}

/** Attempts of a decision before giving up as `stale_case` (each lost a race). */
const decisionAttempts = 3;

/**
 * Records a decision (見守り継続 / 予防的支援 / ケース会議 / 関係機関へ接続 / 終結) with its date,
 * author and reason; the status changes and the decision is appended to the history, in one
 * transaction and only while the case is still in the status it was read in. A closed case
 * takes no decision (`invalid_state`: reopening is not supported); with `expectedStatus` a case
 * in another status is `stale_case`. `now` is the clock: a decision is not dated after today.
 * Returns the case and the event this call appended.
 * @example await decide(db, { caseId, decision: { status: 'referred', agency: 'public_health_nurse', reason: '…' }, actor });
 */
export async function decide(
  db: Db,
  input: { caseId: string; decision: DecisionInput; actor: Actor; now?: Date },
): Promise<{ case: Case; event: CaseEvent }> {
  const today = localDay(input.now ?? new Date());
  const decision = parse(decisionAsOf(today), input.decision, 'decision');
  for (let attempt = 0; attempt < decisionAttempts; attempt += 1) {
    const done = await inTransaction(db, async function decideOnce(trx) {
      const before = await requireCase(trx, input.caseId);
      if (decision.expectedStatus !== undefined && decision.expectedStatus !== before.status)
        throw new CaseworkError(
          'stale_case',
          `case ${before.id} is no longer ${decision.expectedStatus}`,
        );
      if (before.status === 'closed')
        throw new CaseworkError(
          'invalid_state',
          `case ${before.id} is closed: reopening a closed case is not supported`,
        );
      return transitionCase(trx, {
        caseId: before.id,
        from: before.status,
        status: decision.status,
        actorId: input.actor.id,
        data: {
          from: before.status,
          reason: decision.reason,
          decidedOn: decision.decidedOn ?? today,
          ...(decision.agency === undefined ? {} : { agency: decision.agency }),
          ...(decision.agencyNote === undefined ? {} : { agencyNote: decision.agencyNote }),
        },
      });
    });
    if (done) return done;
  }
  throw new CaseworkError('stale_case', `case ${input.caseId} kept changing while deciding`);
}

/** Records a case meeting (attendees by role or organisation, summary, actions). */
export async function recordCaseMeeting(
  db: Db,
  input: { caseId: string; meeting: MeetingInput; actor: Actor },
): Promise<CaseEvent> {
  const meeting = parse(meetingInputSchema, input.meeting, 'meeting');
  const found = await requireCase(db, input.caseId);
  if (found.status === 'closed') throw new CaseworkError('invalid_state', 'case is closed');
  return addCaseEvent(db, {
    caseId: input.caseId,
    kind: 'meeting',
    data: { ...meeting },
    actorId: input.actor.id,
  });
}

/** A case with its full, append-only history (oldest first). */
export interface CaseHistory extends Case {
  events: CaseEvent[];
}

/** One case and everything that happened in it. */
export async function getCaseHistory(db: Db, caseId: string): Promise<CaseHistory | undefined> {
  const found = await getCase(db, caseId);
  return found && { ...found, events: await listCaseEvents(db, caseId) };
}

/** Cases filtered by status(es), child or run, newest first. */
export async function listCasesByStatus(
  db: Db,
  filter: { statuses?: readonly CaseStatus[]; childId?: string; runId?: string } = {},
): Promise<Case[]> {
  const all = await listCases(db, {
    ...(filter.childId === undefined ? {} : { childId: filter.childId }),
    ...(filter.runId === undefined ? {} : { runId: filter.runId }),
    limit: 100_000,
  });
  const wanted = filter.statuses;
  return wanted === undefined || wanted.length === 0
    ? all
    : all.filter((c) => wanted.includes(c.status));
}
