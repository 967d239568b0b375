import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditActions } from './audit-actions';
import { en } from './i18n/en';
import { ja } from './i18n/ja';

const root = resolve(import.meta.dirname, '../../../..');

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (name === 'node_modules' || name === 'testing') continue;
    if (statSync(path).isDirectory()) sourceFiles(path, out);
    else if (name.endsWith('.ts') && !name.endsWith('.test.ts') && !name.includes('fixture'))
      out.push(path);
  }
  return out;
}

/** Action codes the API, CLI and packages write: the literal first argument after the context. */
function writtenActions(): Set<string> {
  const dirs = [
    'apps/api/src',
    'apps/cli/src',
    ...readdirSync(join(root, 'packages')).map((p) => `packages/${p}/src`),
  ].filter((dir) => existsSync(join(root, dir)));
  const call =
    /(?:audit\(\s*c,|auditExport\([^,]+,[^,]+,|recorded\(c,[^,]+,|action:)\s*'([a-z_]+(?:\.[a-z_]+)+)'/g;
  const ternary = /\?\s*'([a-z_]+(?:\.[a-z_]+)+)'\s*:\s*'([a-z_]+(?:\.[a-z_]+)+)'/g;
  const found = new Set<string>();
  for (const dir of dirs) {
    for (const file of sourceFiles(join(root, dir))) {
      const text = readFileSync(file, 'utf8').replace(/\s+/g, ' ');
      for (const m of text.matchAll(call)) if (m[1]) found.add(m[1]);
      for (const m of text.matchAll(/audit\(\s*c,\s*[^']*\?[^:]*:[^,]*,/g))
        for (const t of m[0].matchAll(ternary)) for (const a of t.slice(1)) if (a) found.add(a);
    }
  }
  return found;
}

describe('audit actions', () => {
  it('lists every action the code writes to the audit log', () => {
    const written = writtenActions();
    expect(written.size).toBeGreaterThan(20);
    const listed = new Set<string>(auditActions);
    expect([...written].filter((a) => !listed.has(a)).sort()).toEqual([]);
    // And no action the code no longer writes is offered as a filter.
    expect(auditActions.filter((a) => !written.has(a))).toEqual([]);
  });

  it('names each action in both languages', () => {
    const jaNames: Record<string, string> = ja;
    const enNames: Record<string, string> = en;
    for (const action of auditActions) {
      expect(jaNames[`audit.action.${action}`], action).toBeTruthy();
      expect(enNames[`audit.action.${action}`], action).toBeTruthy();
    }
  });
});
