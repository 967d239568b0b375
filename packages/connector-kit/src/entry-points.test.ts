import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const packageDir = fileURLToPath(new URL('..', import.meta.url));

/**
 * Every module URL Node resolves while importing `specifier` in a fresh process (tsx for the
 * TypeScript sources), recorded by a module resolution hook.
 */
function loadedModules(specifier: string): string[] {
  const hook = `
    let port;
    export function initialize(data) { port = data.port; }
    export async function resolve(specifier, context, next) {
      const resolved = await next(specifier, context);
      port.postMessage(resolved.url);
      return resolved;
    }`;
  const script = `
    import { register } from 'node:module';
    import { MessageChannel } from 'node:worker_threads';
    const urls = [];
    const { port1, port2 } = new MessageChannel();
    port1.on('message', (url) => urls.push(url));
    port1.unref();
    register('data:text/javascript,' + encodeURIComponent(${JSON.stringify(hook)}), {
      data: { port: port2 },
      transferList: [port2],
    });
    await import(${JSON.stringify(specifier)});
    // Let the last messages from the hooks thread arrive.
    await new Promise((resolve) => setTimeout(resolve, 100));
    process.stdout.write(JSON.stringify(urls));
  `;
  const out = execFileSync(
    process.execPath,
    ['--import', 'tsx', '--input-type=module', '-e', script],
    {
      cwd: packageDir,
      encoding: 'utf8',
      env: { ...process.env, NODE_OPTIONS: '' },
    },
  );
  return JSON.parse(out) as string[];
}

const isVitest = (url: string) => /\/(vitest|@vitest\/[^/]+)\//.test(url);

describe('entry points', () => {
  it('the main entry loads neither vitest nor exceljs (the CLI and the server import it)', () => {
    const urls = loadedModules('@mimamori/connector-kit');
    expect(urls.some((url) => url.endsWith('/connector-kit/src/index.ts'))).toBe(true);
    expect(urls.some((url) => url.endsWith('/connector-kit/src/read-xlsx.ts'))).toBe(true);
    expect(urls.filter(isVitest)).toEqual([]);
    expect(urls.filter((url) => url.includes('/exceljs/'))).toEqual([]);
  });

  it('the testing entry brings the conformance suite and vitest', () => {
    const urls = loadedModules('@mimamori/connector-kit/testing');
    expect(urls.some((url) => url.endsWith('/connector-kit/src/test-connector.ts'))).toBe(true);
    expect(urls.filter(isVitest)).not.toEqual([]);
  }, 30_000);
});
