import {
  addCaseEvent,
  ensureOpenCase,
  findOpenCase,
  getChildFacts,
  getChildSheet,
  getChildSheetById,
  getRun,
  inTransaction,
  isKnownSchool,
  listCases,
  listChildSheets,
  listOverrides,
  listResults,
  saveChildSheet,
  updateChildSheetIfUnchanged,
  type Case,
  type ChildSheet,
  type Db,
} from '@mimamori/db';
import { CaseworkError } from './casework-error';
import { ruleSetViewOfRun } from './rule-set-view';
import {
  buildSheetContent,
  sheetContentSchema,
  sheetNotesPatchSchema,
  type SheetContent,
  type SheetNotesPatch,
} from './sheet-content';

/** Who acts: the user id (never a name) and role, for history and audit. */
export interface Actor {
  id: string;
  role?: string | null;
  ip?: string | null;
}

/** A child info sheet with its parsed content. */
export interface Sheet {
  id: string;
  runId: string;
  childId: string;
  sharedSchool: string | null;
  createdBy: string | null;
  updatedAt: string;
  content: SheetContent;
}

function toSheet(sheet: ChildSheet): Sheet {
  const parsed = sheetContentSchema.safeParse(sheet.content);
  if (!parsed.success) {
    throw new CaseworkError('invalid_state', `sheet ${sheet.id} holds unreadable content`, {
      cause: parsed.error,
    });
  }
  return {
    id: sheet.id,
    runId: sheet.runId,
    childId: sheet.childId,
    sharedSchool: sheet.sharedSchool,
    createdBy: sheet.createdBy,
    updatedAt: sheet.updatedAt,
    content: parsed.data,
  };
}

/** The child's case that is not closed, if any (there is at most one). */
export async function openCaseOf(db: Db, childId: string): Promise<Case | undefined> {
  return findOpenCase(db, childId);
}

/**
 * The child's open case, opened now (見守り) when there is none: only for the family center's
 * own actions (filling, noting, sharing a sheet), never a teacher's. Safe when two calls race:
 * the database keeps one case per child open and the second call gets the first one's case.
 */
export async function ensureCase(
  db: Db,
  input: { childId: string; runId: string | null; actorId: string },
): Promise<Case> {
  return (await ensureOpenCase(db, input)).case;
}

/** Attempts of a read-merge-write before giving up as `stale_sheet` (each lost a race). */
const sheetWriteAttempts = 5;

/**
 * Reads a sheet, lets `change` derive its new content and school from what is stored, and
 * writes that only if nobody wrote the sheet in between (compare-and-set on `updatedAt`);
 * otherwise reads again. `record` runs in the same transaction (the case history entry), so a
 * change and its history commit together.
 */
async function changeSheet<T>(
  db: Db,
  sheetId: string,
  change: (sheet: Sheet) => { content: SheetContent; sharedSchool: string | null },
  record: (trx: Db, saved: Sheet) => Promise<T>,
): Promise<T> {
  for (let attempt = 0; attempt < sheetWriteAttempts; attempt += 1) {
    const done = await inTransaction(db, async function readMergeWrite(trx) {
      const before = await requireSheet(trx, sheetId);
      const next = change(before);
      const saved = await updateChildSheetIfUnchanged(trx, {
        id: before.id,
        expectedUpdatedAt: before.updatedAt,
        content: next.content,
        sharedSchool: next.sharedSchool,
      });
      // Nothing was written in this attempt: nothing to roll back before reading again.
      if (!saved) return undefined;
      return { value: await record(trx, toSheet(saved)) };
    });
    if (done) return done.value;
  }
  throw new CaseworkError('stale_sheet', `sheet ${sheetId} kept changing while being saved`);
}

function refusePurged(sheet: Sheet): void {
  if (sheet.content.purged)
    throw new CaseworkError('purged', `sheet ${sheet.id} was purged under the retention rules`);
}

/**
 * Fills the sheet of a flagged child from the run's results and explanations and opens the
 * child's case (見守り) if none is open. Returns the existing sheet when there is one.
 * @example const sheet = await createSheet(db, { runId, childId, actor: { id: 'fc1' } });
 */
export async function createSheet(
  db: Db,
  input: { runId: string; childId: string; actor: Actor },
): Promise<Sheet> {
  const existing = await getChildSheet(db, input.runId, input.childId);
  if (existing) return toSheet(existing);
  const run = await getRun(db, input.runId);
  if (!run) throw new CaseworkError('not_found', `run ${input.runId} not found`);
  if (run.status !== 'completed')
    throw new CaseworkError('invalid_state', `run ${input.runId} is not completed`);
  const child = await getChildFacts(db, input.childId);
  if (!child) throw new CaseworkError('not_found', `child ${input.childId} not found`);
  const results = await listResults(db, input.runId, { childId: input.childId, limit: 1_000 });
  const raised = (await listOverrides(db, { runId: input.runId, childId: input.childId })).some(
    (o) => o.toLevel !== null,
  );
  if (!raised && !results.some((r) => r.level !== null)) {
    throw new CaseworkError('not_flagged', `child ${input.childId} is not flagged in the run`);
  }
  const content = buildSheetContent({
    results,
    view: await ruleSetViewOfRun(db, input.runId),
    asOf: run.asOf,
    school: child.school ?? child.nursery,
    grade: child.grade,
  });
  return inTransaction(db, async function fill(trx) {
    const saved = await saveChildSheet(trx, {
      runId: input.runId,
      childId: input.childId,
      content,
      sharedSchool: null,
      createdBy: input.actor.id,
    });
    await ensureCase(trx, { childId: input.childId, runId: input.runId, actorId: input.actor.id });
    return toSheet(saved);
  });
}

