import type { FactValue } from '../api-types';
import type { FactDefinition } from './document';

/**
 * Typed facts from the simulator's raw inputs: empty fields are left out (the child's stored
 * value, or no data, is used); numbers, yes/no and codes are sent in their stored form.
 * @example typedFacts(facts, { 'school.absenceDays': '42' }) // { 'school.absenceDays': 42 }
 */
export function typedFacts(
  facts: readonly FactDefinition[],
  raw: Readonly<Record<string, string | number | null | undefined>>,
): Record<string, FactValue> {
  const out: Record<string, FactValue> = {};
  for (const fact of facts) {
    // Number inputs bind numbers (or null when cleared); every other input binds text.
    const text = String(raw[fact.id] ?? '').trim();
    if (text === '') continue;
    if (fact.type === 'number') {
      const n = Number(text);
      if (Number.isFinite(n)) out[fact.id] = n;
    } else if (fact.type === 'boolean') {
      out[fact.id] = text === 'true';
    } else {
      out[fact.id] = text;
    }
  }
  return out;
}
