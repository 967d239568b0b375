import { appendAudit, getRun, type Db } from '@mimamori/db';
import { CaseworkError } from './casework-error';
import {
  encodeTables,
  label,
  labels,
  type ExportFile,
  type ExportFormat,
  type Table,
} from './export-format';
import { listFlaggedChildren } from './flagged';
import { listSheets, listSheetsForSchool, type Actor, type Sheet } from './sheets';

/** Header of the sheets export (こども情報管理シート一覧). */
export const sheetHeader = [
  '仮名ID',
  '判定基準日',
  '学校・園',
  '学年',
  '困難の種類と点数',
  '学校以外のデータによる点数',
  '校内順位',
  '該当項目',
  'データの出所',
  '教育委員会',
  '校長',
  '養護教諭',
  'スクールソーシャルワーカー',
  'まとめ',
  '会議日',
  '共有先',
  '共有日時',
] as const;

/** Header of the flagged-children list (対象児童一覧). */
export const flaggedHeader = [
  '仮名ID',
  '学校・園',
  '学年',
  '困難の種類',
  '点数',
  '判定の段階',
  '確定した段階',
  '学校以外のデータによる点数',
  '校内順位',
  '学年内順位',
  'シート',
  'ケースの状況',
] as const;

const join = (parts: readonly string[]) => parts.filter((p) => p !== '').join('、');
const numText = (n: number | null) => (n === null ? '' : String(n));

/** One sheet as one row of {@link sheetHeader}. */
export function sheetRow(sheet: Sheet): string[] {
  const c = sheet.content;
  const sources = new Set(
    c.items.flatMap((i) => i.sources.map((s) => label(labels.source, s.source))),
  );
  return [
    sheet.childId,
    c.asOf,
    c.school ?? '',
    numText(c.grade),
    join(
      c.scores.map(
        (s) =>
          `${s.typeLabel} ${s.points}点${s.level ? `（${label(labels.level, s.level)}）` : ''}`,
      ),
    ),
    join(c.scores.map((s) => `${s.typeLabel} ${s.outsideSchoolPoints}点`)),
    join(c.scores.map((s) => (s.rankSchool === null ? '' : `${s.typeLabel} ${s.rankSchool}位`))),
    join(c.items.map((i) => `${i.text}（${i.points}点）`)),
    join([...sources]),
    c.notes.educationBoard,
    c.notes.principal,
    c.notes.schoolNurse,
    c.notes.schoolSocialWorker,
    c.notes.summary,
    c.notes.meetingDate ?? '',
    sheet.sharedSchool ?? '',
    c.sharedAt ?? '',
  ];
}

/** Writes the audit entry of an export (`export.*`): who, what, how many rows, never contents. */
export async function auditExport(
  db: Db,
  actor: Actor,
  action: string,
  target: { type: string; id: string | null },
  file: ExportFile,
  details: Record<string, unknown>,
): Promise<ExportFile> {
  await appendAudit(db, {
    actorId: actor.id,
    actorRole: actor.role ?? null,
    action,
    targetType: target.type,
    targetId: target.id,
    ip: actor.ip ?? null,
    details: { ...details, rows: file.rows, fileName: file.fileName },
  });
  return file;
}

/**
 * Exports sheets (a run's, or those shared with one school) as CSV or XLSX; audited as
 * `export.sheets`.
 * @example const file = await exportSheets(db, { runId, format: 'csv-cp932', actor });
 */
export async function exportSheets(
  db: Db,
  input: { runId?: string; school?: string; format: ExportFormat; actor: Actor },
): Promise<ExportFile> {
  let sheets =
    input.school === undefined ? await listSheets(db) : await listSheetsForSchool(db, input.school);
  if (input.runId !== undefined) sheets = sheets.filter((s) => s.runId === input.runId);
  sheets.sort((a, b) => a.childId.localeCompare(b.childId));
  const rows: Table = [[...sheetHeader], ...sheets.map(sheetRow)];
  const file = await encodeTables([{ name: 'こども情報管理シート', rows }], {
    format: input.format,
    baseName: `child-info-sheets-${input.runId ?? 'all'}`,
  });
  return auditExport(
    db,
    input.actor,
    'export.sheets',
    { type: 'run', id: input.runId ?? null },
    file,
    {
      school: input.school ?? null,
      format: input.format,
    },
  );
}

/** The rows of a run's flagged-children list (after overrides), one per child and type. */
export async function flaggedRows(db: Db, runId: string, school?: string): Promise<string[][]> {
  const list = await listFlaggedChildren(db, runId, school === undefined ? {} : { school });
  return list.flatMap((c) =>
    c.types.map((t) => [
      c.childId,
      c.school ?? '',
      numText(c.grade),
      t.type,
      String(t.points),
      label(labels.level, t.level),
      label(labels.level, t.effectiveLevel),
      String(t.outsideSchoolPoints),
      numText(t.rankSchool),
      numText(t.rankGrade),
      c.sheetId === null ? 'なし' : 'あり',
      label(labels.status, c.caseStatus),
    ]),
  );
}

/**
 * Exports a run's flagged children (optionally one school's) as CSV or XLSX; audited as
 * `export.flagged`.
 */
export async function exportFlaggedList(
  db: Db,
  input: { runId: string; school?: string; format: ExportFormat; actor: Actor },
): Promise<ExportFile> {
  if (!(await getRun(db, input.runId)))
    throw new CaseworkError('not_found', `run ${input.runId} not found`);
  const rows: Table = [[...flaggedHeader], ...(await flaggedRows(db, input.runId, input.school))];
  const file = await encodeTables([{ name: '対象児童一覧', rows }], {
    format: input.format,
    baseName: `flagged-children-${input.runId}`,
  });
  return auditExport(db, input.actor, 'export.flagged', { type: 'run', id: input.runId }, file, {
    school: input.school ?? null,
    format: input.format,
  });
}
