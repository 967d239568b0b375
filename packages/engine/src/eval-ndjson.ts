import { compileRules, type CompiledRules } from './compile/compile-rules';
import { EngineError } from './engine-error';
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

/**
 * Evaluates NDJSON fact records (one JSON object per line) and yields one NDJSON result line per
 * record: `{"events":[…]}` (+ `"explanation"`). `rulesJson` is a rule-set document or a bare
 * json-rules-engine rule array. Blank lines are skipped; a bad line throws naming its number.
 *
 * @example
 * for await (const line of evalNdjson(rules, ['{"age":20}'], { explain: false })) console.log(line);
 */
export async function* evalNdjson(
  rulesJson: unknown,
  ndjsonLines: AsyncIterable<string> | Iterable<string>,
  options: { readonly explain: boolean },
): AsyncIterable<string> {
  const evaluateLine = prepare(rulesJson, options.explain);
  let lineNumber = 0;
  for await (const raw of ndjsonLines) {
    lineNumber += 1;
    const text = raw.trim();
    if (text === '') continue;
    let facts: unknown;
    try {
      facts = JSON.parse(text);
    } catch (cause) {
      throw new EngineError('invalid_input', `line ${lineNumber}: not valid JSON`, { cause });
    }
    if (facts === null || typeof facts !== 'object' || Array.isArray(facts)) {
      throw new EngineError('invalid_input', `line ${lineNumber}: expected a JSON object of facts`);
    }
    try {
      yield JSON.stringify(evaluateLine(facts as Record<string, unknown>));
    } catch (cause) {
      throw new EngineError('operator_failed', `line ${lineNumber}: evaluation failed`, { cause });
    }
  }
}
