import { createRun, getCurrentVersion, getDataVersion, type Db } from '@mimamori/db';
import type { ApiDeps } from '../deps';
import type { PreviewResult } from '../schemas/preview';

/**
 * Stand-ins for the engine and pipeline services (not the database: that is real) until the
 * lead wires `@mimamori/engine` and `@mimamori/pipeline`. Deterministic and tiny.
 */
export function createFixtureServices(db: Db): Pick<
  ApiDeps,
  'engine' | 'preview' | 'imports' | 'linkage'
> & {
  start: ApiDeps['runs']['start'];
} {
  const emptyPreview: PreviewResult = {
    before: { counts: {} },
    after: { counts: {} },
    entered: [],
    left: [],
    ruleHits: [],
    distribution: {},
    sweep: {},
    disparity: { bySchool: [], byGrade: [], bySex: [], byAge: [] },
  };
  return {
    engine: {
      validate(document) {
        const ok =
          typeof document === 'object' &&
          document !== null &&
          Array.isArray((document as { rules?: unknown }).rules);
        return ok
          ? { ok, errors: [] }
          : {
              ok,
              errors: [
                {
                  path: '/rules',
                  code: 'required',
                  message: 'rules are required',
                  messageJa: 'ルールが必要です',
                },
              ],
            };
      },
      test() {
        return Promise.resolve([{ name: 'fixture', passed: true, diff: null }]);
      },
      diff() {
        return { rules: { added: [], removed: [], changed: [] }, thresholds: [] };
      },
    },
    preview: {
      async preview(request) {
        return (await getCurrentVersion(db, request.ruleSetId)) === undefined
          ? undefined
          : emptyPreview;
      },
    },
    async start(input, by) {
      const version = await getCurrentVersion(db, input.ruleSetId);
      if (version === undefined) return undefined;
      const run = await createRun(db, {
        ruleSetVersionId: version.id,
        dataVersion: await getDataVersion(db),
        asOf: '2026-04-01',
        startedBy: by,
      });
      return { id: run.id };
    },
    imports: {
      connectors() {
        return [
          {
            id: 'school',
            label: '学校',
            source: 'school',
            version: '1',
            fields: [{ name: 'absence', label: '欠席日数', type: 'number', required: true }],
            facts: [{ id: 'school.absenceDays', label: '欠席日数', type: 'number' }],
          },
        ];
      },
      run(input) {
        if (input.connector !== 'school') return Promise.resolve(undefined);
        const ok = !new TextDecoder().decode(input.bytes).includes('bad');
        const issues = ok
          ? []
          : [
              {
                file: input.fileName,
                line: 2,
                column: 1,
                code: 'bad_number',
                message: 'expected a number',
              },
            ];
        return Promise.resolve({
          ok,
          issues,
          summary: { rows: 1, ...(input.dryRun || !ok ? {} : { batchId: 'b1' }) },
        });
      },
      list: () => Promise.resolve([]),
      get: () => Promise.resolve(undefined),
      events(id) {
        if (id !== 'fixture') return undefined;
        const events = [
          { phase: 'read', done: 1, total: 2 },
          { phase: 'store', done: 2, total: 2 },
        ];
        return (async function* progress() {
          for (const event of events) yield await Promise.resolve(event);
        })();
      },
    },
    linkage: {
      queue: () => Promise.resolve([]),
      decide: (id) => Promise.resolve(id === 'fixture'),
    },
  };
}
