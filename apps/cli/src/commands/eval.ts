import { createReadStream, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { evalNdjson } from '@mimamori/engine';
import { CliError, defineCommand, stringOption } from '../command';

/** Reads and parses a JSON file, with a clear error naming the file. */
export function readJsonFile(cwd: string, file: string): unknown {
  let text: string;
  try {
    text = readFileSync(resolve(cwd, file), 'utf8');
  } catch (error) {
    throw new CliError(
      'failed',
      `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`,
      { cause: error },
    );
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new CliError('failed', `${file}: not valid JSON (${(error as Error).message})`, {
      cause: error,
    });
  }
}

/** `mimamori eval --rules FILE [--facts FILE|-] [--explain]`: NDJSON in, NDJSON out. */
export const evalCommand = defineCommand({
  path: ['eval'],
  summary:
    'evaluate NDJSON facts (one object per line) against a rule set or a json-rules-engine rule array',
  usage: 'eval --rules FILE [--facts FILE|-] [--explain]',
  options: { rules: { type: 'string' }, facts: { type: 'string' }, explain: { type: 'boolean' } },
  allowPositionals: false,
  async run(args, io) {
    const rulesFile = stringOption(args, 'rules');
    if (!rulesFile) throw new CliError('usage', '--rules FILE is required');
    const rules = readJsonFile(io.cwd, rulesFile);
    const factsFile = stringOption(args, 'facts') ?? '-';
    const input = factsFile === '-' ? io.stdin : createReadStream(resolve(io.cwd, factsFile));
    const lines = createInterface({ input, crlfDelay: Infinity });
    try {
      for await (const line of evalNdjson(rules, lines, {
        explain: args.values['explain'] === true,
      })) {
        if (!io.stdout.write(`${line}\n`)) await new Promise((r) => io.stdout.once('drain', r));
      }
    } catch (error) {
      const e = error as { code?: string; message?: string };
      throw new CliError('failed', `${e.code ?? 'error'}: ${e.message ?? String(error)}`, {
        cause: error,
      });
    }
    return 0;
  },
});
