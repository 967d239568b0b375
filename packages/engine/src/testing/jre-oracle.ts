// Test-only: wraps json-rules-engine (a devDependency) as the oracle for differential tests and the bench.
import { Engine } from 'json-rules-engine';
import type { JreRule, TopLevelCondition } from '../schema/condition-schema';
import type { DecoratorFn, OperatorFn } from '../compile/operators';

/** What the oracle reports for one fact record: events, or that the run rejected. */
export type OracleOutcome =
  { ok: true; events: { type: string; params?: unknown }[] } | { ok: false; error: string };

/** A json-rules-engine instance with `allowUndefinedFacts: true`, reused across fact records. */
export function createOracle(
  rules: readonly JreRule[],
  options: {
    conditions?: Readonly<Record<string, TopLevelCondition>>;
    operators?: Readonly<Record<string, OperatorFn>>;
    decorators?: Readonly<Record<string, DecoratorFn>>;
  } = {},
): (facts: Record<string, unknown>) => Promise<OracleOutcome> {
  const build = (): Engine => {
    // json-rules-engine mutates condition objects (priority parsing), so give it a copy.
    const engine = new Engine(structuredClone(rules) as never[], { allowUndefinedFacts: true });
    for (const [name, condition] of Object.entries(structuredClone(options.conditions ?? {}))) {
      engine.setCondition(name, condition as never);
    }
    for (const [name, fn] of Object.entries(options.operators ?? {})) engine.addOperator(name, fn);
    for (const [name, fn] of Object.entries(options.decorators ?? {})) {
      engine.addOperatorDecorator(name, fn as never);
    }
    return engine;
  };
  let engine = build();
  return async function runOracle(facts) {
    try {
      const result = await engine.run(facts);
      return {
        ok: true,
        events: result.events.map((e) =>
          e.params ? { type: e.type, params: e.params } : { type: e.type },
        ),
      };
    } catch (error) {
      // A rejected run keeps evaluating later priority groups in the background and then flips
      // the engine's status, which would cut short the next run: use a fresh engine instead.
      engine = build();
      return { ok: false, error: String(error) };
    }
  };
}
