import type { ChildContextColumns } from './preview-snapshot';

/** Children grouped along one dimension: `index[child]` points into `labels`. */
export interface GroupIndex {
  readonly labels: readonly string[];
  readonly index: Int32Array;
}

/** The dimensions of the disparity view. */
export interface DisparityGroups {
  readonly bySchool: GroupIndex;
  readonly byGrade: GroupIndex;
  readonly bySex: GroupIndex;
  readonly byAge: GroupIndex;
}

const noValue = '—';
const sexLabels: Record<number, string> = { 1: '男', 2: '女' };

function groupBy(
  count: number,
  keyOf: (child: number) => string | number | null,
  numeric: boolean,
): GroupIndex {
  const raw = Array.from({ length: count }, (_, c) => keyOf(c));
  const distinct = [...new Set(raw)].sort(function order(a, b) {
    if (a === null) return 1;
    if (b === null) return -1;
    return numeric ? Number(a) - Number(b) : String(a).localeCompare(String(b));
  });
  const position = new Map(distinct.map((key, i) => [key, i] as const));
  const index = Int32Array.from(raw, (key) => position.get(key) ?? 0);
  return { labels: distinct.map((key) => (key === null ? noValue : String(key))), index };
}

/** Groups children by school, grade, sex and age once per snapshot (the disparity view). */
export function disparityGroups(children: ChildContextColumns): DisparityGroups {
  const count = children.ids.length;
  return {
    bySchool: groupBy(count, (c) => children.school[c] ?? null, false),
    byGrade: groupBy(count, (c) => children.grade[c] ?? null, true),
    bySex: groupBy(count, (c) => sexLabels[children.sex[c] as number] ?? null, false),
    byAge: groupBy(count, (c) => children.age[c] as number, true),
  };
}
