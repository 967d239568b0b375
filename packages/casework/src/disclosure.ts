import {
  getChildFacts,
  getPerson,
  getSetting,
  listCases,
  listChildResults,
  listOverrides,
  listSourceRecords,
  type Db,
  type Person,
} from '@mimamori/db';
import { z } from 'zod';
import { CaseworkError } from './casework-error';
import { getCaseHistory, type CaseHistory } from './decisions';
import { encodeTables, type ExportFile, type ExportFormat } from './export-format';
import { auditExport } from './exports';
import { tombstoneKey } from './retention';
import { listSheets, type Actor } from './sheets';

/** Everything held about one child, for a disclosure request (開示請求). */
export interface Disclosure {
  childId: string;
  generatedAt: string;
  person: Record<string, unknown> | null;
  profile: Record<string, unknown>;
  facts: Record<string, unknown>;
  records: Record<string, unknown>[];
  results: Record<string, unknown>[];
  sheets: Record<string, unknown>[];
  cases: CaseHistory[];
  overrides: Record<string, unknown>[];
  tombstone: unknown;
}

/** Header of the disclosure table: section, item (a path), value. */
export const disclosureHeader = ['区分', '項目', '値'] as const;

const sectionLabels: Record<string, string> = {
  person: '個人情報',
  profile: '基本情報',
  facts: '統合された事実',
  records: '取込記録',
  results: '判定結果',
  sheets: 'こども情報管理シート',
  cases: 'ケースと記録',
  overrides: '段階の変更',
  tombstone: '削除の記録',
};

/**
 * The person as disclosed: the address withheld under a DV support measure, as
 * `/children/{id}/personal` does; no matching keys. The document goes to the requester, who may
 * be the person the measure protects against, so it says nothing of the measure itself (no
 * support flag, no "hidden" marker): staff see why in the personal-data view.
 */
function disclosedPerson(person: Person): Record<string, unknown> {
  return {
    childId: person.childId,
    name: person.name,
    kana: person.kana,
    birthDate: person.birthDate,
    sex: person.sex,
    relation: person.relation,
    residentNumber: person.residentNumber,
    householdNumber: person.householdNumber,
    address: person.dvSupport ? null : person.address,
  };
}

/** Keys that say where a child can be found: withheld anywhere under a DV support measure. */
const whereaboutsKeys = new Set(['address', 'school', 'sharedSchool', 'nursery']);

/**
 * A copy with every whereabouts value withheld (null), at any depth: under a DV support measure
 * the school or nursery tells the requester where the child is every day, as the address would.
 */
function withoutWhereabouts<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v: unknown) => withoutWhereabouts(v)) as T;
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    out[key] = whereaboutsKeys.has(key) && v !== null ? null : withoutWhereabouts(v);
  }
  return out as T;
}

/** Gathers everything about a child (`not_found` when the child is unknown). */
export async function collectDisclosure(db: Db, childId: string): Promise<Disclosure> {
  const child = await getChildFacts(db, childId);
  if (!child) throw new CaseworkError('not_found', `child ${childId} not found`);
  const { facts, ...profile } = child;
  const cases: CaseHistory[] = [];
  for (const c of await listCases(db, { childId, limit: 10_000 })) {
    const history = await getCaseHistory(db, c.id);
    if (history) cases.push(history);
  }
  const person = await getPerson(db, childId);
  const disclosure: Disclosure = {
    childId,
    generatedAt: new Date().toISOString(),
    person: person ? disclosedPerson(person) : null,
    profile: { ...profile },
    facts,
    records: (await listSourceRecords(db, { childId, limit: 1_000_000 })).map((r) => ({ ...r })),
    results: (await listChildResults(db, childId)).map((r) => ({ ...r })),
    sheets: (await listSheets(db, { childId })).map((s) => ({ ...s })),
    cases,
    overrides: (await listOverrides(db, { childId })).map((o) => ({ ...o })),
    tombstone: (await getSetting(db, tombstoneKey(childId), z.unknown())) ?? null,
  };
  if (person?.dvSupport !== true) return disclosure;
  // Under a DV support measure nothing says where the child is: not the address (already
  // withheld), nor the school, nursery or the school a sheet was shared with, in any section.
  const { person: disclosed, ...rest } = disclosure;
  return { person: disclosed, ...withoutWhereabouts(rest) };
}

function flatten(value: unknown, path: string, into: string[][], section: string): void {
  if (value === null || value === undefined) {
    into.push([section, path, '']);
  } else if (Array.isArray(value)) {
    if (value.length === 0) into.push([section, path, '']);
    value.forEach((v, i) => flatten(v, `${path}[${i}]`, into, section));
  } else if (typeof value === 'object') {
    const entries = Object.entries(value);
    if (entries.length === 0) into.push([section, path, '']);
    for (const [k, v] of entries) flatten(v, path === '' ? k : `${path}.${k}`, into, section);
  } else if (typeof value === 'string') {
    into.push([section, path, value]);
  } else if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
    into.push([section, path, value.toString()]);
  }
}

/** The disclosure as rows of {@link disclosureHeader} (every leaf value with its path). */
export function disclosureRows(disclosure: Disclosure): string[][] {
  const rows: string[][] = [];
  for (const [key, value] of Object.entries(disclosure)) {
    if (key === 'childId' || key === 'generatedAt') continue;
    flatten(value, '', rows, sectionLabels[key] ?? key);
  }
  return [
    ['基本情報', '仮名ID', disclosure.childId],
    ['基本情報', '作成日時', disclosure.generatedAt],
    ...rows,
  ];
}

/**
 * Everything held about one child as JSON plus one CSV or XLSX file; audited as
 * `export.disclosure` (the audit entry names the child id only).
 * @example const { json, file } = await exportDisclosure(db, { childId, format: 'xlsx', actor });
 */
export async function exportDisclosure(
  db: Db,
  input: { childId: string; format: ExportFormat; actor: Actor },
): Promise<{ json: Disclosure; file: ExportFile }> {
  const json = await collectDisclosure(db, input.childId);
  const rows = [[...disclosureHeader], ...disclosureRows(json)];
  const file = await encodeTables([{ name: '開示', rows }], {
    format: input.format,
    baseName: `disclosure-${input.childId}`,
  });
  await auditExport(
    db,
    input.actor,
    'export.disclosure',
    { type: 'child', id: input.childId },
    file,
    {
      format: input.format,
    },
  );
  return { json, file };
}
