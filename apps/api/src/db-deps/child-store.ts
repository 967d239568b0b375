import {
  getDataVersion,
  getPerson,
  getRun,
  listGaiji,
  listOverrides,
  listResults,
  listRuns,
  readAllChildFacts,
  upsertGaiji,
  type Db,
  type JudgementResultRow,
} from '@mimamori/db';
import { z } from 'zod';
import type { ChildStore, GaijiStore, PersonalStore } from '../deps';
import type { ChildDetail, ChildSummary } from '../schemas/children';
import { explainedRuleSchema } from '../schemas/children';

/** Every child with facts and latest levels, rebuilt when the data or the latest run changes. */
interface Snapshot {
  key: string;
  runId: string | null;
  children: ChildDetail[];
  byId: Map<string, ChildDetail>;
  /** Children the engine flagged (staff overrides are applied per request: they change often). */
  flagged: ReadonlySet<string>;
}

const storedRules = z.union([
  z.array(explainedRuleSchema),
  z.object({ rules: z.array(explainedRuleSchema) }),
]);

/** Rules out of a stored explanation, whatever of the two shapes the engine wrote. */
function rulesOf(row: JudgementResultRow) {
  const parsed = storedRules.safeParse(row.explanation);
  if (!parsed.success) return [];
  return Array.isArray(parsed.data) ? parsed.data : parsed.data.rules;
}

async function latestRunId(db: Db): Promise<string | null> {
  const [run] = await listRuns(db, { status: 'completed', limit: 1 });
  return run?.id ?? null;
}

async function buildSnapshot(db: Db, key: string, runId: string | null): Promise<Snapshot> {
  const levels = new Map<string, ChildSummary['levels']>();
  if (runId !== null) {
    for (const row of await listResults(db, runId, { limit: 100_000_000 })) {
      const entry = levels.get(row.childId) ?? {};
      entry[row.type] = { points: row.points, level: row.level };
      levels.set(row.childId, entry);
    }
  }
  const children: ChildDetail[] = [];
  for await (const page of readAllChildFacts(db)) {
    for (const child of page) {
      children.push({
        id: child.id,
        school: child.school,
        grade: child.grade,
        age: child.age,
        sex: child.sex === 1 || child.sex === 2 ? child.sex : null,
        levels: levels.get(child.id) ?? {},
        facts: child.facts,
      });
    }
  }
  return {
    key,
    runId,
    children,
    byId: new Map(children.map((c) => [c.id, c])),
    flagged: new Set(children.filter(hasLevel).map((c) => c.id)),
  };
}

function hasLevel(child: Pick<ChildDetail, 'levels'>): boolean {
  return Object.values(child.levels).some((entry) => entry.level !== null);
}

/**
 * Children flagged after staff overrides, as the family center's work list decides: per type,
 * the latest override wins over the engine's level.
 */
async function flaggedAfterOverrides(db: Db, snapshot: Snapshot): Promise<ReadonlySet<string>> {
  if (snapshot.runId === null) return snapshot.flagged;
  const overrides = await listOverrides(db, { runId: snapshot.runId });
  if (overrides.length === 0) return snapshot.flagged;
  const overridden = new Map<string, Map<string, string | null>>();
  for (const o of overrides) {
    let levels = overridden.get(o.childId);
    if (levels === undefined) {
      const engine = Object.entries(snapshot.byId.get(o.childId)?.levels ?? {});
      levels = new Map(engine.map(([type, entry]) => [type, entry.level]));
      overridden.set(o.childId, levels);
    }
    levels.set(o.type, o.toLevel);
  }
  const flagged = new Set(snapshot.flagged);
  for (const [childId, levels] of overridden) {
    if ([...levels.values()].some((level) => level !== null)) flagged.add(childId);
    else flagged.delete(childId);
  }
  return flagged;
}

function summary(child: ChildDetail): ChildSummary {
  return {
    id: child.id,
    school: child.school,
    grade: child.grade,
    age: child.age,
    sex: child.sex,
    levels: child.levels,
  };
}

/** Pseudonymous children on `@mimamori/db`, filtered and paged in memory over a snapshot. */
export function createChildStore(db: Db): ChildStore {
  let snapshot: Promise<Snapshot> | undefined;
  let snapshotKey = '';
  async function current(): Promise<Snapshot> {
    const [dataVersion, runId] = await Promise.all([getDataVersion(db), latestRunId(db)]);
    const key = `${dataVersion}:${runId ?? ''}`;
    if (snapshot === undefined || snapshotKey !== key) {
      snapshotKey = key;
      snapshot = buildSnapshot(db, key, runId);
      snapshot.catch(() => {
        snapshot = undefined;
      });
    }
    return snapshot;
  }

  return {
    async list(query) {
      const snapshot = await current();
      const flagged =
        query.flaggedOnly === true ? await flaggedAfterOverrides(db, snapshot) : undefined;
      const matches = snapshot.children.filter(function matchesFilter(child) {
        if (flagged !== undefined && !flagged.has(child.id)) return false;
        if (query.school !== undefined && child.school !== query.school) return false;
        if (query.grade !== undefined && child.grade !== query.grade) return false;
        const entries = Object.entries(child.levels).filter(
          ([type]) => query.type === undefined || type === query.type,
        );
        if (query.level !== undefined && !entries.some(([, e]) => e.level === query.level))
          return false;
        if (query.type !== undefined && query.level === undefined) {
          if (!entries.some(([, e]) => e.level !== null)) return false;
        }
        return true;
      });
      return {
        items: matches.slice(query.offset, query.offset + query.limit).map(summary),
        total: matches.length,
      };
    },
    async get(id) {
      return (await current()).byId.get(id);
    },
    async isFlagged(id) {
      return (await flaggedAfterOverrides(db, await current())).has(id);
    },
    async explanation(id, runId) {
      const run = runId ?? (await current()).runId;
      if (run === null) return undefined;
      const rows = await listResults(db, run, { childId: id, limit: 1000 });
      // A child the run scored no points for has nothing to explain (an empty list); only an
      // unknown run is "not found".
      if (rows.length === 0)
        return (await getRun(db, run)) ? { childId: id, runId: run, rules: [] } : undefined;
      // A child flagged for several types keeps one explanation per result row: each rule once.
      const rules = new Map(rows.flatMap(rulesOf).map((rule) => [rule.ruleId, rule] as const));
      return { childId: id, runId: run, rules: [...rules.values()] };
    },
  };
}

/** Personal data on `@mimamori/db` (the route checks the role and audits). */
export function createPersonalStore(db: Db): PersonalStore {
  return {
    async get(childId) {
      const person = await getPerson(db, childId);
      if (person === undefined) return undefined;
      return {
        childId: person.childId,
        name: person.name,
        kana: person.kana,
        birthDate: person.birthDate,
        sex: person.sex,
        residentNumber: person.residentNumber,
        householdNumber: person.householdNumber,
        address: person.address,
        dvSupport: person.dvSupport,
      };
    },
  };
}

/** The 外字 table on `@mimamori/db`. */
export function createGaijiStore(db: Db): GaijiStore {
  async function all() {
    return (await listGaiji(db)).map((e) => ({
      code: e.code,
      standard: e.standard,
      ...(e.note === null ? {} : { note: e.note }),
    }));
  }
  return {
    list: all,
    async put(entries, by) {
      for (const entry of entries) {
        await upsertGaiji(db, {
          code: entry.code,
          standard: entry.standard,
          note: entry.note ?? null,
          updatedBy: by,
        });
      }
      return all();
    },
  };
}
