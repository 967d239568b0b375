import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Connector } from '@mimamori/connector-kit';
import type { Db } from '@mimamori/db';
import { createDbDeps } from '../db-deps';
import type { ApiDeps } from '../deps';
import { createBackgroundJobs } from './background-jobs';
import { createCaseworkService } from './casework-service';
import { createConnectorCatalog } from './connector-catalog';
import { casesFromDirectory, createEngineService, type CaseSource } from './engine-service';
import { createImportService } from './import-service';
import { createInventoryService } from './inventory-service';
import { createLinkageService } from './linkage-service';
import { createPreviewService } from './preview-service';
import { createRunService } from './run-service';
import { createSourceService } from './source-service';

/** The repository's `rules/` folder (the demo rule set and its cases). */
export const defaultRulesDir = resolve(
  dirname(fileURLToPath(import.meta.url)),
  '../../../../rules',
);

/** What {@link createProductionDeps} needs: the database and the pipeline's configuration. */
export interface ProductionOptions {
  db: Db;
  /** The connector packages; mapped sources saved in the database join them per request. */
  connectors: ReadonlyMap<string, Connector>;
  /** Keyed pseudonym of a resident number (the key never leaves configuration). */
  pseudonymize: (residentNumber: string) => string;
  /** Reference date (ISO) for ages and grades. */
  asOf: string;
  ageRange: readonly [number, number];
  now?: () => Date;
  /** Where rule test cases come from; default `<rulesDir>/<id>.cases.json`. */
  cases?: CaseSource;
  rulesDir?: string;
  /** Background failures (codes only). Default: stderr. */
  log?: (line: string) => void;
}

/** Everything `createApp` needs, plus a way to wait for background runs. */
export interface ProductionDeps extends ApiDeps {
  /** Resolves once every judgement run started so far has finished. */
  settle(): Promise<void>;
}

/**
 * The real services: the database stores plus the engine (validation, cases, diff), the
 * cached what-if preview, judgement runs in the background, imports with progress, and the
 * linkage review on the pipeline.
 * @example
 * const deps = createProductionDeps({ db, connectors, pseudonymize, asOf: '2026-04-01', ageRange: [3, 15] });
 * const app = createApp(deps);
 */
export function createProductionDeps(options: ProductionOptions): ProductionDeps {
  const { db } = options;
  const base = createDbDeps(db, options.now);
  const jobs = createBackgroundJobs(options.log ?? ((line) => process.stderr.write(`${line}\n`)));
  const ctx = {
    db,
    pseudonymize: options.pseudonymize,
    asOf: options.asOf,
    ageRange: options.ageRange,
  };
  const catalog = createConnectorCatalog(db, options.connectors);
  return {
    ...base,
    engine: createEngineService(
      options.cases ?? casesFromDirectory(options.rulesDir ?? defaultRulesDir),
    ),
    preview: createPreviewService(db, base.ruleSets),
    runs: createRunService(db, base.runs, { asOf: options.asOf, jobs }),
    imports: createImportService(ctx, catalog),
    linkage: createLinkageService(ctx),
    casework: createCaseworkService(db),
    sources: createSourceService(db, catalog),
    inventory: createInventoryService(db, catalog),
    settle: () => jobs.settle(),
  };
}
