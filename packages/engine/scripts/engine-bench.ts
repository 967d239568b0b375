// Benchmark: json-rules-engine 7.3 vs the compiled evaluator on the demo rule set (run via `pnpm bench:engine`).
import { loadavg } from 'node:os';
import { Engine } from 'json-rules-engine';
import { createExplainer } from '../src/explain/explain-child';
import { compileRuleSet, toJreRule } from '../src/rule-set/compile-rule-set';
import { createScorer } from '../src/scoring/create-scorer';
import { loadDemoRuleSet } from '../src/testing/demo-rule-set';
import { syntheticFacts } from '../src/testing/synthetic-facts';

const sizes = [1_000, 100_000, 1_000_000] as const;
/** json-rules-engine is run on at most this many records per N; its rate is extrapolated. */
const jreCap = Number(process.env.BENCH_JRE_CAP ?? 5_000);

function rate(records: number, ms: number): string {
  return `${Math.round((records / ms) * 1000).toLocaleString('en-US')}/s`;
}

async function timeJre(
  engine: Engine,
  records: readonly Record<string, unknown>[],
): Promise<number> {
  const start = performance.now();
  for (const facts of records) await engine.run(facts);
  return performance.now() - start;
}

function time(run: () => void): number {
  run(); // warm-up pass on the same data (JIT), then measure the best of three
  let best = Infinity;
  for (let i = 0; i < 3; i += 1) {
    const start = performance.now();
    run();
    best = Math.min(best, performance.now() - start);
  }
  return best;
}

/** Runs the benchmark and prints one block per N plus the explanation timing. */
export async function runEngineBench(): Promise<void> {
  const ruleSet = loadDemoRuleSet();
  const compiledSet = compileRuleSet(ruleSet);
  const scorer = createScorer(ruleSet);
  const engine = new Engine(compiledSet.ruleSet.rules.map(toJreRule) as never[], {
    allowUndefinedFacts: true,
  });
  for (const [name, condition] of Object.entries(ruleSet.conditions ?? {}))
    engine.setCondition(name, condition as never);
  console.log(
    `demo rule set: ${compiledSet.rules.length} rules, ${compiledSet.compiled.factIds.length} facts; load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} on this machine`,
  );
  console.log(
    `json-rules-engine runs on min(N, ${jreCap}) records (BENCH_JRE_CAP) and its rate is extrapolated to N.\n`,
  );
  let flaggedPool: Record<string, unknown>[] = [];
  for (const n of sizes) {
    const records = syntheticFacts(n, n);
    const sample = records.slice(0, Math.min(n, jreCap));
    const jreMs = await timeJre(engine, sample);
    const jreRate = (sample.length / jreMs) * 1000;
    const evaluateMs = time(() => {
      for (const facts of records) compiledSet.compiled.evaluate(facts);
    });
    const batchMs = time(() => scorer.scoreBatch(records));
    const columns = Object.fromEntries(
      compiledSet.compiled.factIds.map((id) => [id, records.map((r) => r[id])]),
    );
    const columnsMs = time(() => scorer.scoreColumns({ count: n, columns }));
    const ours = (label: string, ms: number) =>
      `  ${label.padEnd(44)} ${ms.toFixed(1).padStart(9)} ms  ${rate(n, ms).padStart(14)}  ×${Math.round(((n / ms) * 1000) / jreRate).toLocaleString('en-US')} json-rules-engine`;
    console.log(`N = ${n.toLocaleString('en-US')}`);
    console.log(
      `  ${'json-rules-engine engine.run (events)'.padEnd(44)} ${((jreMs / sample.length) * n).toFixed(0).padStart(9)} ms  ${rate(sample.length, jreMs).padStart(14)}  (measured on ${sample.length.toLocaleString('en-US')})`,
    );
    console.log(ours('ours: evaluate() per record (events, same order)', evaluateMs));
    console.log(ours('ours: scoreBatch(records) (points+levels)', batchMs));
    console.log(ours('ours: scoreColumns(fact columns)', columnsMs));
    if (n === 1_000_000) {
      const table = scorer.scoreBatch(records);
      flaggedPool = records.filter((_, c) =>
        table.typeIds.some((__, t) => (table.levels[c * table.typeIds.length + t] as number) >= 0),
      );
      console.log(
        `  1,000,000 scored in ${batchMs.toFixed(0)} ms from records, ${columnsMs.toFixed(0)} ms from columns (target < 500 ms); flagged ${((flaggedPool.length / n) * 100).toFixed(1)}%`,
      );
    }
    console.log('');
  }
  const flagged = flaggedPool.slice(0, 10_000);
  const explainChild = createExplainer(compiledSet);
  const explainMs = time(() => {
    for (const facts of flagged) explainChild(facts, 'ja');
  });
  console.log(
    `explanations (full condition trees + rendered reasons) for ${flagged.length.toLocaleString('en-US')} flagged children: ${explainMs.toFixed(0)} ms (target < 500 ms)`,
  );
}
