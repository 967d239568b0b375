/** Fact ids a json-rules-engine condition tree reads, following named-condition references. */
export function factsInConditions(
  condition: unknown,
  named: Readonly<Record<string, unknown>> = {},
  seen: Set<string> = new Set(),
): Set<string> {
  const facts = new Set<string>();
  const visit = (node: unknown): void => {
    if (typeof node !== 'object' || node === null) return;
    if (Array.isArray(node)) {
      node.forEach(visit);
      return;
    }
    const record = node as Record<string, unknown>;
    if (typeof record['fact'] === 'string') facts.add(record['fact']);
    const value = record['value'];
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      const other = (value as Record<string, unknown>)['fact'];
      if (typeof other === 'string') facts.add(other);
    }
    for (const key of ['all', 'any', 'not'] as const) visit(record[key]);
    const reference = record['condition'];
    if (typeof reference === 'string' && !seen.has(reference)) {
      seen.add(reference);
      visit(named[reference]);
    }
  };
  visit(condition);
  return facts;
}
