import type { Facts } from '../compile/fact-reader';
import type { ExplanationTemplate, FactDefinition } from '../schema/rule-set-schema';

/** Languages explanations can be rendered in. */
export const explanationLanguages = ['ja', 'en'] as const;
export type ExplanationLanguage = (typeof explanationLanguages)[number];

type Segment = string | { readonly fact: string };
const parsed = new Map<string, readonly Segment[]>();
const placeholder = /\{\{\s*fact:([^{}\s]+)\s*\}\}/g;

function parse(template: string): readonly Segment[] {
  const cached = parsed.get(template);
  if (cached) return cached;
  const segments: Segment[] = [];
  let last = 0;
  for (const match of template.matchAll(placeholder)) {
    if (match.index > last) segments.push(template.slice(last, match.index));
    segments.push({ fact: match[1] as string });
    last = match.index + match[0].length;
  }
  if (last < template.length) segments.push(template.slice(last));
  if (parsed.size > 10_000) parsed.clear();
  parsed.set(template, segments);
  return segments;
}

function formatNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Math.round(value * 100) / 100);
}

/** Formats one fact value for display: numbers with the catalogue unit, booleans as words. */
export function formatFactValue(
  value: unknown,
  unit: string | undefined,
  lang: ExplanationLanguage,
): string {
  if (value === undefined || value === null) return lang === 'ja' ? '(データなし)' : '(no data)';
  if (typeof value === 'boolean')
    return lang === 'ja' ? (value ? 'はい' : 'いいえ') : value ? 'yes' : 'no';
  if (typeof value === 'number') {
    if (unit === undefined) return formatNumber(value);
    if (lang === 'ja') return `${formatNumber(value)}${unit}`;
    // Catalogue units are Japanese (日, 回); English text shows them only when they are ASCII.
    return /^[\x20-\x7e]+$/.test(unit) ? `${formatNumber(value)} ${unit}` : formatNumber(value);
  }
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * Fills `{{fact:id}}` placeholders with formatted fact values. When the template already writes
 * the unit right after the placeholder ("{{fact:school.absenceDays}}日"), it is not doubled.
 *
 * @example
 * renderExplanation({ ja: '欠席日数 {{fact:school.absenceDays}} が 30日以上' }, { 'school.absenceDays': 42 }, 'ja', catalogue);
 * // '欠席日数 42日 が 30日以上'
 */
export function renderExplanation(
  template: ExplanationTemplate | string,
  facts: Facts,
  lang: ExplanationLanguage,
  catalogue: ReadonlyMap<string, FactDefinition> | readonly FactDefinition[] = [],
): string {
  // Without an English template the Japanese sentence is used, so its values are formatted in Japanese.
  const useEn = lang === 'en' && (typeof template === 'string' || template.en !== undefined);
  const text =
    typeof template === 'string' ? template : useEn ? (template.en as string) : template.ja;
  const valueLang: ExplanationLanguage = useEn ? 'en' : 'ja';
  const definitions =
    catalogue instanceof Map
      ? (catalogue as ReadonlyMap<string, FactDefinition>)
      : new Map((catalogue as readonly FactDefinition[]).map((f) => [f.id, f]));
  const segments = parse(text);
  let out = '';
  for (let i = 0; i < segments.length; i += 1) {
    const segment = segments[i] as Segment;
    if (typeof segment === 'string') {
      out += segment;
      continue;
    }
    const unit = definitions.get(segment.fact)?.unit;
    const value = Object.hasOwn(facts, segment.fact) ? facts[segment.fact] : undefined;
    const next = segments[i + 1];
    const unitFollows = typeof next === 'string' && unit !== undefined && next.startsWith(unit);
    out += formatFactValue(value, unitFollows ? undefined : unit, valueLang);
  }
  return out;
}
