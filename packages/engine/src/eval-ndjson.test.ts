import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EngineError } from './engine-error';
import { evalNdjson, type EvalNdjsonLine } from './eval-ndjson';
import type { JreRule } from './schema/condition-schema';
import { createOracle } from './testing/jre-oracle';

async function collect(lines: AsyncIterable<EvalNdjsonLine>): Promise<EvalNdjsonLine[]> {
  const out: EvalNdjsonLine[] = [];
  for await (const line of lines) out.push(line);
  return out;
}
const jsonOf = (out: EvalNdjsonLine[]): string[] => out.map((o) => (o.ok ? o.json : 'error'));

const bare = [
  {
    conditions: { all: [{ fact: 'age', operator: 'greaterThan', value: 17 }] },
    event: { type: 'adult', params: { n: 1 } },
  },
];
const demo: unknown = JSON.parse(
  readFileSync(new URL('../../../rules/demo.rules.json', import.meta.url), 'utf8'),
);

/** Each record through json-rules-engine 7.3: the events line it would give, or 'error'. */
async function reference(rules: unknown[], lines: string[]): Promise<string[]> {
  const oracle = createOracle(rules as JreRule[]);
  const out: string[] = [];
  for (const line of lines) {
    const outcome = await oracle(JSON.parse(line) as Record<string, unknown>);
    out.push(outcome.ok ? JSON.stringify({ events: outcome.events }) : 'error');
  }
  return out;
}

describe('evalNdjson', () => {
  it('evaluates a bare json-rules-engine array, one output line per record', async () => {
    const out = await collect(
      evalNdjson(bare, ['{"age":20}', '', '{"age":3}'], { explain: false }),
    );
    expect(jsonOf(out)).toEqual([
      '{"events":[{"type":"adult","params":{"n":1}}]}',
      '{"events":[]}',
    ]);
  });

  it('adds explanations for a rule-set document', async () => {
    const [line] = await collect(
      evalNdjson(demo, ['{"school.absenceDays":42}'], { explain: true }),
    );
    const parsed = JSON.parse(line?.ok ? line.json : '{}') as {
      events: { type: string }[];
      explanation: { reasons: { text: string }[]; rules: unknown[] };
    };
    expect(parsed.events.map((e) => e.type)).toEqual(['bullying_absence', 'bullying_absence']);
    expect(parsed.explanation.reasons[0]?.text).toBe('欠席日数 42日 (30日以上)');
    expect(parsed.explanation.rules.length).toBe(40);
  });

  it('names a bad line and goes on with the next ones', async () => {
    const out = await collect(
      evalNdjson(bare, ['{"age":1}', '{oops', '[1]', '{"age":20}'], { explain: false }),
    );
    expect(out).toEqual([
      { ok: true, json: '{"events":[]}' },
      { ok: false, line: 2, code: 'invalid_input', message: 'not valid JSON' },
      { ok: false, line: 3, code: 'invalid_input', message: 'expected a JSON object of facts' },
      { ok: true, json: '{"events":[{"type":"adult","params":{"n":1}}]}' },
    ]);
  });

  it('refuses only the records json-rules-engine rejects, never quoting a fact value', async () => {
    const rules = [
      {
        conditions: { all: [{ fact: 'a', operator: 'in', value: { fact: 'b' } }] },
        event: { type: 'has-one' },
      },
    ];
    // `in` a number throws in json-rules-engine; an empty fact id rejects the run.
    const lines = ['{"a":1,"b":12345}', '{"":1,"a":1,"b":[1]}', '{"a":1,"b":[1]}'];
    const out = await collect(evalNdjson(rules, lines, { explain: false }));
    expect(jsonOf(out)).toEqual(await reference(rules, lines));
    expect(out.filter((o) => !o.ok).map((o) => !o.ok && o.line)).toEqual([1, 2]);
    expect(JSON.stringify(out)).not.toContain('12345');
  });

  it('runs the rules json-rules-engine runs (truncated priorities, null params, empty path)', async () => {
    const rules = [
      {
        priority: 1.5,
        conditions: {
          all: [
            { fact: 'a', operator: 'equal', value: 1, path: '', priority: 0 },
            { any: [{ fact: 'a', operator: 'lessThan', value: 9 }], priority: 2.7 },
          ],
        },
        event: { type: 'x', params: null },
      },
      { priority: 0, conditions: { any: [] }, event: { type: 'y', params: { k: 1 } } },
    ];
    const lines = ['{"a":1}', '{"a":2}'];
    const out = await collect(evalNdjson(rules, lines, { explain: false }));
    expect(jsonOf(out)).toEqual(await reference(rules, lines));
    expect(jsonOf(out)[0]).toContain('{"type":"x"}');
  });

  it.each([
    [{ priority: 0.5 }, '/0/priority Priority must be at least 1'],
    [{ priority: -1 }, '/0/priority Priority must be at least 1'],
    [{ event: { type: 'x', params: {} }, name: 5 }, '/0/name Expected string'],
  ])('refuses %j with an accurate message', async (change, message) => {
    const rules = [{ ...bare[0], ...change }];
    const error: unknown = await collect(evalNdjson(rules, [], { explain: false })).catch(
      (e: unknown) => e,
    );
    expect((error as Error).message).toContain(message);
    expect((error as Error).message).not.toContain('Required');
  });

  it('refuses an invalid rule set before reading any line', async () => {
    const error: unknown = await collect(evalNdjson({ id: 'x' }, [], { explain: false })).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(EngineError);
    expect((error as EngineError).code).toBe('invalid_rules');
  });
});
