/**
 * The difficulty types (with level labels) of published rule-set versions, read once per version
 * and kept for the session: a page that shows a run's levels names them as the run's rule set
 * does. A version that cannot be read (a role without access, a network failure) has none, and
 * the labels fall back to the dictionary's words.
 */
import { ruleSets } from './api';
import type { DifficultyTypeDefinition } from './rule-editor/document';
import { levelName } from './rule-set-labels';

type Types = DifficultyTypeDefinition[];

const pending = new Map<string, Promise<Types>>();
const loaded = $state<Record<string, Types>>({});

const keyOf = (ruleSetId: string, version: number) => `${ruleSetId}@${version}`;

/**
 * The version's types, for a page load (never rejects: an unreadable version has none).
 * @example const types = await loadRuleSetTypes(run.ruleSetId, run.version);
 */
export function loadRuleSetTypes(ruleSetId: string, version: number): Promise<Types> {
  const key = keyOf(ruleSetId, version);
  let request = pending.get(key);
  if (request === undefined) {
    request = ruleSets.version(ruleSetId, version).then(
      ({ document }) => (loaded[key] = document.types),
      // Not asked again this session: the labels fall back to the dictionary's words.
      () => [],
    );
    pending.set(key, request);
  }
  return request;
}

/**
 * The version's types for a template: empty until they have arrived, then (reactively) the
 * rule set's. Asks for them on first use.
 * @example levelName(ruleSetTypes(run.ruleSetId, run.version), type, level)
 */
export function ruleSetTypes(ruleSetId: string, version: number): Types {
  void loadRuleSetTypes(ruleSetId, version);
  return loaded[keyOf(ruleSetId, version)] ?? [];
}

/**
 * A level reached in a run, named as the run's rule set names it (the dictionary's word, never a
 * case decision's, until the rule set has arrived or when it cannot be read).
 * @example runLevelName(data.runs.find((r) => r.id === data.runId), 'poverty', 'support')
 */
export function runLevelName(
  run: { ruleSetId: string; version: number } | undefined,
  type: string,
  level: string,
): string {
  return levelName(run ? ruleSetTypes(run.ruleSetId, run.version) : [], type, level);
}
