import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EngineError } from './engine-error';
import { evalNdjson } from './eval-ndjson';

async function collect(lines: AsyncIterable<string>): Promise<string[]> {
  const out: string[] = [];
  for await (const line of lines) out.push(line);
  return out;
}

const bare = [
  {
    conditions: { all: [{ fact: 'age', operator: 'greaterThan', value: 17 }] },
    event: { type: 'adult', params: { n: 1 } },
  },
];
const demo: unknown = JSON.parse(
  readFileSync(new URL('../../../rules/demo.rules.json', import.meta.url), 'utf8'),
);

describe('evalNdjson', () => {
  it('evaluates a bare json-rules-engine array, one output line per record', async () => {
    const out = await collect(
      evalNdjson(bare, ['{"age":20}', '', '{"age":3}'], { explain: false }),
    );
    expect(out).toEqual(['{"events":[{"type":"adult","params":{"n":1}}]}', '{"events":[]}']);
  });

  it('adds explanations for a rule-set document', async () => {
    const [line] = await collect(
      evalNdjson(demo, ['{"school.absenceDays":42}'], { explain: true }),
    );
    const parsed = JSON.parse(line ?? '{}') as {
      events: { type: string }[];
      explanation: { reasons: { text: string }[]; rules: unknown[] };
    };
    expect(parsed.events.map((e) => e.type)).toEqual(['bullying_absence', 'bullying_absence']);
    expect(parsed.explanation.reasons[0]?.text).toBe('欠席日数 42日 (30日以上)');
    expect(parsed.explanation.rules.length).toBe(40);
  });

  it('names the bad line', async () => {
    await expect(
      collect(evalNdjson(bare, ['{"age":1}', '{oops'], { explain: false })),
    ).rejects.toThrow('line 2: not valid JSON');
    await expect(collect(evalNdjson(bare, ['[1]'], { explain: false }))).rejects.toThrow(
      'line 1: expected a JSON object',
    );
  });

  it('refuses an invalid rule set before reading any line', async () => {
    const error: unknown = await collect(evalNdjson({ id: 'x' }, [], { explain: false })).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(EngineError);
    expect((error as EngineError).code).toBe('invalid_rules');
  });
});
