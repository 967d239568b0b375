import { appendAudit, listGaiji, upsertGaiji } from '@mimamori/db';
import { gaijiEntrySchema } from '@mimamori/identity';
import { CliError, defineCommand, readInputFile } from '../command';
import { openRuntime } from '../runtime';

/** Parses a `code,standard[,note]` CSV (UTF-8, header line first); errors name file:line. */
export function parseGaijiCsv(
  file: string,
  text: string,
): { code: string; standard: string; note: string | null }[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const out: { code: string; standard: string; note: string | null }[] = [];
  lines.forEach((line, i) => {
    if (i === 0 || line.trim() === '') return;
    const [code = '', standard = '', note] = line.split(',');
    const parsed = gaijiEntrySchema.safeParse({ code: code.trim(), standard: standard.trim() });
    if (!parsed.success)
      throw new CliError(
        'failed',
        `${file}:${i + 1}:0 bad_format expected code U+XXXX and one standard character`,
      );
    out.push({
      code: parsed.data.code,
      standard: parsed.data.standard,
      note: note?.trim() || null,
    });
  });
  return out;
}

/** `mimamori gaiji import FILE`: loads the municipality's 外字 table (all-or-nothing). */
export const gaijiImportCommand = defineCommand({
  path: ['gaiji', 'import'],
  summary: "load the municipality's 外字 table from a code,standard CSV (versioned, audited)",
  usage: 'gaiji import FILE',
  options: {},
  allowPositionals: true,
  async run(args, io) {
    const [file, ...rest] = args.positionals;
    if (!file || rest.length > 0) throw new CliError('usage', 'expected one CSV file');
    const entries = parseGaijiCsv(file, readInputFile(io.cwd, file).toString('utf8'));
    const runtime = await openRuntime(io);
    try {
      await runtime.database.db.transaction().execute(async (trx) => {
        for (const e of entries) await upsertGaiji(trx, { ...e, updatedBy: null });
        await appendAudit(trx, {
          actorId: null,
          actorRole: 'cli',
          action: 'gaiji.import',
          targetType: 'gaiji_table',
          targetId: null,
          ip: null,
          details: { entries: entries.length },
        });
      });
      io.stdout.write(`gaiji entries\t${entries.length}\n`);
      return 0;
    } finally {
      await runtime.close();
    }
  },
});

/** `mimamori gaiji list`: the current table as `code<TAB>standard`. */
export const gaijiListCommand = defineCommand({
  path: ['gaiji', 'list'],
  summary: 'print the 外字 table (code, standard character)',
  usage: 'gaiji list',
  options: {},
  allowPositionals: false,
  async run(_args, io) {
    const runtime = await openRuntime(io);
    try {
      for (const e of await listGaiji(runtime.database.db))
        io.stdout.write(`${e.code}\t${e.standard}\n`);
      return 0;
    } finally {
      await runtime.close();
    }
  },
});
