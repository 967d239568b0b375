import { readFileSync, writeFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { inferMapping } from '@mimamori/mapping';
import { discoverConnectors } from '@mimamori/pipeline';
import { CliError, defineCommand, stringOption } from '../command';
import { repoRoot } from '../runtime';
import { headerLooksLikeData } from './header-looks-like-data';

/** `mimamori connector infer <sample-file> [--out mapping.json]`: proposes a mapping from a sample. */
export const connectorInferCommand = defineCommand({
  path: ['connector', 'infer'],
  summary: 'infer a mapping (encoding, header, column types, identity columns) from a sample file',
  usage: 'connector infer <sample-file> [--out mapping.json] [--name NAME]',
  options: { out: { type: 'string' }, name: { type: 'string' } },
  allowPositionals: true,
  async run(args, io) {
    const [file, ...rest] = args.positionals;
    if (!file || rest.length > 0) throw new CliError('usage', 'expected one sample file');
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(readFileSync(resolve(io.cwd, file)));
    } catch (error) {
      throw new CliError(
        'failed',
        `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`,
        { cause: error },
      );
    }
    const name = stringOption(args, 'name');
    // Never proposes a connector package's name (`school.csv` → `school-mapped`).
    const reservedNames = (await discoverConnectors(repoRoot)).keys();
    const inferred = await inferMapping(
      { file: basename(file), bytes },
      name ? { name, reservedNames } : { reservedNames },
    );
    // A file without a header row would make a resident's cells (name, birth date, resident
    // number) the mapping's "header" fields: refuse before writing anything.
    if (headerLooksLikeData(inferred.columns)) {
      throw new CliError(
        'failed',
        `${file}: the header row (line ${inferred.sample.headerRow}) looks like data (dates or digits-only ids); add a header row and infer again`,
      );
    }
    const json = JSON.stringify(inferred.mapping, null, 2) + '\n';
    const out = stringOption(args, 'out');
    if (out) writeFileSync(resolve(io.cwd, out), json);
    else io.stdout.write(json);
    // The per-column report goes to stderr so stdout stays a clean mapping document. Header
    // text of personal/identity columns is never printed.
    for (const c of inferred.columns) {
      const target = c.identityField ?? c.contextField ?? c.role;
      const header = c.personal ? '-' : c.header;
      io.stderr.write(
        `column ${c.index + 1}\t${header}\t${c.type}\t${target}\t${c.confidence.toFixed(2)}${c.personal ? '\tpersonal' : ''}\n`,
      );
    }
    for (const p of inferred.problems)
      io.stderr.write(`to complete: ${p.path} ${p.code} ${p.message}\n`);
    return 0;
  },
});
