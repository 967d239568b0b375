import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';

/** What a command may write to; stdout carries only the command's own output. */
export interface CommandIo {
  readonly stdin: NodeJS.ReadableStream;
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
}

/** One `mimamori` sub-command. */
export interface Command {
  /** Words after `mimamori`, e.g. `['names', 'key']`. */
  readonly path: readonly string[];
  readonly summary: string;
  readonly usage: string;
  readonly options: NonNullable<ParseArgsConfig['options']>;
  readonly allowPositionals: boolean;
  /** Returns the process exit code. */
  run(args: ParsedArgs, io: CommandIo): Promise<number>;
}

export interface ParsedArgs {
  readonly values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  readonly positionals: string[];
}

/** A usage error: printed with the command's usage, exit code 2. */
export class CliError extends Error {
  override readonly name = 'CliError';
  constructor(
    readonly code: 'usage' | 'failed',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Defines a command (identity function for type inference). */
export function defineCommand(command: Command): Command {
  return command;
}

/** Parses argv for one command with node:util parseArgs (strict). */
export function parseCommandArgs(command: Command, argv: string[]): ParsedArgs {
  try {
    const parsed = parseArgs({
      args: argv,
      options: command.options,
      allowPositionals: command.allowPositionals,
      strict: true,
    });
    return { values: parsed.values, positionals: parsed.positionals };
  } catch (error) {
    throw new CliError('usage', (error as Error).message, { cause: error });
  }
}

/** Reads a string option or undefined. */
export function stringOption(args: ParsedArgs, name: string): string | undefined {
  const value = args.values[name];
  return typeof value === 'string' ? value : undefined;
}

/**
 * Reads a whole-number option (0…`max`, default 2³¹−1), or the fallback; anything else is a
 * usage error, so no driver ever sees a number it cannot bind.
 */
export function intOption(
  args: ParsedArgs,
  name: string,
  fallback: number,
  max = 2 ** 31 - 1,
): number {
  const raw = stringOption(args, name);
  if (raw === undefined) return fallback;
  const value = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(value) || value > max)
    throw new CliError('usage', `--${name} expects a whole number from 0 to ${max}`);
  return value;
}

/**
 * Reads a file given on the command line; a missing or unreadable file is a CLI failure
 * (`cannot read FILE: ENOENT`), never a raw system error.
 */
export function readInputFile(cwd: string, file: string): Buffer {
  try {
    return readFileSync(resolve(cwd, file));
  } catch (error) {
    throw new CliError(
      'failed',
      `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`,
      { cause: error },
    );
  }
}

/** Reads all of stdin as UTF-8 text. */
export async function readStdin(stdin: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stdin)
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8');
}
