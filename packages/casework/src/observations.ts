import {
  addCaseEvent,
  findOpenCase,
  inTransaction,
  listCaseEventsWithCase,
  listCases,
  type Case,
  type CaseEvent,
  type Db,
} from '@mimamori/db';
import { z } from 'zod';
import { CaseworkError } from './casework-error';
import { requireSheet, type Actor } from './sheets';

/** A teacher's report after 声掛け・見守り. */
export const observationInputSchema = z.object({
  text: z.string().trim().min(1).max(4000),
  supportNeeded: z.boolean(),
  observedOn: z.iso.date().optional(),
});
/** An observation request. */
export type ObservationInput = z.input<typeof observationInputSchema>;

/** A teacher's observation that support seems needed: the family center is notified. */
export interface Notification {
  eventId: string;
  caseId: string;
  childId: string;
  sheetId: string | null;
  school: string | null;
  observedOn: string | null;
  at: string;
  actorId: string | null;
  read: boolean;
  readBy: string | null;
}

/**
 * The case an observation on the child's sheet belongs to: the open one, else the latest even if
 * closed. An observation never opens a case: whether to watch again is the center's decision.
 */
async function caseOfChild(db: Db, childId: string): Promise<Case> {
  const found =
    (await findOpenCase(db, childId)) ?? (await listCases(db, { childId, limit: 1 }))[0];
  if (!found) throw new CaseworkError('invalid_state', `child ${childId} has no case`);
  return found;
}

/**
 * Records an observation on a shared sheet. A teacher passes `school` (their school; `null`:
 * none) and sees only sheets shared with it (otherwise `not_found`); the family center passes
 * none and gets `sheet_not_shared` for a sheet not shared yet. A purged sheet takes nothing
 * (`purged`). The observation goes to the child's case, a closed one too (it is not reopened);
 * with `supportNeeded` the family center sees it in its unread notifications.
 * @example await recordObservation(db, { sheetId, school: 'S01', observation: { text, supportNeeded: true }, actor });
 */
export async function recordObservation(
  db: Db,
  input: {
    sheetId: string;
    school?: string | null;
    observation: ObservationInput;
    actor: Actor;
  },
): Promise<CaseEvent> {
  const parsed = observationInputSchema.safeParse(input.observation);
  if (!parsed.success)
    throw new CaseworkError('invalid_input', 'observation does not match its schema', {
      cause: parsed.error,
    });
  const scope = input.school === undefined ? {} : { school: input.school };
  return inTransaction(db, async function observe(trx) {
    const sheet = await requireSheet(trx, input.sheetId, scope);
    if (sheet.content.purged)
      throw new CaseworkError('purged', `sheet ${sheet.id} was purged under the retention rules`);
    if (sheet.sharedSchool === null)
      throw new CaseworkError('sheet_not_shared', `sheet ${sheet.id} is not shared with a school`);
    const target = await caseOfChild(trx, sheet.childId);
    return addCaseEvent(trx, {
      caseId: target.id,
      kind: 'observation',
      data: {
        sheetId: sheet.id,
        school: sheet.sharedSchool,
        text: parsed.data.text,
        supportNeeded: parsed.data.supportNeeded,
        observedOn: parsed.data.observedOn ?? null,
      },
      actorId: input.actor.id,
    });
  });
}

function str(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

/**
 * Observations flagged "support seems needed", newest first; `unreadOnly` leaves out those the
 * center acknowledged.
 */
export async function listNotifications(
  db: Db,
  options: { unreadOnly?: boolean } = {},
): Promise<Notification[]> {
  const events = await listCaseEventsWithCase(db, { kinds: ['observation', 'note'] });
  const readBy = new Map<string, string | null>();
  for (const e of events) {
    const acknowledged = str(e.data.acknowledges);
    if (e.kind === 'note' && acknowledged !== null) readBy.set(acknowledged, e.actorId);
  }
  const list: Notification[] = [];
  for (const e of events) {
    if (e.kind !== 'observation' || e.data.supportNeeded !== true) continue;
    const read = readBy.has(e.id);
    if (read && options.unreadOnly === true) continue;
    list.push({
      eventId: e.id,
      caseId: e.caseId,
      childId: e.childId,
      sheetId: str(e.data.sheetId),
      school: str(e.data.school),
      observedOn: str(e.data.observedOn),
      at: e.at,
      actorId: e.actorId,
      read,
      readBy: readBy.get(e.id) ?? null,
    });
  }
  return list.reverse();
}

/** Marks a notification read (an acknowledging note in the case; idempotent). */
export async function markNotificationRead(
  db: Db,
  input: { eventId: string; actor: Actor },
): Promise<void> {
  const all = await listNotifications(db);
  const found = all.find((n) => n.eventId === input.eventId);
  if (!found) throw new CaseworkError('not_found', `notification ${input.eventId} not found`);
  if (found.read) return;
  await addCaseEvent(db, {
    caseId: found.caseId,
    kind: 'note',
    data: { acknowledges: input.eventId },
    actorId: input.actor.id,
  });
}
