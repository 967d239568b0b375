import { ConnectorKitError } from '@mimamori/connector-kit';
import {
  listCurrentMappedSources,
  listMappedSources,
  saveMappedSource,
  type Db,
  type MappedSource,
} from '@mimamori/db';
import {
  factIdConflicts,
  factsInUseProblems,
  inferMapping,
  MappingError,
  mappingSchema,
  validateMapping,
  type DeclaredFact,
  type Mapping,
  type MappingProblem,
} from '@mimamori/mapping';
import { ApiError } from '../problem';
import type { MappedSourceSummary, SourcePreviewRow } from '../schemas/sources';
import type { ConnectorCatalog } from './connector-catalog';
import { publishedRuleSets } from './inventory-service';
import { previewSample } from './source-preview';

/** What `POST /sources/infer` answers. */
export interface InferredSource {
  mapping: Record<string, unknown>;
  columns: Record<string, unknown>[];
  problems: MappingProblem[];
  sample: Record<string, unknown>;
  preview: {
    rows: SourcePreviewRow[];
    fileIssues: SourcePreviewRow['issues'];
    linkage: Record<string, number>;
  };
}

/** Why a save was refused: the problem list's kind. */
export type SaveRefusal = 'invalid_mapping' | 'fact_id_taken' | 'fact_in_use';

/** Mapped sources: infer from a sample, save versions, list them (issue 8). */
export interface SourceService {
  infer(input: {
    fileName: string;
    bytes: Uint8Array;
    name?: string | undefined;
    /** An edited mapping to preview instead of inferring one. */
    mapping?: unknown;
  }): Promise<InferredSource>;
  /**
   * Validates and saves a new version; problems (JSON pointers, en + ja) when invalid
   * (`invalid_mapping`), when another source declares one of its fact ids (`fact_id_taken`), or
   * when it drops or retypes a fact a published rule reads (`fact_in_use`).
   */
  save(
    mapping: unknown,
    by: string,
  ): Promise<
    | { ok: true; name: string; version: number; facts: number }
    | { ok: false; code: SaveRefusal; problems: MappingProblem[] }
  >;
  list(): Promise<MappedSourceSummary[]>;
}

function isMappingLike(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The facts a stored document declares (read by shape only: it may predate newer checks). */
function declaredFacts(mapping: Record<string, unknown>): DeclaredFact[] {
  const parsed = mappingSchema.safeParse(mapping);
  if (!parsed.success) return [];
  return parsed.data.columns.flatMap((c) =>
    c.role === 'fact' && c.fact ? [{ id: c.fact.id, type: c.fact.type }] : [],
  );
}

function factIds(mapping: Record<string, unknown>): string[] {
  return declaredFacts(mapping).map((f) => f.id);
}

/** Fact id → the source declaring it, over the code connectors and other mapped sources. */
function factsOfOthers(
  catalog: ConnectorCatalog,
  stored: readonly MappedSource[],
  name: string,
): Map<string, string> {
  const owners = new Map<string, string>();
  for (const connector of catalog.code.values())
    for (const fact of connector.facts) owners.set(fact.id, connector.name);
  for (const source of stored) {
    if (source.name === name) continue;
    for (const fact of declaredFacts(source.mapping))
      if (!owners.has(fact.id)) owners.set(fact.id, source.name);
  }
  return owners;
}

/** Cross-source refusals of a valid mapping: fact ids taken, facts in use dropped or retyped. */
async function conflicts(
  db: Db,
  catalog: ConnectorCatalog,
  mapping: Mapping,
): Promise<{ code: SaveRefusal; problems: MappingProblem[] } | undefined> {
  const stored = await listCurrentMappedSources(db);
  const taken = factIdConflicts(mapping, factsOfOthers(catalog, stored, mapping.name));
  if (taken.length > 0) return { code: 'fact_id_taken', problems: taken };
  const previous = stored.find((s) => s.name === mapping.name);
  if (previous === undefined) return undefined;
  const inUse = factsInUseProblems({
    previous: declaredFacts(previous.mapping),
    next: mapping,
    ruleSets: await publishedRuleSets(db),
  });
  return inUse.length > 0 ? { code: 'fact_in_use', problems: inUse } : undefined;
}

function summarize(versions: MappedSource[]): MappedSourceSummary[] {
  const byName = new Map<string, MappedSource[]>();
  for (const v of versions) byName.set(v.name, [...(byName.get(v.name) ?? []), v]);
  return [...byName].map(([name, list]) => {
    const newest = list.at(-1);
    const title = mappingSchema.shape.title.safeParse(newest?.mapping['title']);
    return {
      name,
      title: title.success ? title.data : null,
      current: list.filter((v) => v.status === 'active').at(-1)?.version ?? null,
      versions: list.map((v) => ({
        version: v.version,
        status: v.status,
        createdBy: v.createdBy,
        createdAt: v.createdAt,
        facts: factIds(v.mapping),
      })),
    };
  });
}

/**
 * Sample-first onboarding on `@mimamori/mapping`: inference with a preview of what would be
 * stored and how it links, validated versioned saves, and the list of sources.
 */
export function createSourceService(db: Db, catalog: ConnectorCatalog): SourceService {
  return {
    async infer(input) {
      const sample = { file: input.fileName, bytes: input.bytes };
      let inferred;
      try {
        inferred = await inferMapping(sample, {
          reservedNames: catalog.code.keys(),
          ...(input.name === undefined ? {} : { name: input.name }),
        });
      } catch (error) {
        if (error instanceof MappingError || error instanceof ConnectorKitError)
          throw new ApiError(422, 'bad_sample', 'The sample cannot be read as a table.', {
            cause: error,
          });
        throw error;
      }
      const edited = input.mapping !== undefined;
      const candidate = edited ? input.mapping : inferred.mapping;
      const shaped = mappingSchema.safeParse(candidate);
      const preview = shaped.success
        ? await previewSample(db, shaped.data, sample)
        : { rows: [], fileIssues: [] };
      const linkage: Record<string, number> = {};
      for (const row of preview.rows)
        if (row.linkage) linkage[row.linkage.status] = (linkage[row.linkage.status] ?? 0) + 1;
      return {
        mapping: isMappingLike(candidate) ? candidate : {},
        columns: inferred.columns.map((c) => ({ ...c })),
        problems: [
          ...(edited
            ? validateMapping(candidate, { reservedNames: catalog.code.keys() }).problems
            : inferred.problems),
        ],
        sample: { ...inferred.sample },
        preview: { ...preview, linkage },
      };
    },
    async save(mapping, by) {
      const validated = validateMapping(mapping, { reservedNames: catalog.code.keys() });
      if (!validated.ok)
        return { ok: false, code: 'invalid_mapping', problems: [...validated.problems] };
      const { name } = validated.mapping;
      const refused = await conflicts(db, catalog, validated.mapping);
      if (refused) return { ok: false, ...refused };
      const saved = await saveMappedSource(db, { name, mapping: validated.mapping, createdBy: by });
      return { ok: true, name, version: saved.version, facts: factIds(saved.mapping).length };
    },
    async list() {
      return summarize(await listMappedSources(db));
    },
  };
}
