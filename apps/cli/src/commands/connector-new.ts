import { join } from 'node:path';
import { CliError, defineCommand } from '../command';
import { repoRoot } from '../runtime';
import { connectorNamePattern, scaffoldConnector } from '../scaffold-connector';

/** `mimamori connector new <name>`: scaffolds a connector package under connectors/. */
export const connectorNewCommand = defineCommand({
  path: ['connector', 'new'],
  summary:
    'scaffold a working connector package (fixture + conformance test) under connectors/<name>',
  usage: 'connector new <name> [--dir DIR]',
  options: { dir: { type: 'string' } },
  allowPositionals: true,
  async run(args, io) {
    const [name, ...rest] = args.positionals;
    if (!name || rest.length > 0) throw new CliError('usage', 'expected one connector name');
    if (!connectorNamePattern.test(name)) {
      throw new CliError(
        'usage',
        `connector name must be lower-case words joined by hyphens (${connectorNamePattern.source})`,
      );
    }
    const dirOption = args.values['dir'];
    const base = typeof dirOption === 'string' ? dirOption : join(repoRoot, 'connectors');
    let dir: string;
    try {
      dir = scaffoldConnector(base, name);
    } catch (error) {
      throw new CliError('failed', (error as Error).message, { cause: error });
    }
    io.stdout.write(`${dir}\n`);
    io.stderr.write(
      `connector ${name} created. Next: edit its columns and facts, run 'pnpm install' (adds it to the workspace), then 'pnpm vitest run ${dir}'.\n`,
    );
    return 0;
  },
});
