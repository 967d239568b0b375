/** The JSON view: text ↔ document, with a readable error for text that is not a document. */
import type { RuleSetDocument } from './document';

export type ParseResult =
  | { ok: true; document: RuleSetDocument }
  | { ok: false; message: string; line: number | null; column: number | null };

export function toJson(document: RuleSetDocument): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}

/** Line and column (1-based) of a character offset in `text`. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return { line, column };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Parses the JSON view. Checks only the shape the builder needs to render (arrays where it
 * iterates, a group at each rule's root); the engine's validator owns every other rule.
 */
export function parseDocument(text: string): ParseResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    const message = cause instanceof Error ? cause.message : String(cause);
    const position = /position (\d+)/.exec(message);
    const where = position?.[1] ? lineColumn(text, Number(position[1])) : null;
    return { ok: false, message, line: where?.line ?? null, column: where?.column ?? null };
  }
  const fail = (message: string): ParseResult => ({ ok: false, message, line: null, column: null });
  if (!isObject(value)) return fail('document must be an object');
  for (const key of ['facts', 'types', 'rules'] as const) {
    if (!Array.isArray(value[key])) return fail(`"${key}" must be an array`);
  }
  if (value['conditions'] !== undefined && !isObject(value['conditions']))
    return fail('"conditions" must be an object');
  const rules = value['rules'] as unknown[];
  for (const [i, rule] of rules.entries()) {
    if (!isObject(rule)) return fail(`rules[${i}] must be an object`);
    const c = rule['conditions'];
    if (!isObject(c) || !('all' in c || 'any' in c || 'not' in c || 'condition' in c))
      return fail(`rules[${i}].conditions must be an all/any/not group`);
    if (!isObject(rule['event']) || !isObject(rule['event']['params']))
      return fail(`rules[${i}].event.params must be an object`);
  }
  for (const [i, type] of (value['types'] as unknown[]).entries()) {
    if (!isObject(type) || !Array.isArray(type['levels']))
      return fail(`types[${i}].levels must be an array`);
  }
  if (value['conditions'] === undefined) value['conditions'] = {};
  return { ok: true, document: value as RuleSetDocument };
}
