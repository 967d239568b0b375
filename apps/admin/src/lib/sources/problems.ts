/** Mapping problems (from inference or a 422) placed at the field their JSON Pointer names. */
import type { MappingProblem } from './mapping';

/**
 * The pointer relative to the mapping document: the API may point into the request body
 * (`/mapping/columns/3/fact/id`) or into the mapping itself (`/columns/3/fact/id`).
 * @example mappingPath('/mapping/columns/0/role') // '/columns/0/role'
 */
export function mappingPath(path: string): string {
  return path === '/mapping' ? '' : path.startsWith('/mapping/') ? path.slice(8) : path;
}

/** Normalises every problem's path (see {@link mappingPath}). */
export function normalizeProblems(problems: readonly MappingProblem[]): MappingProblem[] {
  return problems.map((p) => ({ ...p, path: mappingPath(p.path) }));
}

/** Problems pointing exactly at `path`. */
export function problemsAt(problems: readonly MappingProblem[], path: string): MappingProblem[] {
  return problems.filter((p) => p.path === path);
}

/** Problems at `path` or anywhere below it. */
export function problemsUnder(problems: readonly MappingProblem[], path: string): MappingProblem[] {
  return problems.filter((p) => p.path === path || p.path.startsWith(`${path}/`));
}

/** Drops the problems at `path` (and below): staff edited that field, the old verdict is stale. */
export function clearProblems(problems: readonly MappingProblem[], path: string): MappingProblem[] {
  return problems.filter((p) => !(p.path === path || p.path.startsWith(`${path}/`)));
}

/**
 * Where a problem should be shown: the field its pointer names, or the nearest ancestor among
 * `fields` (e.g. `/columns/3/fact/codes/1` → `/columns/3/fact/codes`); `''` for the document.
 */
export function anchorOf(path: string, fields: ReadonlySet<string>): string {
  let at = path;
  while (at !== '') {
    if (fields.has(at)) return at;
    at = at.slice(0, Math.max(0, at.lastIndexOf('/')));
  }
  return '';
}

/** The message in the UI language (Japanese unless English is chosen and no Japanese exists). */
export function problemText(problem: MappingProblem, lang: 'ja' | 'en'): string {
  return lang === 'ja' ? (problem.messageJa ?? problem.message) : problem.message;
}

/** Stable DOM id of a mapping field, for `aria-describedby` and focusing the first error. */
export function mappingFieldId(path: string): string {
  return `m${path.replace(/[^A-Za-z0-9]+/g, '-')}`;
}
