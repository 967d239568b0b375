/**
 * Difficulty types and levels by the names the rule set gives them (要支援, not a generic word).
 * The built-in dictionary words are only the fallback for ids the rule set at hand does not
 * define (or when no rule set can be read, e.g. by teachers).
 */
import { loc, tOr } from './i18n/index.svelte';
import type { DifficultyTypeDefinition } from './rule-editor/document';

type Types = readonly Pick<DifficultyTypeDefinition, 'id' | 'label' | 'levels'>[];

/**
 * A difficulty type's name in the current language.
 * @example typeName(document.types, 'poverty') // '貧困'
 */
export function typeName(types: Types, type: string): string {
  const found = types.find((ty) => ty.id === type);
  return found ? loc(found.label) : tOr(`type.${type}`, type);
}

/**
 * A level's name in the current language, as the type of that id labels it.
 * @example levelName(document.types, 'poverty', 'support') // '要支援'
 */
export function levelName(types: Types, type: string, level: string): string {
  const found = types.find((ty) => ty.id === type)?.levels.find((l) => l.id === level);
  return found ? loc(found.label) : tOr(`level.${level}`, level);
}
