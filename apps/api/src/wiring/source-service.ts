import { ConnectorKitError } from '@mimamori/connector-kit';
import { listMappedSources, saveMappedSource, type Db, type MappedSource } from '@mimamori/db';
import {
  inferMapping,
  MappingError,
  mappingSchema,
  validateMapping,
  type MappingProblem,
} from '@mimamori/mapping';
import { ApiError } from '../problem';
import type { MappedSourceSummary, SourcePreviewRow } from '../schemas/sources';
import type { ConnectorCatalog } from './connector-catalog';
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

/** Mapped sources: infer from a sample, save versions, list them (issue 8). */
export interface SourceService {
  infer(input: {
    fileName: string;
    bytes: Uint8Array;
    name?: string | undefined;
    /** An edited mapping to preview instead of inferring one. */
    mapping?: unknown;
  }): Promise<InferredSource>;
  /** Validates and saves a new version; problems (JSON pointers, en + ja) when invalid. */
  save(
    mapping: unknown,
    by: string,
  ): Promise<
    | { ok: true; name: string; version: number; facts: number }
    | { ok: false; problems: MappingProblem[] }
  >;
  list(): Promise<MappedSourceSummary[]>;
}

function isMappingLike(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function factIds(mapping: Record<string, unknown>): string[] {
  const parsed = mappingSchema.safeParse(mapping);
  if (!parsed.success) return [];
  return parsed.data.columns.flatMap((c) => (c.role === 'fact' && c.fact ? [c.fact.id] : []));
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
        inferred = await inferMapping(sample, input.name === undefined ? {} : { name: input.name });
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
        problems: [...(edited ? validateMapping(candidate).problems : inferred.problems)],
        sample: { ...inferred.sample },
        preview: { ...preview, linkage },
      };
    },
    async save(mapping, by) {
      const validated = validateMapping(mapping);
      if (!validated.ok) return { ok: false, problems: [...validated.problems] };
      const { name } = validated.mapping;
      if (catalog.code.has(name)) {
        return {
          ok: false,
          problems: [
            {
              path: '/name',
              code: 'schema',
              message: `the name ${name} belongs to a built-in connector; choose another`,
              messageJa: `「${name}」は組み込みのコネクタの名前です。別の名前にしてください`,
            },
          ],
        };
      }
      const saved = await saveMappedSource(db, { name, mapping: validated.mapping, createdBy: by });
      return { ok: true, name, version: saved.version, facts: factIds(saved.mapping).length };
    },
    async list() {
      return summarize(await listMappedSources(db));
    },
  };
}
