import { resolve } from 'node:path';
import { encodeCsv, type Connector } from '@mimamori/connector-kit';
import type { Db } from '@mimamori/db';
import { createPseudonymizer } from '@mimamori/identity';
import { discoverConnectors } from './connector-registry';
import type { PipelineContext } from './context';
import { importFile, type ImportOptions, type ImportOutcome } from './import-file';

/**
 * Test helpers for linkage tests: small synthetic roster and school files (made-up names)
 * imported through the real connectors. Not exported from the package entry.
 */
const rosterHeader = ['宛名番号', '世帯番号', '氏名', '氏名フリガナ', '生年月日', '性別', '続柄', '住所', '支援措置', '世帯人員', 'ひとり親世帯', '異動回数（過去3年）']; // prettier-ignore
const schoolHeader = ['学校コード', '学年', '氏名', 'フリガナ', '生年月日', '性別', '欠席日数', 'うち病気以外の欠席日数', '遅刻回数', '早退回数', '保健室来室回数', '就学援助', '健診後未受診件数', 'いじめアンケート被害', '学校生活アンケート得点', '学力テスト得点', '学力テスト前回比', '担任所見件数']; // prettier-ignore

/** One child as the test files spell it. */
export interface TestChild {
  residentNumber: string;
  name: string;
  kana: string;
  /** 和暦, as the files carry it. */
  birth: string;
  sex: 1 | 2;
}

let connectors: Promise<Map<string, Connector>> | undefined;

/** A pipeline context over a test database (fixed test-only pseudonym key). */
export function linkageTestContext(db: Db): PipelineContext {
  return {
    db,
    pseudonymize: createPseudonymizer('test-only-pseudonym-key-0123456789abcdef'),
    asOf: '2026-04-01',
    ageRange: [3, 15],
    actor: { id: null, role: 'test' },
  };
}

async function importRows(
  ctx: PipelineContext,
  connector: string,
  rows: string[][],
  file: string,
  onProgress?: ImportOptions['onProgress'],
): Promise<ImportOutcome & { ok: true }> {
  connectors ??= discoverConnectors(resolve(import.meta.dirname, '../../..'));
  const found = (await connectors).get(connector);
  if (found === undefined) throw new Error(`no ${connector} connector`);
  const bytes = encodeCsv(rows, { encoding: 'cp932', newline: '\r\n' });
  const outcome = await importFile(ctx, {
    connector: found,
    file,
    bytes,
    ...(onProgress === undefined ? {} : { onProgress }),
  });
  if (!outcome.ok) throw new Error(`${file}: ${outcome.issues.map((i) => i.code).join(', ')}`);
  return outcome;
}

/** Imports a roster of `children` (one household each); `address` varies the file's content. */
export function importRoster(
  ctx: PipelineContext,
  children: readonly TestChild[],
  address = '見守村1',
): Promise<ImportOutcome & { ok: true }> {
  const rows = children.map((c, i) => {
    const household = String(i + 1).padStart(10, '0');
    return [c.residentNumber, household, c.name, c.kana, c.birth, String(c.sex), '子', address, '', '3', '', '0']; // prettier-ignore
  });
  return importRows(ctx, 'roster', [rosterHeader, ...rows], `juki-${address}.csv`);
}

/** Imports a school file: one record per child, with its absence days. */
export function importSchool(
  ctx: PipelineContext,
  records: readonly (Omit<TestChild, 'residentNumber'> & { absenceDays: number })[],
  file = 'school.csv',
  onProgress?: ImportOptions['onProgress'],
): Promise<ImportOutcome & { ok: true }> {
  const rows = records.map((r) => {
    const absent = String(r.absenceDays);
    return ['J01', '8', r.name, r.kana, r.birth, String(r.sex), absent, '0', '0', '0', '0', '', '0', '無', '50', '50', '0', '0']; // prettier-ignore
  });
  return importRows(ctx, 'school', [schoolHeader, ...rows], file, onProgress);
}

/** A promise and the function that settles it. */
export function gate(): { wait: Promise<void>; open: () => void } {
  let open = (): void => undefined;
  const wait = new Promise<void>((resolve) => (open = resolve));
  return { wait, open };
}

/** Resolves after `ms` milliseconds. */
export function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
