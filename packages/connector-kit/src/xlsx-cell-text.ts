/** Plain decimal text for a number, never exponent notation (1e21 → '1000000000000000000000'). */
export function formatPlainNumber(n: number): string {
  const text = String(n);
  if (!text.includes('e')) return text;
  return n.toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: 20 });
}

function isoDate(date: Date): string {
  // exceljs builds dates in UTC from the serial number; a timezone shift would move the day.
  return Number.isNaN(date.getTime()) ? '' : date.toISOString().slice(0, 10);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/**
 * Text of an XLSX cell value as exceljs reports it: dates → `YYYY-MM-DD`, numbers → plain
 * decimal, rich text joined, formulas → their cached result, errors → the error text.
 */
export function xlsxCellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return formatPlainNumber(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return isoDate(value);
  if (!isRecord(value)) return '';
  if (Array.isArray(value.richText)) {
    return value.richText
      .map((part: unknown) => (isRecord(part) ? xlsxCellText(part.text) : ''))
      .join('');
  }
  if ('formula' in value || 'sharedFormula' in value) return xlsxCellText(value.result);
  if ('hyperlink' in value) return xlsxCellText(value.text);
  if (typeof value.error === 'string') return value.error;
  return '';
}
