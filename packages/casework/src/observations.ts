import { addCaseEvent, listCaseEventsWithCase, type CaseEvent, type Db } from '@mimamori/db';
import { z } from 'zod';
import { CaseworkError } from './casework-error';
import { ensureCase, requireSheet, type Actor } from './sheets';

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
 * Records a teacher's observation on a sheet shared with the teacher's school (otherwise
 * `not_found`). With `supportNeeded` the family center sees it in its unread notifications.
 * @example await recordObservation(db, { sheetId, school: 'S01', observation: { text, supportNeeded: true }, actor });
 */
export async function recordObservation(
  db: Db,
  input: { sheetId: string; school: string | null; observation: ObservationInput; actor: Actor },
): Promise<CaseEvent> {
  const parsed = observationInputSchema.safeParse(input.observation);
  if (!parsed.success)
    throw new CaseworkError('invalid_input', 'observation does not match its schema', {
      cause: parsed.error,
    });
  const sheet = await requireSheet(db, input.sheetId, { school: input.school });
  const target = await ensureCase(db, {
    childId: sheet.childId,
    runId: sheet.runId,
    actorId: input.actor.id,
  });
  return addCaseEvent(db, {
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
