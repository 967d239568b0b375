import { mkdirSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Connector package names: lower-case words joined by hyphens. */
export const connectorNamePattern = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

function camel(name: string): string {
  return name.replace(/-([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
}

/** The files of a new connector package, by relative path. */
export function connectorTemplate(name: string): Record<string, string> {
  const id = camel(name);
  const pkg = {
    name: `@mimamori/connector-${name}`,
    version: '0.1.0',
    private: true,
    type: 'module',
    exports: { '.': './src/index.ts' },
    dependencies: {
      '@mimamori/connector-kit': 'workspace:*',
      '@mimamori/records': 'workspace:*',
    },
    devDependencies: { vitest: 'catalog:' },
  };
  const index = `import { defineConnector, rowReader } from '@mimamori/connector-kit';

/**
 * ${name}: reads the office's export (CSV in CP932 or UTF-8, or XLSX) and emits one
 * observation per row, linked to the roster by resident number, name and birth date.
 * Edit the columns and facts to match the real file; keep the fact ids stable once rules use them.
 */
export const ${id}Connector = defineConnector({
  name: '${name}',
  // Where a worker thread loads this connector from: several files are then read in parallel.
  module: import.meta.url,
  version: '1',
  title: { ja: '${name}（新しいデータ源）', en: '${name} (new source)' },
  source: 'other',
  roster: false,
  file: { formats: ['csv', 'xlsx'], encoding: 'auto' },
  columns: [
    { header: '宛名番号', key: 'residentNumber', role: 'identity', required: false, personal: true },
    { header: '氏名', key: 'name', role: 'identity', required: true, personal: true },
    { header: '生年月日', key: 'birthDate', role: 'identity', required: true, personal: true },
    { header: '回数', key: 'count', role: 'fact', required: true, personal: false },
  ],
  facts: [
    {
      id: '${id}.count',
      label: { ja: '回数', en: 'Count' },
      type: 'number',
      unit: '回',
      min: 0,
      purpose: '子どもの見守りが必要かを判定するため',
      legalBasis: '個人情報保護法第61条第1項（法令の定める所掌事務の遂行に必要な範囲）',
      retention: '判定後5年',
    },
  ],
  normalize(row) {
    const r = rowReader(row);
    const residentNumber = r.text('residentNumber');
    const name = r.text('name');
    const birthDate = r.date('birthDate');
    const count = r.int('count');
    return r.result([
      {
        kind: 'observation',
        line: row.line,
        identity: {
          ...(residentNumber ? { residentNumber } : {}),
          ...(name ? { name } : {}),
          ...(birthDate ? { birthDate } : {}),
        },
        context: {},
        facts: { '${id}.count': count ?? null },
      },
    ]);
  },
});

export default ${id}Connector;
`;
  const test = `import { readFileSync } from 'node:fs';
import { testConnector } from '@mimamori/connector-kit/testing';
import ${id}Connector from './index';

const file = new URL('../fixtures/sample.csv', import.meta.url);

testConnector(${id}Connector, {
  fixtures: [{ file: 'sample.csv', bytes: new Uint8Array(readFileSync(file)) }],
  minRecords: 3,
});
`;
  const fixture = [
    '宛名番号,氏名,生年月日,回数',
    '0000000019,見本 一郎,平成30年4月2日,3',
    ',見本 二郎,R2.5.10,0',
    '0000000027,見本 花子,H29/07/15,12',
    '',
  ].join('\r\n');
  return {
    'package.json': JSON.stringify(pkg, null, 2) + '\n',
    'src/index.ts': index,
    [`src/${name}.test.ts`]: test,
    'fixtures/sample.csv': fixture,
  };
}

/** Writes a new connector package under `connectorsDir/<name>`; refuses to overwrite. */
export function scaffoldConnector(connectorsDir: string, name: string): string {
  if (!connectorNamePattern.test(name)) {
    throw new Error(`connector name must match ${connectorNamePattern.source}`);
  }
  const dir = join(connectorsDir, name);
  if (existsSync(dir)) throw new Error(`connectors/${name} already exists`);
  for (const [rel, content] of Object.entries(connectorTemplate(name))) {
    const path = join(dir, rel);
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, content);
  }
  return dir;
}
