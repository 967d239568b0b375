// `pnpm bench:engine`: json-rules-engine vs the compiled evaluator for N = 1,000 / 100,000 / 1,000,000
// (records/s and ratio, fact-table build, columnar scoring, 1M children, 10k explanations).
import { runEngineBench } from '../packages/engine/scripts/engine-bench';

await runEngineBench();
