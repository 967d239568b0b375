import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadRuleSet, ruleCasesSchema, runCases } from '@mimamori/engine';
import { appendAudit, getRuleSet } from '@mimamori/db';
import { publishRuleSetDocument } from '@mimamori/pipeline';
import { CliError, defineCommand, type CommandIo } from '../command';
import { openRuntime } from '../runtime';
import { readJsonFile } from './eval';

function loadOrReport(file: string, io: CommandIo): ReturnType<typeof loadRuleSet> {
  const loaded = loadRuleSet(readJsonFile(io.cwd, file));
  if (!loaded.ok) {
    for (const e of loaded.errors)
      io.stdout.write(`${file}:${e.path || '/'} ${e.code} ${e.message}\n`);
  }
  return loaded;
}

/** `mimamori rules check FILE`: validates a rule-set document; errors point at JSON paths. */
export const rulesCheckCommand = defineCommand({
  path: ['rules', 'check'],
  summary: 'validate a rule-set document (errors as FILE:/json/pointer code message)',
  usage: 'rules check FILE',
  options: {},
  allowPositionals: true,
  async run(args, io) {
    const [file, ...rest] = args.positionals;
    if (!file || rest.length > 0) throw new CliError('usage', 'expected one rule-set file');
    const loaded = loadOrReport(file, io);
    if (!loaded.ok) return 1;
    io.stdout.write(
      `${file}: ok (${loaded.ruleSet.rules.length} rules, ${loaded.ruleSet.types.length} types)\n`,
    );
    return 0;
  },
});

/** The cases file beside a rule set: `x.rules.json` → `x.cases.json`. */
export function casesFileFor(file: string): string {
  return file.replace(/(\.rules)?\.json$/, '.cases.json');
}

/** `mimamori rules test FILE`: runs the rule set's `*.cases.json`. */
export const rulesTestCommand = defineCommand({
  path: ['rules', 'test'],
  summary: "run a rule set's test cases (FILE.cases.json beside it, or --cases)",
  usage: 'rules test FILE [--cases FILE]',
  options: { cases: { type: 'string' } },
  allowPositionals: true,
  async run(args, io) {
    const [file, ...rest] = args.positionals;
    if (!file || rest.length > 0) throw new CliError('usage', 'expected one rule-set file');
    const casesOption = args.values['cases'];
    const casesFile = typeof casesOption === 'string' ? casesOption : casesFileFor(file);
    if (!existsSync(resolve(io.cwd, casesFile)))
      throw new CliError('failed', `no cases file ${casesFile}`);
    const loaded = loadOrReport(file, io);
    if (!loaded.ok) return 1;
    const parsed = ruleCasesSchema.safeParse(readJsonFile(io.cwd, casesFile));
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        io.stdout.write(`${casesFile}:/${issue.path.join('/')} ${issue.code} ${issue.message}\n`);
      return 1;
    }
    const results = runCases(loaded.ruleSet, parsed.data);
    for (const r of results) {
      io.stdout.write(`${r.pass ? 'pass' : 'FAIL'}\t${r.name}\n`);
      for (const d of r.diffs) io.stdout.write(`\t${d}\n`);
    }
    const failed = results.filter((r) => !r.pass).length;
    io.stdout.write(`${results.length - failed} passed, ${failed} failed\n`);
    return failed > 0 ? 1 : 0;
  },
});

/**
 * `mimamori rules publish FILE --note TEXT`: validates and publishes a new immutable version.
 * A rule set that requires a second person's approval is refused: the CLI signs in as nobody,
 * so approval happens in the admin UI.
 */
export const rulesPublishCommand = defineCommand({
  path: ['rules', 'publish'],
  summary: 'validate a rule-set document and publish it as a new immutable version (audited)',
  usage: 'rules publish FILE --note TEXT',
  options: { note: { type: 'string' } },
  allowPositionals: true,
  async run(args, io) {
    const [file, ...rest] = args.positionals;
    const note = args.values['note'];
    if (!file || rest.length > 0 || typeof note !== 'string' || note.trim() === '') {
      throw new CliError('usage', 'expected one rule-set file and --note');
    }
    const loaded = loadOrReport(file, io);
    if (!loaded.ok) return 1;
    const runtime = await openRuntime(io);
    try {
      if ((await getRuleSet(runtime.database.db, loaded.ruleSet.id))?.approvalRequired) {
        throw new CliError(
          'failed',
          `rule set ${loaded.ruleSet.id} requires a second person's approval: request it in the admin UI ` +
            '(ルール → テストと公開 → 承認を依頼)',
        );
      }
      const published = await publishRuleSetDocument(runtime.ctx, loaded.ruleSet, note);
      await appendAudit(runtime.database.db, {
        actorId: null,
        actorRole: 'cli',
        action: 'rules.publish',
        targetType: 'rule_set_version',
        targetId: published.versionId,
        ip: null,
        details: { ruleSet: loaded.ruleSet.id, version: published.version },
      });
      io.stdout.write(`published\t${loaded.ruleSet.id}\tv${published.version}\n`);
      return 0;
    } finally {
      await runtime.close();
    }
  },
});
