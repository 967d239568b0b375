import { encodeCsv, writeXlsx } from '@mimamori/connector-kit';
import { CaseworkError } from './casework-error';

/** How an export is written: CP932 CSV (Excel on Windows), UTF-8 CSV with BOM, or XLSX. */
export const exportFormats = ['csv-cp932', 'csv-utf8-bom', 'xlsx'] as const;
/** One of {@link exportFormats}. */
export type ExportFormat = (typeof exportFormats)[number];

/** An export ready to download. */
export interface ExportFile {
  fileName: string;
  contentType: string;
  bytes: Uint8Array;
  rows: number;
}

/** A table: Japanese header row first, then data rows. */
export type Table = readonly (readonly string[])[];

/**
 * Encodes tables as one file: CSV takes the first table, XLSX writes one sheet per table.
 * @example await encodeTables([{ name: 'シート', rows }], { format: 'xlsx', baseName: 'sheets' });
 */
export async function encodeTables(
  tables: readonly { name: string; rows: Table }[],
  options: { format: ExportFormat; baseName: string },
): Promise<ExportFile> {
  const first = tables[0];
  const rows = Math.max(0, (first?.rows.length ?? 1) - 1);
  if (options.format === 'xlsx') {
    return {
      fileName: `${options.baseName}.xlsx`,
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      bytes: await writeXlsx(tables.map((t) => ({ name: t.name, rows: t.rows }))),
      rows,
    };
  }
  const cp932 = options.format === 'csv-cp932';
  try {
    return {
      fileName: `${options.baseName}.csv`,
      contentType: `text/csv; charset=${cp932 ? 'Shift_JIS' : 'utf-8'}`,
      bytes: encodeCsv(first?.rows ?? [], {
        encoding: cp932 ? 'cp932' : 'utf-8-bom',
        textOnly: true,
      }),
      rows,
    };
  } catch (error) {
    throw new CaseworkError('not_encodable', 'a character has no CP932 form; use UTF-8 or XLSX', {
      cause: error,
    });
  }
}

/** Japanese labels of levels, sources and statuses used in exports. */
export const labels = {
  level: { watch: '見守り', support: '予防的支援', priority: '重点支援' } as Record<string, string>,
  source: {
    roster: '住民基本台帳',
    nursery: '保育',
    school: '学校',
    welfare: '福祉',
    health: '保健',
    other: 'その他',
  } as Record<string, string>,
  status: {
    watch: '見守り継続',
    preventive_support: '予防的支援',
    case_meeting: 'ケース会議',
    referred: '関係機関へ接続',
    closed: '終結',
  } as Record<string, string>,
};

/** A label from one of {@link labels}' maps, or the code itself. */
export function label(map: Record<string, string>, code: string | null): string {
  if (code === null) return '';
  return map[code] ?? code;
}
