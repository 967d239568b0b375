/** A merged range of a sheet, 1-based and inclusive. */
export interface MergeRange {
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
}

const MAX_COLUMN = 16_384;

/** A sheet row as `applyMerges` needs it: its number and cell texts. */
export interface MergeableRow {
  readonly line: number;
  readonly cells: string[];
}

function columnOf(ref: string): number {
  let column = 0;
  for (let i = 0; i < ref.length; i++) {
    const code = ref.charCodeAt(i) | 0x20; // lower-case
    if (code < 0x61 || code > 0x7a) break;
    column = column * 26 + (code - 0x60);
  }
  return column;
}

function rowOf(ref: string): number {
  const digits = /\d+$/.exec(ref)?.[0];
  return digits === undefined ? 0 : Number(digits);
}

/** Parses a `mergeCell` reference (`B2:D3`, or a single cell); undefined when it is not one. */
export function parseMergeRange(ref: string): MergeRange | undefined {
  const [from = '', to = from] = ref.split(':');
  const range = { top: rowOf(from), left: columnOf(from), bottom: rowOf(to), right: columnOf(to) };
  const rows = range.top > 0 && range.bottom >= range.top;
  const columns = range.left > 0 && range.right >= range.left && range.right <= MAX_COLUMN;
  return rows && columns ? range : undefined;
}

/**
 * Clips merged ranges to the sheet's used range. Rows stop at `lastLine`, the last row the sheet
 * XML lists, so a merge over a whole column adds no rows. A merge that reaches the last column
 * (XFD) spans whole rows (`A2:XFD200000`): it stops at the used range's right edge, the rightmost
 * cell listed (`lastColumn`) or bounded merge, instead of filling 16,384 columns on every row.
 * Other merges keep their columns: the cells they cover are shown even when not listed.
 */
export function clipMerges(
  merges: readonly MergeRange[],
  lastLine: number,
  lastColumn: number,
): MergeRange[] {
  let usedColumns = lastColumn;
  for (const merge of merges) {
    if (merge.right < MAX_COLUMN && merge.right > usedColumns) usedColumns = merge.right;
  }
  const clipped: MergeRange[] = [];
  for (const merge of merges) {
    if (merge.top > lastLine || merge.left > usedColumns) continue;
    const bottom = Math.min(merge.bottom, lastLine);
    const right = Math.min(merge.right, usedColumns);
    clipped.push({ top: merge.top, left: merge.left, bottom, right });
  }
  return clipped;
}

/** Cells the ranges cover: a bound on the cells `applyMerges` writes (the ranges may overlap). */
export function mergedCellCount(merges: readonly MergeRange[]): number {
  let cells = 0;
  for (const merge of merges) {
    cells += (merge.bottom - merge.top + 1) * (merge.right - merge.left + 1);
  }
  return cells;
}

/**
 * Gives every cell of each merged range its top-left cell's text, as Excel displays it (and as
 * exceljs reads it). The ranges are clipped first (`clipMerges`), so a merge over a whole column
 * adds no rows. Returns the rows sorted, without rows left empty.
 */
export function applyMerges(
  rows: readonly MergeableRow[],
  merges: readonly MergeRange[],
): MergeableRow[] {
  const byLine = new Map(rows.map((row) => [row.line, row]));
  const touched = new Set<MergeableRow>();
  for (const merge of merges) {
    const master = byLine.get(merge.top)?.cells[merge.left - 1] ?? '';
    for (let line = merge.top; line <= merge.bottom; line++) {
      let row = byLine.get(line);
      if (!row) {
        if (master === '') continue;
        row = { line, cells: [] };
        byLine.set(line, row);
      }
      for (let column = merge.left; column <= merge.right; column++) {
        while (row.cells.length < column) row.cells.push('');
        row.cells[column - 1] = master;
      }
      touched.add(row);
    }
  }
  for (const row of touched) {
    let last = row.cells.length;
    while (last > 0 && row.cells[last - 1] === '') last--;
    row.cells.length = last;
  }
  return [...byLine.values()].filter((row) => row.cells.length > 0).sort((a, b) => a.line - b.line);
}
