import type { Connector } from '@mimamori/connector-kit';
import {
  createDraft,
  createRuleSet,
  listRuleSets,
  publishVersion,
  upsertGaiji,
} from '@mimamori/db';
import { generateVillage } from '@mimamori/village';
import type { PipelineContext } from './context';
import { importFiles, type ImportSummary } from './import-file';
import { judge, type RunCounts } from './judge';
import { PipelineError } from './pipeline-error';
import { formatRowIssue } from '@mimamori/records';

/** Publishes a rule-set document as a new version (creating the rule set when new). */
export async function publishRuleSetDocument(
  ctx: PipelineContext,
  document: { id: string; title: { ja: string; en: string } } & Record<string, unknown>,
  note: string,
): Promise<{ versionId: string; version: number }> {
  const by = ctx.actor?.id ?? 'system';
  if (!(await listRuleSets(ctx.db)).some((r) => r.id === document.id)) {
    await createRuleSet(ctx.db, { id: document.id, title: document.title });
  }
  const draft = await createDraft(ctx.db, {
    ruleSetId: document.id,
    document,
    createdBy: by,
    note,
  });
  const published = await publishVersion(ctx.db, { versionId: draft.id, publishedBy: by });
  return { versionId: published.id, version: published.version };
}

/**
 * Loads the synthetic village through the real connectors: 外字 table, roster first, then every
 * other office's file, the demo rule set published, and a first judgement run.
 * @example await loadDemoVillage(ctx, { connectors, children: 600, seed: 1, ruleSet });
 */
export async function loadDemoVillage(
  ctx: PipelineContext,
  options: {
    connectors: ReadonlyMap<string, Connector>;
    children: number;
    seed: number;
    ruleSet: { id: string; title: { ja: string; en: string } } & Record<string, unknown>;
  },
): Promise<{ imports: ImportSummary[]; runId: string; counts: RunCounts }> {
  const village = generateVillage({
    children: options.children,
    seed: options.seed,
    asOf: ctx.asOf,
  });
  for (const entry of village.gaijiTable) {
    await upsertGaiji(ctx.db, {
      code: entry.code,
      standard: entry.standard,
      note: 'demo village',
      updatedBy: null,
    });
  }
  const files = [...village.files].sort(
    (a, b) =>
      Number(options.connectors.get(b.connector)?.roster ?? false) -
      Number(options.connectors.get(a.connector)?.roster ?? false),
  );
  const imports: ImportSummary[] = [];
  const outcomes = await importFiles(
    ctx,
    files.map((file) => {
      const connector = options.connectors.get(file.connector);
      if (!connector)
        throw new PipelineError(
          'unknown_connector',
          `no connector '${file.connector}' for ${file.name}`,
        );
      return { connector, file: file.name, bytes: file.bytes };
    }),
  );
  for (const [i, outcome] of outcomes.entries()) {
    if (!outcome.ok) {
      const first = outcome.issues.slice(0, 5).map(formatRowIssue).join('; ');
      const name = files[i]?.name ?? '';
      throw new PipelineError('unknown_connector', `demo file ${name} was rejected: ${first}`);
    }
    imports.push(outcome.summary);
  }
  await publishRuleSetDocument(ctx, options.ruleSet, 'demo rule set');
  const { runId, counts } = await judge(ctx, { ruleSetId: options.ruleSet.id });
  return { imports, runId, counts };
}
