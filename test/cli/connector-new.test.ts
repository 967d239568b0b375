import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { runConnector } from '@mimamori/connector-kit';
import { testConnector } from '@mimamori/connector-kit/testing';
import { discoverConnectors } from '@mimamori/pipeline';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from '../support/cli';

// Scaffold a connector the way IT staff would, into a throwaway workspace root inside the repo
// (so it resolves the workspace's packages), then run the real conformance suite on it.
const root = resolve(import.meta.dirname, '../..');
const sandbox = join(root, '.tmp', `scaffold-${process.pid}`);
mkdirSync(join(sandbox, 'connectors'), { recursive: true });
afterAll(() => rmSync(sandbox, { recursive: true, force: true }));

const created = await cli(
  ['connector', 'new', 'childrens-hall', '--dir', join(sandbox, 'connectors')],
  { cwd: root },
);
const dir = join(sandbox, 'connectors', 'childrens-hall');
const mod = (await import(pathToFileURL(join(dir, 'src', 'index.ts')).href)) as {
  default: Parameters<typeof testConnector>[0];
};
const fixture = {
  file: 'sample.csv',
  bytes: new Uint8Array(readFileSync(join(dir, 'fixtures', 'sample.csv'))),
};

describe('mimamori connector new', () => {
  it('creates a package with a connector, a fixture and a conformance test', () => {
    expect(created.code).toBe(0);
    for (const f of [
      'package.json',
      'src/index.ts',
      'src/childrens-hall.test.ts',
      'fixtures/sample.csv',
    ]) {
      expect(existsSync(join(dir, f))).toBe(true);
    }
  });

  it('is picked up by connector discovery and reads its fixture', async () => {
    const found = await discoverConnectors(sandbox);
    expect([...found.keys()]).toEqual(['childrens-hall']);
    const result = await runConnector(mod.default, fixture);
    expect(result.issues).toEqual([]);
    expect(result.records.length).toBe(3);
  });

  it('refuses a bad name and an existing package', async () => {
    expect(
      (
        await cli(['connector', 'new', 'Bad_Name', '--dir', join(sandbox, 'connectors')], {
          cwd: root,
        })
      ).code,
    ).toBe(2);
    const again = await cli(
      ['connector', 'new', 'childrens-hall', '--dir', join(sandbox, 'connectors')],
      { cwd: root },
    );
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already exists');
  });
});

testConnector(mod.default, { fixtures: [fixture], minRecords: 3 });
