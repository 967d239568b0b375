import { compileRules, type CompiledRules } from './compile/compile-rules';
import { EngineError, type EngineErrorCode } from './engine-error';
import { explain } from './explain/explain';
import { createExplainer } from './explain/explain-child';
import { compileRuleSet } from './rule-set/compile-rule-set';
import type { JreRule } from './schema/condition-schema';
import { loadRuleSet } from './validate/load-rule-set';

type Line = (facts: Record<string, unknown>) => Record<string, unknown>;

function prepare(rulesJson: unknown, withExplanation: boolean): Line {
  if (Array.isArray(rulesJson)) {
    const compiled: CompiledRules = compileRules(rulesJson as JreRule[]);
    return (facts) => {
      if (!withExplanation) return compiled.evaluate(facts);
      const { events, rules } = explain(compiled, facts);
      return { events, explanation: { rules } };
    };
  }
  const loaded = loadRuleSet(rulesJson);
  if (!loaded.ok) {
    const summary = loaded.errors
      .slice(0, 10)
      .map((e) => `${e.path || '/'}: ${e.message}`)
      .join('; ');
    throw new EngineError(
      'invalid_rules',
      `Invalid rule set (${loaded.errors.length} errors): ${summary}`,
      { cause: loaded.errors },
    );
  }
  const compiledSet = compileRuleSet(loaded.ruleSet);
  const explainChild = createExplainer(compiledSet);
  return (facts) => {
    if (!withExplanation) return compiledSet.compiled.evaluate(facts);
    const { rules, reasons } = explainChild(facts, 'ja');
    return { events: compiledSet.compiled.evaluate(facts).events, explanation: { reasons, rules } };
  };
}

/** One output of {@link evalNdjson}: a result line, or why one input record was refused. */
export type EvalNdjsonLine =
  | { readonly ok: true; readonly json: string }
  | {
      readonly ok: false;
      readonly line: number;
      readonly code: EngineErrorCode;
      /** Names the problem, never a fact value. */
      readonly message: string;
    };

type RecordOutcome =
  | { readonly ok: true; readonly json: string }
  | { readonly ok: false; readonly code: EngineErrorCode; readonly message: string };

function evaluateRecord(text: string, evaluateLine: Line): RecordOutcome {
  let facts: unknown;
  try {
    facts = JSON.parse(text);
  } catch {
    return { ok: false, code: 'invalid_input', message: 'not valid JSON' };
  }
  if (facts === null || typeof facts !== 'object' || Array.isArray(facts)) {
    return { ok: false, code: 'invalid_input', message: 'expected a JSON object of facts' };
  }
  // json-rules-engine rejects the run: `new Fact('')` throws "factId required".
  if (Object.hasOwn(facts, '')) {
    return { ok: false, code: 'invalid_input', message: 'a fact id is empty (factId required)' };
  }
  try {
    return { ok: true, json: JSON.stringify(evaluateLine(facts as Record<string, unknown>)) };
  } catch (cause) {
    // Our operator errors name the operator only; anything else might quote a value.
    const why = cause instanceof EngineError ? `: ${cause.message}` : '';
    return { ok: false, code: 'operator_failed', message: `evaluation failed${why}` };
  }
}

/**
 * Evaluates NDJSON fact records (one JSON object per line) and yields one output per record:
 * `{ ok: true, json }` with the NDJSON result `{"events":[…]}` (+ `"explanation"`), or `ok: false`
 * naming the line when that record is refused (as json-rules-engine rejects that run) — later lines
 * are still evaluated. `rulesJson` is a rule-set document or a bare json-rules-engine rule array;
 * invalid rules throw before any line is read. Blank lines are skipped.
 *
 * @example
 * for await (const out of evalNdjson(rules, ['{"age":20}'], { explain: false }))
 *   if (out.ok) console.log(out.json);
 */
export async function* evalNdjson(
  rulesJson: unknown,
  ndjsonLines: AsyncIterable<string> | Iterable<string>,
  options: { readonly explain: boolean },
): AsyncIterable<EvalNdjsonLine> {
  const evaluateLine = prepare(rulesJson, options.explain);
  let lineNumber = 0;
  for await (const raw of ndjsonLines) {
    lineNumber += 1;
    const text = raw.trim();
    if (text === '') continue;
    const out = evaluateRecord(text, evaluateLine);
    yield out.ok ? out : { ...out, line: lineNumber };
  }
}
