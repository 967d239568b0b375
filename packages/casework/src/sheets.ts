import {
  addCaseEvent,
  findChildSheetKey,
  getChildFacts,
  getChildSheet,
  getRun,
  inTransaction,
  listCases,
  listChildSheets,
  listOverrides,
  listResults,
  openCase,
  saveChildSheet,
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

/** The child's case that is not closed (newest), if any. */
export async function openCaseOf(db: Db, childId: string): Promise<Case | undefined> {
  const cases = await listCases(db, { childId, limit: 1_000 });
  return cases.find((c) => c.status !== 'closed');
}

/** The child's open case, opened now (見守り) when there is none. */
export async function ensureCase(
  db: Db,
  input: { childId: string; runId: string | null; actorId: string },
): Promise<Case> {
  return (await openCaseOf(db, input.childId)) ?? openCase(db, input);
}

async function save(db: Db, sheet: Sheet, content: SheetContent, actor: Actor): Promise<Sheet> {
  return toSheet(
    await saveChildSheet(db, {
      runId: sheet.runId,
      childId: sheet.childId,
      content,
      sharedSchool: sheet.sharedSchool,
      createdBy: actor.id,
    }),
  );
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

/** Changes the review-meeting notes (any subset); the change is kept as a case note. */
export async function updateSheetNotes(
  db: Db,
  input: { sheetId: string; notes: SheetNotesPatch; actor: Actor },
): Promise<Sheet> {
  const parsed = sheetNotesPatchSchema.safeParse(input.notes);
  if (!parsed.success)
    throw new CaseworkError('invalid_input', 'notes do not match their schema', {
      cause: parsed.error,
    });
  const sheet = await requireSheet(db, input.sheetId);
  if (sheet.content.purged) throw new CaseworkError('invalid_state', 'sheet was purged');
  const patch = Object.fromEntries(Object.entries(parsed.data).filter(([, v]) => v !== undefined));
  const content = { ...sheet.content, notes: { ...sheet.content.notes, ...patch } };
  return inTransaction(db, async function note(trx) {
    const saved = await save(trx, sheet, content, input.actor);
    const target = await ensureCase(trx, {
      childId: sheet.childId,
      runId: sheet.runId,
      actorId: input.actor.id,
    });
    await addCaseEvent(trx, {
      caseId: target.id,
      kind: 'note',
      data: { sheetId: sheet.id, notes: patch },
      actorId: input.actor.id,
    });
    return saved;
  });
}

/**
 * Shares a sheet with a school (default: the child's school or nursery); teachers of that
 * school see it from then on.
 */
export async function shareSheet(
  db: Db,
  input: { sheetId: string; school?: string; actor: Actor },
): Promise<Sheet> {
  const sheet = await requireSheet(db, input.sheetId);
  const school = input.school ?? sheet.content.school;
  if (school === null || school === '')
    throw new CaseworkError('invalid_input', `sheet ${sheet.id} has no school to share with`);
  const at = new Date().toISOString();
  const content = { ...sheet.content, sharedAt: at, sharedBy: input.actor.id };
  return inTransaction(db, async function share(trx) {
    const saved = await saveChildSheet(trx, {
      runId: sheet.runId,
      childId: sheet.childId,
      content,
      sharedSchool: school,
      createdBy: input.actor.id,
    });
    const target = await ensureCase(trx, {
      childId: sheet.childId,
      runId: sheet.runId,
      actorId: input.actor.id,
    });
    await addCaseEvent(trx, {
      caseId: target.id,
      kind: 'share',
      data: { sheetId: sheet.id, school },
      actorId: input.actor.id,
    });
    return toSheet(saved);
  });
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
  const key = await findChildSheetKey(db, sheetId);
  const sheet = key && (await getChildSheet(db, key.runId, key.childId));
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
