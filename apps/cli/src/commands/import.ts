import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Connector } from '@mimamori/connector-kit';
import { getMappedSource } from '@mimamori/db';
import {
  createMappedConnector,
  factIdConflicts,
  validateMapping,
  type MappingProblem,
} from '@mimamori/mapping';
import {
  discoverConnectors,
  importFile,
  requireConnector,
  type ImportSummary,
} from '@mimamori/pipeline';
import { formatRowIssue } from '@mimamori/records';
import { CliError, defineCommand, stringOption } from '../command';
import { readJsonFile } from './eval';
import { explicitAsOf, openRuntime, repoRoot, type Runtime } from '../runtime';

function refuse(file: string, what: string, problems: readonly MappingProblem[]): never {
  const lines = problems.map((p) => `${file}:${p.path || '/'} ${p.code} ${p.message}`);
  throw new CliError('failed', `${what} (${problems.length} problems)\n${lines.join('\n')}`);
}

/**
 * A connector from a mapping document. Refused with JSON paths when the document is invalid,
 * when it takes a connector package's name (its import would replace that connector's facts),
 * or when another source already declares one of its fact ids.
 */
function loadMappedConnector(
  cwd: string,
  file: string,
  runtime: Runtime,
  codeNames: readonly string[],
): Connector {
  const validated = validateMapping(readJsonFile(cwd, file), { reservedNames: codeNames });
  if (!validated.ok) refuse(file, 'invalid mapping', validated.problems);
  const owners = new Map<string, string>();
  for (const connector of runtime.connectors.values())
    for (const fact of connector.facts) owners.set(fact.id, connector.name);
  const taken = factIdConflicts(validated.mapping, owners);
  if (taken.length > 0) refuse(file, 'fact ids declared by another source', taken);
  return createMappedConnector(validated.mapping);
}

/**
 * The connector named `name`. A saved mapped source that no longer validates (e.g. it sets
 * school context, refused since) is left out of the registry: say why instead of "unknown".
 */
async function namedConnector(
  runtime: Runtime,
  name: string,
  codeNames: readonly string[],
): Promise<Connector> {
  const found = runtime.connectors.get(name);
  if (found) return found;
  const stored = await getMappedSource(runtime.database.db, name);
  if (stored) {
    const { problems } = validateMapping(stored.mapping, { reservedNames: codeNames });
    if (problems.length > 0)
      refuse(
        `${name}@${stored.version}`,
        `saved mapping ${name} version ${stored.version} no longer validates; nothing was imported: save a corrected version`,
        problems,
      );
  }
  return requireConnector(runtime.connectors, name);
}

/** Human-readable summary lines (counts only). */
export function formatSummary(summary: ImportSummary, dryRun: boolean): string {
  const lines = [
    `${dryRun ? 'dry run: nothing stored' : 'imported'}: ${summary.file} (${summary.connector} v${summary.connectorVersion}, ${summary.encoding})`,
    `rows\t${summary.rows}`,
    `records\t${summary.records}`,
  ];
  for (const [field, count] of Object.entries(summary.fieldCounts).sort())
    lines.push(`field\t${field}\t${count}`);
  if (summary.gaijiMapped > 0) lines.push(`gaiji mapped\t${summary.gaijiMapped}`);
  if (summary.outsideAgeRange > 0) lines.push(`outside age range\t${summary.outsideAgeRange}`);
  const l = summary.linkage;
  if (l) {
    for (const [method, count] of Object.entries(l.linked).sort())
      lines.push(`linked\t${method}\t${count}`);
    lines.push(`ambiguous\t${l.ambiguous}`, `unmatched\t${l.unmatched}`);
  }
  return lines.join('\n') + '\n';
}

/** `mimamori import <connector> <file> [--dry-run]`: all-or-nothing import. */
export const importCommand = defineCommand({
  path: ['import'],
  summary:
    'import one file through a connector, all-or-nothing; problems as file:line:column code message',
  usage:
    'import <connector> <file> [--dry-run] [--progress] [--as-of YYYY-MM-DD] | import --mapping mapping.json <file> [--dry-run]',
  options: {
    'dry-run': { type: 'boolean' },
    'as-of': { type: 'string' },
    progress: { type: 'boolean' },
    mapping: { type: 'string' },
  },
  allowPositionals: true,
  async run(args, io) {
    const mappingFile =
      typeof args.values['mapping'] === 'string' ? args.values['mapping'] : undefined;
    const [name, file, ...rest] = mappingFile ? ['', ...args.positionals] : args.positionals;
    if ((!mappingFile && !name) || !file || rest.length > 0) {
      throw new CliError(
        'usage',
        mappingFile
          ? 'expected one file after --mapping'
          : 'expected a connector name and one file',
      );
    }
    // Ages (who is a child) are derived as of this date: checked before anything is read.
    const asOf = explicitAsOf(io, stringOption(args, 'as-of'));
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(readFileSync(resolve(io.cwd, file)));
    } catch (error) {
      throw new CliError(
        'failed',
        `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`,
        {
          cause: error,
        },
      );
    }
    const runtime = await openRuntime(io, asOf ? { asOf } : {});
    try {
      // The connector packages' names: a mapping may not take one (nor replace its facts).
      const codeNames = [...(await discoverConnectors(repoRoot)).keys()];
      const connector = mappingFile
        ? loadMappedConnector(io.cwd, mappingFile, runtime, codeNames)
        : await namedConnector(runtime, name!, codeNames);
      const dryRun = args.values['dry-run'] === true;
      const progress = args.values['progress'] === true;
      const outcome = await importFile(runtime.ctx, {
        connector,
        file,
        bytes,
        dryRun,
        ...(progress
          ? {
              onProgress: (phase: string, fraction: number) =>
                void io.stderr.write(`progress\t${phase}\t${fraction.toFixed(2)}\n`),
            }
          : {}),
      });
      if (!outcome.ok) {
        io.stdout.write(outcome.issues.map((i) => `${formatRowIssue(i)}\n`).join(''));
        io.stderr.write(`import: ${outcome.issues.length} problem(s); nothing was stored\n`);
        return 1;
      }
      io.stdout.write(formatSummary(outcome.summary, outcome.dryRun));
      return 0;
    } finally {
      await runtime.close();
    }
  },
});
