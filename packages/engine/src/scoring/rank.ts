/**
 * Competition ranking ("1224") of `points` within each group: rank 1 = highest points; equal
 * points share a rank. Members with an undefined group get null.
 */
export function rankWithinGroups(
  points: ArrayLike<number>,
  groupOf: (i: number) => string | undefined,
): (number | null)[] {
  const groups = new Map<string, number[]>();
  for (let i = 0; i < points.length; i += 1) {
    const key = groupOf(i);
    if (key === undefined) continue;
    const members = groups.get(key);
    if (members) members.push(i);
    else groups.set(key, [i]);
  }
  const ranks: (number | null)[] = new Array<number | null>(points.length).fill(null);
  for (const members of groups.values()) {
    members.sort((a, b) => (points[b] as number) - (points[a] as number));
    members.forEach((member, position) => {
      const prev = members[position - 1];
      ranks[member] =
        prev !== undefined && points[prev] === points[member]
          ? (ranks[prev] as number)
          : position + 1;
    });
  }
  return ranks;
}
