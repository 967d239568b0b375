// Benchmark: json-rules-engine 7.3 vs the compiled evaluator on the demo rule set (run via `pnpm bench:engine`).
import { loadavg } from 'node:os';
import { Engine } from 'json-rules-engine';
import { createFactTable, type FactTable } from '../src/columnar/fact-table';
import { createExplainer } from '../src/explain/explain-child';
import { compileRuleSet, toJreRule } from '../src/rule-set/compile-rule-set';
import { createScorer } from '../src/scoring/create-scorer';
import { loadDemoRuleSet } from '../src/testing/demo-rule-set';
import { syntheticFacts } from '../src/testing/synthetic-facts';

const sizes = [1_000, 100_000, 1_000_000] as const;
/** json-rules-engine is run on at most this many records per N; its rate is extrapolated. */
const jreCap = Number(process.env.BENCH_JRE_CAP ?? 5_000);

/** Wall and CPU (user + system, this process) milliseconds of one run. */
interface Timing {
  readonly wall: number;
  readonly cpu: number;
}

function measure(run: () => void): Timing {
  const cpu0 = process.cpuUsage();
  const wall0 = performance.now();
  run();
  const cpu = process.cpuUsage(cpu0);
  return { wall: performance.now() - wall0, cpu: (cpu.user + cpu.system) / 1000 };
}

/** A warm-up pass on the same data (JIT), then the best of `repeats` (wall and CPU separately). */
function best(run: () => void, repeats = 3): Timing {
  run();
  let wall = Infinity;
  let cpu = Infinity;
  for (let i = 0; i < repeats; i += 1) {
    const t = measure(run);
    wall = Math.min(wall, t.wall);
    cpu = Math.min(cpu, t.cpu);
  }
  return { wall, cpu };
}

async function timeJre(
  engine: Engine,
  records: readonly Record<string, unknown>[],
): Promise<Timing> {
  // Warm-up on the same data first, as for ours (the JIT would otherwise count against it).
  for (const facts of records.slice(0, 500)) await engine.run(facts);
  const cpu0 = process.cpuUsage();
  const wall0 = performance.now();
  for (const facts of records) await engine.run(facts);
  const cpu = process.cpuUsage(cpu0);
  return { wall: performance.now() - wall0, cpu: (cpu.user + cpu.system) / 1000 };
}

const int = (x: number): string => Math.round(x).toLocaleString('en-US');
const ms = (t: Timing): string =>
  `${t.wall.toFixed(1).padStart(9)} ms wall ${t.cpu.toFixed(1).padStart(9)} ms cpu`;
/** Records per second of CPU time (the machine is shared; wall time depends on the neighbours). */
const perCpuSecond = (records: number, t: Timing): number => (records / t.cpu) * 1000;

/** Runs the benchmark and prints one block per N plus the explanation timing. */
export async function runEngineBench(): Promise<void> {
  const ruleSet = loadDemoRuleSet();
  const compiledSet = compileRuleSet(ruleSet);
  const scorer = createScorer(ruleSet);
  const { factIds } = compiledSet.compiled;
  const engine = new Engine(compiledSet.ruleSet.rules.map(toJreRule) as never[], {
    allowUndefinedFacts: true,
  });
  for (const [name, condition] of Object.entries(ruleSet.conditions ?? {}))
    engine.setCondition(name, condition as never);
  const load = (): string =>
    loadavg()
      .map((l) => l.toFixed(1))
      .join(' ');
  console.log(
    `demo rule set: ${compiledSet.rules.length} rules, ${factIds.length} facts; synthetic fact records (syntheticFacts); load average ${load()} on ${process.env.BENCH_HOST ?? 'this machine'}`,
  );
  console.log(
    `json-rules-engine runs on min(N, ${int(jreCap)}) records (BENCH_JRE_CAP); its rate is extrapolated to N.`,
  );
  console.log(
    'Ours: warm-up, then best of 3 (scoreTable: best of 5, repeated to ≥ 100,000 records per pass at small N). json-rules-engine: 500 warm-up records first. Rates and ratios use CPU time (the machine is shared); wall time is shown too.\n',
  );
  let flagged: Record<string, unknown>[] = [];
  let oneMillion: { table: FactTable; score: Timing } | undefined;
  for (const n of sizes) {
    const records = syntheticFacts(n, n);
    const sample = records.slice(0, Math.min(n, jreCap));
    const jre = await timeJre(engine, sample);
    const jreRate = perCpuSecond(sample.length, jre);
    const line = (label: string, t: Timing, count = n): string =>
      `  ${label.padEnd(46)} ${ms(t)} ${int(perCpuSecond(count, t)).padStart(12)}/s  ×${int(perCpuSecond(count, t) / jreRate)} json-rules-engine`;
    const evaluate = best(() => {
      for (const facts of records) compiledSet.compiled.evaluate(facts);
    });
    let table = createFactTable(records, { facts: factIds });
    const build = best(() => (table = createFactTable(records, { facts: factIds })));
    const batch = best(() => scorer.scoreBatch(records));
    // Small N finishes in well under a millisecond: repeat it so the timer's resolution and the
    // per-call set-up do not dominate, and report the time of one pass.
    const reps = Math.max(1, Math.round(100_000 / n));
    const repeated = best(() => {
      for (let r = 0; r < reps; r += 1) scorer.scoreTable(table);
    }, 5);
    const columnar = { wall: repeated.wall / reps, cpu: repeated.cpu / reps };
    console.log(`N = ${int(n)}`);
    console.log(
      `  ${'json-rules-engine engine.run (events)'.padEnd(46)} ${ms(jre)} ${int(jreRate).padStart(12)}/s  (measured on ${int(sample.length)}; N would take ${int((n / jreRate) * 1000)} ms cpu)`,
    );
    console.log(line('ours: evaluate() per record (events, same order)', evaluate));
    console.log(line('ours: fact table build from records (once)', build));
    console.log(line('ours: scoreBatch(records) = build + score', batch));
    console.log(line('ours: scoreTable(fact table) (points+levels)', columnar));
    if (n === 1_000_000) {
      const scores = scorer.scoreTable(table);
      const types = scores.typeIds.length;
      const isFlagged = (c: number): boolean =>
        scores.typeIds.some((_, t) => (scores.levels[c * types + t] as number) >= 0);
      flagged = records.filter((_, c) => isFlagged(c)).slice(0, 10_000);
      console.log(
        `  flagged ${((records.filter((_, c) => isFlagged(c)).length / n) * 100).toFixed(1)}% of the synthetic records`,
      );
      oneMillion = { table, score: columnar };
    }
    console.log('');
  }
  if (oneMillion) {
    // The loop's fact records are unreachable now: the heap holds only the typed table, as when
    // facts are loaded straight into columns (with 1M record objects alive, full GCs add to runs).
    const { table } = oneMillion;
    const released = best(() => scorer.scoreTable(table), 5);
    console.log(
      `1,000,000 children scored from the fact table: ${ms(oneMillion.score)} with the records alive, ${ms(released)} with them released (target < 500 ms)`,
    );
  }
  const explainChild = createExplainer(compiledSet);
  const explain = best(() => {
    for (const facts of flagged) explainChild(facts, 'ja');
  });
  console.log(
    `explanations (full condition trees + rendered reasons) for ${int(flagged.length)} flagged children: ${ms(explain)} (target < 500 ms)`,
  );
  console.log(`load average at the end: ${load()}`);
}
