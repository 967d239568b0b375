import { readRows, type Connector, type RawRow } from '@mimamori/connector-kit';
import { listGaiji, type Db } from '@mimamori/db';
import { createMappedConnector, validateMapping, type Mapping } from '@mimamori/mapping';
import { applyGaijiToRows, loadLinker } from '@mimamori/pipeline';
import type { SourceRecord } from '@mimamori/records';
import type { SourcePreviewRow } from '../schemas/sources';

type Linkage = NonNullable<SourcePreviewRow['linkage']>;

/** Rows of a sample shown in the wizard. */
export const previewRowLimit = 20;

/** Stands in for purposes not yet written, so an unfinished mapping can still be previewed. */
const pending = '(preview)';

/**
 * The mapping with empty purpose, legal basis and retention filled by a stand-in: staff see the
 * preview before they write those (saving still requires them).
 */
function previewable(mapping: Mapping): Mapping {
  return {
    ...mapping,
    columns: mapping.columns.map((column) =>
      column.fact === undefined
        ? column
        : {
            ...column,
            fact: {
              ...column.fact,
              purpose: column.fact.purpose.trim() || pending,
              legalBasis: column.fact.legalBasis.trim() || pending,
              retention: column.fact.retention.trim() || pending,
            },
          },
    ),
  };
}

function personalFieldsOf(identity: Record<string, unknown>): string[] {
  return Object.entries(identity)
    .filter(([, value]) => value !== undefined && value !== '')
    .map(([field]) => field)
    .sort();
}

function previewRow(
  connector: Connector,
  row: RawRow,
  link: (record: SourceRecord) => Linkage,
): SourcePreviewRow {
  const result = connector.normalize(row);
  const issues = result.issues.map((i) => ({
    line: i.line,
    column: i.column,
    code: i.code,
    ...(i.field === undefined ? {} : { field: i.field }),
  }));
  const record = result.records[0];
  if (result.issues.length > 0 || record === undefined) {
    return { line: row.line, facts: {}, context: {}, personalFields: [], linkage: null, issues };
  }
  return {
    line: row.line,
    facts: record.facts,
    context: record.context,
    personalFields: personalFieldsOf(record.identity),
    linkage: link(record),
    issues,
  };
}

/**
 * The first rows of a sample as they would be stored: facts and context (non-personal) apart
 * from which personal fields are present (never their values), and how each row links to the
 * roster with the pipeline's linker. A mapping that cannot be previewed yields no rows.
 */
export async function previewSample(
  db: Db,
  mapping: Mapping,
  sample: { file: string; bytes: Uint8Array },
): Promise<{ rows: SourcePreviewRow[]; fileIssues: SourcePreviewRow['issues'] }> {
  const validated = validateMapping(previewable(mapping));
  if (!validated.ok) return { rows: [], fileIssues: [] };
  const connector = createMappedConnector(validated.mapping);
  const read = await readRows(connector, await connector.prepareInput(sample));
  const gaiji = new Map((await listGaiji(db)).map((e) => [e.code, e.standard]));
  const mapped = applyGaijiToRows(connector, read.rows.slice(0, previewRowLimit), gaiji);
  const linker = await loadLinker(db);
  function link(record: SourceRecord): Linkage {
    const result = linker.link(record);
    return result.status === 'linked'
      ? { status: result.status, method: result.method, confidence: result.confidence }
      : { status: result.status };
  }
  const last = mapped.rows.at(-1)?.line ?? Number.POSITIVE_INFINITY;
  const fileIssues = [...read.issues.filter((i) => i.line <= last), ...mapped.issues];
  return {
    rows: mapped.rows.map((row) => previewRow(connector, row, link)),
    fileIssues: fileIssues.slice(0, 100).map((i) => ({
      line: i.line,
      column: i.column,
      code: i.code,
      ...(i.field === undefined ? {} : { field: i.field }),
    })),
  };
}
