/** Summaries of the sample preview: which columns it shows and how its rows linked. */
import type { PreviewRow } from './mapping';

export type LinkageSummary = {
  total: number;
  /** Linked rows by method (e.g. `residentNumber`, `nameBirthDate`), most first. */
  linked: { method: string; count: number }[];
  linkedTotal: number;
  ambiguous: number;
  unmatched: number;
};

/**
 * Counts the sample's linkage outcomes. A linked row without a method counts under `''`;
 * an unreadable row (no linkage) or an unknown status counts as unmatched (never as linked).
 * @example linkageSummary(rows).linkedTotal
 */
export function linkageSummary(rows: readonly PreviewRow[]): LinkageSummary {
  const byMethod = new Map<string, number>();
  let ambiguous = 0;
  let unmatched = 0;
  for (const row of rows) {
    const status = row.linkage?.status;
    const method = row.linkage?.method;
    if (status === 'linked') byMethod.set(method ?? '', (byMethod.get(method ?? '') ?? 0) + 1);
    else if (status === 'ambiguous') ambiguous++;
    else unmatched++;
  }
  const linked = [...byMethod]
    .map(([method, count]) => ({ method, count }))
    .sort((a, b) => b.count - a.count || a.method.localeCompare(b.method));
  const linkedTotal = linked.reduce((sum, m) => sum + m.count, 0);
  return { total: rows.length, linked, linkedTotal, ambiguous, unmatched };
}

/** Fact ids, context fields and personal field names over all rows, in first-seen order. */
export function previewColumns(rows: readonly PreviewRow[]): {
  facts: string[];
  context: string[];
  personal: string[];
} {
  const facts = new Set<string>();
  const context = new Set<string>();
  const personal = new Set<string>();
  for (const row of rows) {
    for (const id of Object.keys(row.facts)) facts.add(id);
    for (const field of Object.keys(row.context ?? {})) context.add(field);
    for (const field of row.personalFields) personal.add(field);
  }
  return { facts: [...facts], context: [...context], personal: [...personal] };
}

/** A stored fact value as text (dates and codes are already strings; absent is empty). */
export function factText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'boolean') return value ? '○' : '×';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  return JSON.stringify(value) ?? '';
}
