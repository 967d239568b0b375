import {
  addCaseEvent,
  appendAudit,
  clearOverrideNotes,
  deletePersonalData,
  getSetting,
  inTransaction,
  listCaseEventsWithCase,
  listChildSheets,
  listChildrenClosedBefore,
  listOverrides,
  listSettingsWithPrefix,
  replaceCaseEventData,
  saveChildSheet,
  setSetting,
  type Db,
} from '@mimamori/db';
import { z } from 'zod';
import { CaseworkError } from './casework-error';
import { emptyNotes, sheetContentSchema } from './sheet-content';

/** Where the retention period is kept (days after a case closes). */
export const retentionSettingKey = 'casework.retentionDays';
/** Used until staff set one: five years. */
export const defaultRetentionDays = 1825;

const retentionSchema = z.number().int().min(1).max(36_500);

/** Key of a child's tombstone in the settings table. */
export function tombstoneKey(childId: string): string {
  return `tombstone.child.${childId}`;
}

/** What a purge leaves behind: when, why, and how much was removed (no personal data). */
export const tombstoneSchema = z.object({
  childId: z.string(),
  purgedAt: z.string(),
  retentionDays: z.number(),
  closedBefore: z.string(),
  caseIds: z.array(z.string()),
  removed: z.object({
    persons: z.number(),
    identities: z.number(),
    sheets: z.number(),
    events: z.number(),
    overrideNotes: z.number(),
  }),
});
/** A tombstone. */
export type Tombstone = z.infer<typeof tombstoneSchema>;

/** The configured retention period in days. */
export async function getRetentionDays(db: Db): Promise<number> {
  return (await getSetting(db, retentionSettingKey, retentionSchema)) ?? defaultRetentionDays;
}

/** Sets the retention period (1 day to 100 years). */
export async function setRetentionDays(db: Db, days: number): Promise<void> {
  if (!retentionSchema.safeParse(days).success)
    throw new CaseworkError('invalid_input', 'retention days must be an integer from 1 to 36500');
  await setSetting(db, retentionSettingKey, days);
}

/** Event fields that carry no free text and stay after a purge. */
const keptEventFields = [
  'status',
  'from',
  'decidedOn',
  'agency',
  'sheetId',
  'school',
  'supportNeeded',
  'observedOn',
  'acknowledges',
  'overrideId',
  'type',
  'fromLevel',
  'toLevel',
  'direction',
  'heldOn',
  'tombstone',
  'purgedAt',
] as const;

function redact(data: Record<string, unknown>): Record<string, unknown> {
  const kept: Record<string, unknown> = { redacted: true };
  for (const key of keptEventFields) if (key in data) kept[key] = data[key];
  return kept;
}

/** True for what a purge wrote or left redacted: a later purge has nothing to erase in it. */
function erased(data: Record<string, unknown>): boolean {
  return data.redacted === true || data.tombstone === true;
}

/**
 * True when the child has casework data a purge has not erased: a sheet not purged, an event
 * not redacted, an override note. For a child purged before, that is data newer than the last
 * tombstone (a new run's sheet and case, a note written after the purge).
 */
async function hasUnpurgedData(db: Db, childId: string): Promise<boolean> {
  const sheets = await listChildSheets(db, { childId });
  if (sheets.some((s) => s.content.purged !== true)) return true;
  const events = await listCaseEventsWithCase(db, { childId });
  if (events.some((e) => !erased(e.data))) return true;
  return (await listOverrides(db, { childId })).some((o) => o.note !== null);
}

async function purgeChild(
  db: Db,
  input: {
    childId: string;
    now: Date;
    retentionDays: number;
    closedBefore: string;
    actorId: string | null;
  },
): Promise<Tombstone> {
  return inTransaction(db, async function purge(trx) {
    const removedPersonal = await deletePersonalData(trx, input.childId);
    let sheets = 0;
    for (const sheet of await listChildSheets(trx, { childId: input.childId })) {
      if (sheet.content.purged === true) continue;
      const parsed = sheetContentSchema.safeParse(sheet.content);
      const content = parsed.success
        ? {
            ...parsed.data,
            notes: emptyNotes(),
            items: parsed.data.items.map((i) => ({ ...i, text: '', rationale: '' })),
            purged: true,
          }
        : { purged: true };
      await saveChildSheet(trx, {
        runId: sheet.runId,
        childId: sheet.childId,
        content,
        sharedSchool: sheet.sharedSchool,
        createdBy: sheet.createdBy,
      });
      sheets += 1;
    }
    const all = await listCaseEventsWithCase(trx, { childId: input.childId });
    const events = all.filter((e) => !erased(e.data));
    for (const e of events) await replaceCaseEventData(trx, e.id, redact(e.data));
    const overrideNotes = await clearOverrideNotes(trx, input.childId);
    const caseIds = [...new Set(all.map((e) => e.caseId))].sort();
    const tombstone: Tombstone = {
      childId: input.childId,
      purgedAt: input.now.toISOString(),
      retentionDays: input.retentionDays,
      closedBefore: input.closedBefore,
      caseIds,
      removed: { ...removedPersonal, sheets, events: events.length, overrideNotes },
    };
    await setSetting(trx, tombstoneKey(input.childId), tombstone);
    for (const caseId of caseIds) {
      await addCaseEvent(trx, {
        caseId,
        kind: 'note',
        data: { tombstone: true, purgedAt: tombstone.purgedAt },
        actorId: input.actorId,
        at: tombstone.purgedAt,
      });
    }
    await appendAudit(trx, {
      actorId: input.actorId,
      actorRole: input.actorId === null ? 'retention' : null,
      action: 'retention.purge',
      targetType: 'child',
      targetId: input.childId,
      ip: null,
      details: { ...tombstone.removed, retentionDays: input.retentionDays, cases: caseIds.length },
    });
    return tombstone;
  });
}

/**
 * Deletes the personal data of children whose cases all closed more than `retentionDays` ago
 * (persons row, record identities, sheet notes, free text in the case history, override
 * notes) and leaves an audited tombstone per child. A child purged before is purged again only
 * when it has data newer than its last tombstone (e.g. a later run's sheet and case, closed
 * long enough ago too); otherwise it is skipped.
 * @example const { purged } = await purgeExpired(db, { now: new Date(), retentionDays: 1825 });
 */
export async function purgeExpired(
  db: Db,
  input: { now: Date; retentionDays?: number; actorId?: string | null },
): Promise<{ purged: Tombstone[] }> {
  const retentionDays = input.retentionDays ?? (await getRetentionDays(db));
  if (!retentionSchema.safeParse(retentionDays).success)
    throw new CaseworkError('invalid_input', 'retention days must be an integer from 1 to 36500');
  const closedBefore = new Date(input.now.getTime() - retentionDays * 86_400_000).toISOString();
  const done = new Set((await listTombstones(db)).map((t) => t.childId));
  const purged: Tombstone[] = [];
  for (const childId of await listChildrenClosedBefore(db, closedBefore)) {
    if (done.has(childId) && !(await hasUnpurgedData(db, childId))) continue;
    purged.push(
      await purgeChild(db, {
        childId,
        now: input.now,
        retentionDays,
        closedBefore,
        actorId: input.actorId ?? null,
      }),
    );
  }
  return { purged };
}

/** Every tombstone, by child id. */
export async function listTombstones(db: Db): Promise<Tombstone[]> {
  const rows = await listSettingsWithPrefix(db, 'tombstone.child.');
  return rows.map((r) => tombstoneSchema.parse(r.value));
}
