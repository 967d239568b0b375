import {
  addCaseEvent,
  countCasesByStatus,
  createOverride,
  decideCase,
  getCase,
  getChildFacts,
  getRun,
  listCaseEvents,
  listCases,
  listChildSheets,
  listOverrides,
  listResults,
  listRuns,
  openCase,
  saveChildSheet,
  caseStatuses,
  type CaseStatus,
  type ChildSheet,
  type Db,
} from '@mimamori/db';
import type { CaseStore } from '../deps';
import type { SheetRecord } from '../schemas/cases';

/** API decision → stored case status. */
const statusOf = {
  watch: 'watch',
  preventive_support: 'preventive_support',
  case_meeting: 'case_meeting',
  refer: 'referred',
  close: 'closed',
} as const satisfies Record<string, CaseStatus>;

function toSheet(sheet: ChildSheet): SheetRecord {
  return {
    id: sheet.id,
    runId: sheet.runId,
    childId: sheet.childId,
    content: sheet.content,
    sharedSchool: sheet.sharedSchool,
    updatedAt: sheet.updatedAt,
  };
}

/** True when both the child and (if given) the run exist: foreign keys never reach the driver. */
async function known(db: Db, childId: string, runId: string | undefined | null): Promise<boolean> {
  if ((await getChildFacts(db, childId)) === undefined) return false;
  return runId === undefined || runId === null || (await getRun(db, runId)) !== undefined;
}

/** Cases, sheets, observations, overrides and KPIs on `@mimamori/db`. */
export function createCaseStore(db: Db): CaseStore {
  async function sheetById(id: string) {
    return (await listChildSheets(db)).find((s) => s.id === id);
  }
  return {
    async list(query) {
      const status = (caseStatuses as readonly string[]).includes(query.status ?? '')
        ? (query.status as CaseStatus)
        : undefined;
      if (query.status !== undefined && status === undefined) return [];
      return listCases(db, {
        ...(status === undefined ? {} : { status }),
        ...(query.childId === undefined ? {} : { childId: query.childId }),
        limit: 500,
      });
    },
    get: (id) => getCase(db, id),
    async create(input, by) {
      if (!(await known(db, input.childId, input.runId))) return undefined;
      return openCase(db, { childId: input.childId, runId: input.runId ?? null, actorId: by });
    },
    async events(caseId) {
      if ((await getCase(db, caseId)) === undefined) return undefined;
      return listCaseEvents(db, caseId);
    },
    async decide(caseId, input, by) {
      if ((await getCase(db, caseId)) === undefined) return undefined;
      const { decision, ...data } = input;
      await decideCase(db, {
        caseId,
        status: statusOf[decision],
        actorId: by,
        data: { decision, ...data },
      });
      return (await listCaseEvents(db, caseId)).at(-1);
    },
    async sheets(query) {
      const sheets = await listChildSheets(db, {
        ...(query.school === undefined ? {} : { sharedSchool: query.school }),
        ...(query.childId === undefined ? {} : { childId: query.childId }),
      });
      return sheets.map(toSheet);
    },
    async sheet(id) {
      const sheet = await sheetById(id);
      return sheet && toSheet(sheet);
    },
    async createSheet(input, by) {
      if (!(await known(db, input.childId, input.runId))) return undefined;
      return toSheet(await saveChildSheet(db, { ...input, createdBy: by }));
    },
    async updateSheet(id, patch, by) {
      const sheet = await sheetById(id);
      if (sheet === undefined) return undefined;
      const shared = patch.sharedSchool === undefined ? sheet.sharedSchool : patch.sharedSchool;
      return toSheet(
        await saveChildSheet(db, {
          runId: sheet.runId,
          childId: sheet.childId,
          content: patch.content,
          sharedSchool: shared,
          createdBy: by,
        }),
      );
    },
    async observe(sheetId, input, by) {
      const sheet = await sheetById(sheetId);
      if (sheet === undefined) return undefined;
      const [open] = await listCases(db, { childId: sheet.childId, limit: 1 });
      const target =
        open ?? (await openCase(db, { childId: sheet.childId, runId: sheet.runId, actorId: by }));
      return addCaseEvent(db, {
        caseId: target.id,
        kind: 'observation',
        data: { sheetId, ...input },
        actorId: by,
      });
    },
    async overrides(query) {
      return listOverrides(db, query.runId === undefined ? {} : { runId: query.runId });
    },
    async createOverride(input, by) {
      if (!(await known(db, input.childId, input.runId))) return undefined;
      const [current] = await listResults(db, input.runId, {
        childId: input.childId,
        type: input.type,
        limit: 1,
      });
      return createOverride(db, {
        ...input,
        fromLevel: current?.level ?? null,
        note: input.note ?? null,
        createdBy: by,
      });
    },
    async kpis() {
      const [run] = await listRuns(db, { status: 'completed', limit: 1 });
      const cases = await countCasesByStatus(db);
      let judged = 0;
      let flagged = 0;
      if (run !== undefined) {
        const rows = await listResults(db, run.id, { limit: 100_000_000 });
        judged = new Set(rows.map((r) => r.childId)).size;
        flagged = new Set(rows.filter((r) => r.level !== null).map((r) => r.childId)).size;
      }
      const all = await listCases(db, { limit: 100_000 });
      let contacts = 0;
      for (const c of all)
        contacts += (await listCaseEvents(db, c.id)).filter((e) => e.kind === 'observation').length;
      return {
        runId: run?.id ?? null,
        judged,
        flagged,
        watched: cases.watch,
        support: cases.preventive_support + cases.case_meeting + cases.referred,
        contacts,
      };
    },
  };
}
