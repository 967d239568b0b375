import type { PlanNode, Test } from './plan';

interface Group {
  readonly tests: readonly Test[];
  /** No member can throw, so members may be skipped once the group's outcome is known. */
  readonly safe: boolean;
}

function groupsOf(buckets: readonly (readonly PlanNode[])[]): Group[] {
  return buckets.map((nodes) => ({
    tests: nodes.map((n) => n.test),
    safe: !nodes.some((n) => n.mayThrow),
  }));
}

function every(group: Group, values: Parameters<Test>[0]): boolean {
  const { tests } = group;
  let ok = true;
  for (let i = 0; i < tests.length; i += 1) {
    if (!(tests[i] as Test)(values)) {
      if (group.safe) return false;
      ok = false;
    }
  }
  return ok;
}

function some(group: Group, values: Parameters<Test>[0]): boolean {
  const { tests } = group;
  let hit = false;
  for (let i = 0; i < tests.length; i += 1) {
    if ((tests[i] as Test)(values)) {
      if (group.safe) return true;
      hit = true;
    }
  }
  return hit;
}

/**
 * `all` with json-rules-engine's evaluation shape: priority groups run in order and stop once the
 * outcome is known; inside a group every condition runs (json-rules-engine uses Promise.all).
 */
export function createAllTest(
  children: readonly PlanNode[],
  buckets: readonly (readonly PlanNode[])[],
): Test {
  if (children.length === 0) return () => true;
  if (children.length === 1) return (children[0] as PlanNode).test;
  const groups = groupsOf(buckets);
  if (groups.length === 1 && (groups[0] as Group).safe) {
    const [a, b, c] = (groups[0] as Group).tests as [Test, Test, Test | undefined];
    if (children.length === 2) return (values) => a(values) && b(values);
    if (children.length === 3 && c) return (values) => a(values) && b(values) && c(values);
  }
  return function all(values) {
    for (const group of groups) if (!every(group, values)) return false;
    return true;
  };
}

/** `any`: like {@link createAllTest}; an empty `any` is true in json-rules-engine 7.3. */
export function createAnyTest(
  children: readonly PlanNode[],
  buckets: readonly (readonly PlanNode[])[],
): Test {
  if (children.length === 0) return () => true;
  if (children.length === 1) return (children[0] as PlanNode).test;
  const groups = groupsOf(buckets);
  if (groups.length === 1 && (groups[0] as Group).safe) {
    const [a, b, c] = (groups[0] as Group).tests as [Test, Test, Test | undefined];
    if (children.length === 2) return (values) => a(values) || b(values);
    if (children.length === 3 && c) return (values) => a(values) || b(values) || c(values);
  }
  return function any(values) {
    for (const group of groups) if (some(group, values)) return true;
    return false;
  };
}
