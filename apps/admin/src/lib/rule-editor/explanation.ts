/** The explanation template: `{{fact:<id>}}` placeholders filled with a child's fact values. */
import type { FactDefinition } from './document';

const placeholder = /\{\{\s*fact:([a-zA-Z0-9_.]+)\s*\}\}/g;

export type RenderPart =
  { kind: 'text'; text: string } | { kind: 'fact'; factId: string; text: string; missing: boolean };

/** Fact ids the template refers to, in order, without repeats. */
export function templateFacts(template: string): string[] {
  return [...new Set([...template.matchAll(placeholder)].map((m) => m[1] ?? ''))];
}

function formatValue(value: unknown, fact: FactDefinition | undefined, lang: 'ja' | 'en'): string {
  if (typeof value === 'boolean')
    return lang === 'ja' ? (value ? 'はい' : 'いいえ') : value ? 'yes' : 'no';
  const text = Array.isArray(value) ? value.join('、') : String(value);
  return fact?.unit ? `${text}${fact.unit}` : text;
}

/**
 * Splits a template into text and filled-in fact parts (so the UI can highlight facts).
 * A fact with no sample value renders as `〈label〉` and is marked missing.
 */
export function renderTemplate(
  template: string,
  values: Record<string, unknown>,
  facts: readonly FactDefinition[],
  lang: 'ja' | 'en' = 'ja',
): RenderPart[] {
  const parts: RenderPart[] = [];
  let last = 0;
  for (const match of template.matchAll(placeholder)) {
    const start = match.index;
    if (start > last) parts.push({ kind: 'text', text: template.slice(last, start) });
    const factId = match[1] ?? '';
    const fact = facts.find((f) => f.id === factId);
    const value = values[factId];
    const missing = value === undefined || value === null || value === '';
    const label = fact ? (lang === 'en' ? fact.label.en : fact.label.ja) : factId;
    parts.push({
      kind: 'fact',
      factId,
      text: missing ? `〈${label}〉` : formatValue(value, fact, lang),
      missing,
    });
    last = start + match[0].length;
  }
  if (last < template.length) parts.push({ kind: 'text', text: template.slice(last) });
  return parts;
}

/** The template rendered as plain text. */
export function renderText(
  template: string,
  values: Record<string, unknown>,
  facts: readonly FactDefinition[],
  lang: 'ja' | 'en' = 'ja',
): string {
  return renderTemplate(template, values, facts, lang)
    .map((p) => p.text)
    .join('');
}

/** A plausible sample value for a fact (for the live rendering before a child is chosen). */
export function sampleValue(fact: FactDefinition): string | number | boolean {
  switch (fact.type) {
    case 'number':
      return 3;
    case 'boolean':
      return true;
    case 'code':
      return fact.allowedValues?.[0] ?? '';
    case 'date':
      return '2025-04-01';
    default:
      return '';
  }
}