/**
 * Changes the review-meeting notes (any subset; the other fields stay as stored) and keeps the
 * change as a case note, in one transaction. With `expectedUpdatedAt` (the sheet's `updatedAt`
 * its editor last saw) a sheet changed since then is refused as `stale_sheet`, so that nobody
 * saves over a change they have not seen. A purged sheet takes no notes (`purged`).
 * @example await updateSheetNotes(db, { sheetId, notes: { summary: '…' }, expectedUpdatedAt: sheet.updatedAt, actor });
 */
export async function updateSheetNotes(
  db: Db,
  input: { sheetId: string; notes: SheetNotesPatch; expectedUpdatedAt?: string; actor: Actor },
): Promise<Sheet> {
  const parsed = sheetNotesPatchSchema.safeParse(input.notes);
  if (!parsed.success)
    throw new CaseworkError('invalid_input', 'notes do not match their schema', {
      cause: parsed.error,
    });
  const patch = Object.fromEntries(Object.entries(parsed.data).filter(([, v]) => v !== undefined));
  return changeSheet(
    db,
    input.sheetId,
    function mergeNotes(sheet) {
      refusePurged(sheet);
      if (input.expectedUpdatedAt !== undefined && input.expectedUpdatedAt !== sheet.updatedAt)
        throw new CaseworkError('stale_sheet', `sheet ${sheet.id} changed since it was read`);
      return {
        content: { ...sheet.content, notes: { ...sheet.content.notes, ...patch } },
        sharedSchool: sheet.sharedSchool,
      };
    },
    (trx, saved) => recordInCase(trx, saved, input.actor, 'note', { notes: patch }),
  );
}

/**
 * The case event a sheet change leaves in the child's case: the open case, else the latest one
 * even if closed (a note or a share does not reopen a case; that is the center's decision), and a
 * new case only for a child who never had one.
 */
async function recordInCase(
  trx: Db,
  saved: Sheet,
  actor: Actor,
  kind: 'note' | 'share',
  data: Record<string, unknown>,
): Promise<Sheet> {
  const target =
    (await findOpenCase(trx, saved.childId)) ??
    (await listCases(trx, { childId: saved.childId, limit: 1 }))[0] ??
    (await ensureCase(trx, { childId: saved.childId, runId: saved.runId, actorId: actor.id }));
  await addCaseEvent(trx, {
    caseId: target.id,
    kind,
    data: { sheetId: saved.id, ...data },
    actorId: actor.id,
  });
  return saved;
}

/**
 * Shares a sheet with a school (default: the child's school or nursery); teachers of that
 * school see it from then on. Only the sharing fields change: notes saved meanwhile stay. The
 * school must be one some child attends (`unknown_school`); a purged sheet is not shared
 * (`purged`).
 * @example await shareSheet(db, { sheetId, actor: { id: 'fc1' } });
 */
export async function shareSheet(
  db: Db,
  input: { sheetId: string; school?: string; actor: Actor },
): Promise<Sheet> {
  const found = await requireSheet(db, input.sheetId);
  refusePurged(found);
  const school = input.school ?? found.content.school;
  if (school === null || school === '')
    throw new CaseworkError('invalid_input', `sheet ${found.id} has no school to share with`);
  if (!(await isKnownSchool(db, school)))
    throw new CaseworkError('unknown_school', 'no child attends a school with that code');
  const at = new Date().toISOString();
  return changeSheet(
    db,
    input.sheetId,
    function setShare(sheet) {
      refusePurged(sheet);
      return {
        content: { ...sheet.content, sharedAt: at, sharedBy: input.actor.id },
        sharedSchool: school,
      };
    },
    (trx, saved) => recordInCase(trx, saved, input.actor, 'share', { school }),
  );
}

/** Sheets shared with one school: all a teacher of that school may see. */
export async function listSheetsForSchool(db: Db, school: string): Promise<Sheet[]> {
  return (await listChildSheets(db, { sharedSchool: school })).map(toSheet);
}

/** Sheets of a run (or all), for the family center. */
export async function listSheets(
  db: Db,
  filter: { runId?: string; childId?: string } = {},
): Promise<Sheet[]> {
  return (await listChildSheets(db, filter)).map(toSheet);
}

/**
 * One sheet; with `school` (a teacher's scope) only if shared with that school, else
 * undefined, so that callers answer 404 rather than 403.
 */
export async function getSheet(
  db: Db,
  sheetId: string,
  scope: { school?: string | null } = {},
): Promise<Sheet | undefined> {
  const sheet = await getChildSheetById(db, sheetId);
  if (!sheet) return undefined;
  if ('school' in scope && (scope.school == null || sheet.sharedSchool !== scope.school))
    return undefined;
  return toSheet(sheet);
}

/** Like {@link getSheet} but throws `not_found`. */
export async function requireSheet(
  db: Db,
  sheetId: string,
  scope: { school?: string | null } = {},
): Promise<Sheet> {
  const sheet = await getSheet(db, sheetId, scope);
  if (!sheet) throw new CaseworkError('not_found', `sheet ${sheetId} not found`);
  return sheet;
}
