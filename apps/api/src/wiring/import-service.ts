import { randomUUID } from 'node:crypto';
import type { Connector } from '@mimamori/connector-kit';
import {
  getBatch,
  getImportAttempt,
  listBatches,
  listImportAttempts,
  recordRejectedImport,
  type Db,
  type ImportAttempt,
  type ImportBatch as StoredBatch,
} from '@mimamori/db';
import { importFile, type PipelineContext } from '@mimamori/pipeline';
import type { ImportService } from '../deps';
import type { ConnectorSummary, ImportBatch } from '../schemas/data';
import type { ConnectorCatalog } from './connector-catalog';
import { createProgressChannels } from './progress-channels';

/** The pipeline context without the actor (set per request). */
export type BaseContext = Omit<PipelineContext, 'actor'>;

/** A connector as the admin UI lists it: its columns (no personal data flagged away) and facts. */
export function connectorSummary(
  connector: Connector,
  kind: ConnectorSummary['kind'] = 'code',
): ConnectorSummary {
  return {
    id: connector.name,
    kind,
    label: { ja: connector.title.ja, en: connector.title.en },
    source: connector.source,
    version: connector.version,
    fields: connector.columns
      .filter((c) => c.role !== 'ignore')
      .map((c) => ({ name: c.header, label: c.header, type: c.role, required: c.required })),
    facts: connector.facts.map((f) => ({
      id: f.id,
      label: { ja: f.label.ja, en: f.label.en },
      type: f.type,
      ...(f.unit === undefined ? {} : { unit: f.unit }),
      ...(f.allowedValues === undefined ? {} : { allowedValues: [...f.allowedValues] }),
    })),
  };
}

function toBatch(batch: StoredBatch): ImportBatch {
  return {
    id: batch.id,
    connector: batch.connector,
    file: batch.fileName,
    status: batch.status,
    rows: batch.rowCount,
    // Imports are all-or-nothing: a stored batch has no row issues (a failed one is not stored).
    issues: 0,
    createdAt: batch.createdAt,
    ...(batch.createdBy === null ? {} : { createdBy: batch.createdBy }),
  };
}

/** A rejected attempt as the batch history lists it (status `rejected`, with its issue count). */
function attemptToBatch(attempt: ImportAttempt): ImportBatch {
  return {
    id: attempt.id,
    connector: attempt.connector,
    file: attempt.fileName,
    status: 'rejected',
    rows: attempt.rowCount,
    issues: attempt.issueCount,
    createdAt: attempt.createdAt,
    ...(attempt.createdBy === null ? {} : { createdBy: attempt.createdBy }),
  };
}

const phaseTotal = 1000;

/**
 * File imports on `@mimamori/pipeline`'s `importFile` (all-or-nothing), through code connectors
 * and mapped sources alike, with progress published under the request's `progressId` (and the
 * batch id once stored) for `GET /imports/{id}/events`.
 */
export function createImportService(ctx: BaseContext, catalog: ConnectorCatalog): ImportService {
  const channels = createProgressChannels();
  const codeSummaries = [...catalog.code.values()].map((c) => connectorSummary(c));
  const { db }: { db: Db } = ctx;
  return {
    async connectors() {
      const all = await catalog.all();
      const mapped = [...all.values()]
        .filter((c) => !catalog.code.has(c.name))
        .map((c) => connectorSummary(c, 'mapped'));
      return [...codeSummaries, ...mapped];
    },
    async run(input) {
      const connector = (await catalog.all()).get(input.connector);
      if (connector === undefined) return undefined;
      const progressId = input.progressId ?? randomUUID();
      const channel = channels.open(progressId);
      try {
        const outcome = await importFile(
          { ...ctx, actor: { id: input.by, role: 'it' } },
          {
            connector,
            file: input.fileName,
            bytes: input.bytes,
            dryRun: input.dryRun,
            onProgress(phase, fraction) {
              channel.push({ phase, done: Math.round(fraction * phaseTotal), total: phaseTotal });
            },
          },
        );
        if (!outcome.ok) {
          // A rejected commit stores no data; its issues (positions and codes, never values)
          // go to the batch history so staff can see what to fix.
          if (!input.dryRun) {
            await recordRejectedImport(db, {
              connector: connector.name,
              fileName: input.fileName,
              fileHash: outcome.summary?.fileHash ?? '',
              rowCount: outcome.summary?.rows ?? 0,
              issues: outcome.issues,
              createdBy: input.by === '' ? null : input.by,
            });
          }
          return {
            ok: false,
            issues: outcome.issues.slice(0, 1000),
            summary: { ...outcome.summary, issueCount: outcome.issues.length, progressId },
          };
        }
        if (outcome.batchId !== null) channels.alias(progressId, outcome.batchId);
        return {
          ok: true,
          issues: [],
          summary: {
            ...outcome.summary,
            ...(outcome.batchId === null ? {} : { batchId: outcome.batchId }),
            progressId,
          },
        };
      } finally {
        channel.end();
      }
    },
    async list() {
      const batches = (await listBatches(db, { limit: 500 })).map(toBatch);
      const attempts = (await listImportAttempts(db, { limit: 500 })).map(attemptToBatch);
      return [...batches, ...attempts].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    },
    async get(id) {
      const attempt = await getImportAttempt(db, id);
      if (attempt !== undefined) {
        return {
          ...attemptToBatch(attempt),
          rowIssues: attempt.issues,
          summary: { issueCount: attempt.issueCount },
        };
      }
      const batch = await getBatch(db, id);
      if (batch === undefined) return undefined;
      return {
        ...toBatch(batch),
        rowIssues: [],
        summary: {
          ...batch.summary,
          records: batch.recordCount,
          linked: batch.linkedCount,
          ambiguous: batch.ambiguousCount,
          unmatched: batch.unmatchedCount,
        },
      };
    },
    events: (id) => channels.subscribe(id),
  };
}
