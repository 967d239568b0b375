/**
 * The fact catalogue offered in the rule editor: every fact any connector (code or mapped)
 * declares, grouped by source, plus the rule set's own facts. Picking a catalogue fact that the
 * document does not declare yet adds its definition to `facts`, so nobody edits JSON for it.
 */
import type { ConnectorFact, ConnectorSummary } from '../api-types';
import {
  factSources,
  factTypes,
  type FactDefinition,
  type FactSource,
  type FactType,
  type Localized,
  type RuleSetDocument,
} from './document';

/** A group of the fact picker: one connector, or one source kind for facts no connector lists. */
export type FactGroup =
  | { kind: 'connector'; key: string; label: Localized; facts: FactDefinition[] }
  | { kind: 'source'; key: string; source: FactSource; facts: FactDefinition[] };

function isFactSource(value: string): value is FactSource {
  return (factSources as readonly string[]).includes(value);
}

function isFactType(value: string): value is FactType {
  return (factTypes as readonly string[]).includes(value);
}

/** Connectors that execute a mapping document rather than code. */
export function isMapped(connector: ConnectorSummary): boolean {
  return connector.kind === 'mapped';
}

function allowedValuesOf(fact: ConnectorFact): string[] | undefined {
  const unique = [...new Set((fact.allowedValues ?? []).filter((v) => v !== ''))];
  return unique.length > 0 ? unique : undefined;
}

/**
 * The rule-set fact definition for a connector's fact. Mapped sources count as `other`;
 * every source but the school counts toward the 学校以外 sub-score.
 * @example factDefinition(hall, { id: 'childrensHall.visitDays', label: '来館日数', type: 'number', unit: '日' })
 */
export function factDefinition(connector: ConnectorSummary, fact: ConnectorFact): FactDefinition {
  const source: FactSource =
    isMapped(connector) || !isFactSource(connector.source) ? 'other' : connector.source;
  const { ja, en } = fact.label;
  const allowedValues = fact.type === 'code' ? allowedValuesOf(fact) : undefined;
  return {
    id: fact.id,
    label: { ja, en: en.trim() === '' ? ja : en },
    type: isFactType(fact.type) ? fact.type : 'text',
    ...(fact.unit ? { unit: fact.unit } : {}),
    source,
    ...(allowedValues ? { allowedValues } : {}),
    outsideSchool: source !== 'school',
  };
}

/**
 * Picker groups: each connector with all its facts (the document's definition wins where both
 * exist), then the document's remaining facts by source kind.
 */
export function factGroups(
  documentFacts: readonly FactDefinition[],
  connectors: readonly ConnectorSummary[],
): FactGroup[] {
  const declared = new Map(documentFacts.map((f) => [f.id, f]));
  const listed = new Set<string>();
  const groups: FactGroup[] = [];
  for (const connector of connectors) {
    const facts = connector.facts
      .filter((f) => !listed.has(f.id))
      .map((f) => declared.get(f.id) ?? factDefinition(connector, f));
    for (const fact of facts) listed.add(fact.id);
    if (facts.length > 0)
      groups.push({ kind: 'connector', key: `c:${connector.id}`, label: connector.label, facts });
  }
  for (const source of factSources) {
    const facts = documentFacts.filter((f) => f.source === source && !listed.has(f.id));
    if (facts.length > 0) groups.push({ kind: 'source', key: `s:${source}`, source, facts });
  }
  return groups;
}

/** Every fact the picker offers, documents' first. */
export function catalogueFacts(groups: readonly FactGroup[]): FactDefinition[] {
  return groups.flatMap((g) => g.facts);
}

/** The document with `fact` declared (unchanged when a fact with that id is already there). */
export function withFactDeclared(document: RuleSetDocument, fact: FactDefinition): RuleSetDocument {
  if (document.facts.some((f) => f.id === fact.id)) return document;
  return { ...document, facts: [...document.facts, fact] };
}
