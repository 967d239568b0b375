import { createReadStream, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { evalNdjson } from '@mimamori/engine';
import { CliError, defineCommand, stringOption } from '../command';

const numberPattern = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null/y;
const escapes = '"\\/bfnrt';

/**
 * The offset of the first JSON syntax error in `text` (only called once `JSON.parse` failed).
 * V8's messages give a position only for some errors, and quote the input for others.
 */
function jsonErrorOffset(text: string): number {
  let i = 0;
  const fail = (): never => {
    throw new RangeError('json', { cause: i });
  };
  const skipSpace = (): void => {
    while (i < text.length && ' \t\n\r'.includes(text[i] as string)) i += 1;
  };
  const expect = (c: string): void => {
    skipSpace();
    if (text[i] !== c) fail();
    i += 1;
  };
  function readString(): void {
    i += 1;
    for (;;) {
      const c = text[i];
      if (c === undefined || c < ' ') fail();
      i += 1;
      if (c === '"') return;
      if (c !== '\\') continue;
      if (text[i] === 'u') {
        if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) fail();
        i += 5;
      } else if (escapes.includes(text[i] ?? '')) i += 1;
      else fail();
    }
  }
  function readList(close: string, readItem: () => void): void {
    i += 1;
    skipSpace();
    if (text[i] === close) {
      i += 1;
      return;
    }
    for (;;) {
      readItem();
      skipSpace();
      if (text[i] === close) {
        i += 1;
        return;
      }
      expect(',');
    }
  }
  function readValue(): void {
    skipSpace();
    const c = text[i];
    if (c === '"') readString();
    else if (c === '[') readList(']', readValue);
    else if (c === '{') {
      readList('}', () => {
        skipSpace();
        if (text[i] !== '"') fail();
        readString();
        expect(':');
        readValue();
      });
    } else {
      numberPattern.lastIndex = i;
      const m = numberPattern.exec(text);
      if (!m) fail();
      i = numberPattern.lastIndex;
    }
  }
  try {
    readValue();
    skipSpace();
    if (i < text.length) fail();
  } catch (error) {
    if (!(error instanceof RangeError) || typeof error.cause !== 'number') throw error;
  }
  return i;
}

/** Line and column (both from 1) of a JSON syntax error, as editors number them. */
function jsonErrorLocation(text: string): { line: number; column: number } {
  const before = text.slice(0, jsonErrorOffset(text)).split(/\r\n|\r|\n/);
  return { line: before.length, column: (before.at(-1) ?? '').length + 1 };
}

/** Reads and parses a JSON file; a syntax error names the file, line and column (no content). */
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
    const { line, column } = jsonErrorLocation(text);
    throw new CliError('failed', `${file}: not valid JSON at line ${line}, column ${column}`, {
      cause: error,
    });
  }
}

/**
 * `mimamori eval --rules FILE [--facts FILE|-] [--explain]`: NDJSON in, NDJSON out. A record the
 * rules cannot evaluate gives an `{"error":…}` line (and a stderr line); the exit code is then 1.
 */
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
    const factsName = factsFile === '-' ? 'stdin' : factsFile;
    let failed = 0;
    try {
      for await (const out of evalNdjson(rules, lines, {
        explain: args.values['explain'] === true,
      })) {
        let text: string;
        if (out.ok) text = out.json;
        else {
          failed += 1;
          const { line, code, message } = out;
          io.stderr.write(`${factsName}:${line}: ${code}: ${message}\n`);
          text = JSON.stringify({ error: { line, code, message } });
        }
        if (!io.stdout.write(`${text}\n`)) await new Promise((r) => io.stdout.once('drain', r));
      }
    } catch (error) {
      const e = error as { code?: string; message?: string };
      throw new CliError('failed', `${e.code ?? 'error'}: ${e.message ?? String(error)}`, {
        cause: error,
      });
    }
    if (failed > 0) io.stderr.write(`${failed} record(s) failed\n`);
    return failed > 0 ? 1 : 0;
  },
});
