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
    // Sex as its code (1, 2); the preview puts it in words in the language asked for.
    bySex: groupBy(
      count,
      (c) => (children.sex[c] === 1 || children.sex[c] === 2 ? children.sex[c] : null),
      true,
    ),
    byAge: groupBy(count, (c) => children.age[c] as number, true),
  };
}
