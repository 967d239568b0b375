import { commands } from './commands/index';
import { CliError, parseCommandArgs, type CommandIo } from './command';
import { isDatabaseBusy, onStdoutClosed } from './process-errors';

function usage(): string {
  const lines = commands.map((c) => `  mimamori ${c.usage}\n      ${c.summary}`);
  return `Mimamori (見守り) command line\n\nUsage:\n${lines.join('\n')}\n`;
}

/** Runs the CLI with argv (without node and script) and returns the exit code. */
export async function runCli(argv: string[], io: CommandIo): Promise<number> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === 'help') {
    io.stdout.write(usage());
    return argv.length === 0 ? 2 : 0;
  }
  const command = [...commands]
    .sort((a, b) => b.path.length - a.path.length)
    .find((c) => c.path.every((word, i) => argv[i] === word));
  if (!command) {
    io.stderr.write(`mimamori: unknown command '${argv.slice(0, 2).join(' ')}'\n\n${usage()}`);
    return 2;
  }
  try {
    const args = parseCommandArgs(command, argv.slice(command.path.length));
    return await command.run(args, io);
  } catch (error) {
    if (error instanceof CliError) {
      io.stderr.write(`mimamori ${command.path.join(' ')}: ${error.message}\n`);
      if (error.code === 'usage') io.stderr.write(`usage: mimamori ${command.usage}\n`);
      return error.code === 'usage' ? 2 : 1;
    }
    if (isDatabaseBusy(error)) {
      io.stderr.write(
        `mimamori ${command.path.join(' ')}: the database is busy with another command; try again\n`,
      );
      return 1;
    }
    throw error;
  }
}

const isMain =
  process.argv[1] !== undefined && /(?:^|[\\/])(main\.ts|mimamori(\.js)?)$/.test(process.argv[1]);
if (isMain) {
  // `mimamori review list | head -3`: a reader that stops early is not a failure of ours.
  onStdoutClosed(process.stdout, process.stderr, (code) => process.exit(code));
  runCli(process.argv.slice(2), {
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    cwd: process.cwd(),
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      // Expected failures carry a literal code; messages never carry personal data.
      const e = error as { code?: unknown; message?: unknown };
      const code = typeof e.code === 'string' ? e.code : 'error';
      const message = typeof e.message === 'string' ? e.message : 'unexpected failure';
      process.stderr.write(`mimamori: ${code}: ${message}\n`);
      process.exitCode = 1;
    },
  );
}
