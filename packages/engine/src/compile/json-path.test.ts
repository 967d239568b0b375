import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { createRandom, randomValue } from '../testing/random-cases';
import { parseJsonPath, resolveJsonPath } from './json-path';

// jsonpath-plus is what json-rules-engine 7.3 uses by default; reach it through json-rules-engine.
const requireFromJre = createRequire(createRequire(import.meta.url).resolve('json-rules-engine'));
const { JSONPath } = requireFromJre('jsonpath-plus') as { JSONPath: (o: object) => unknown };

const paths = [
  '$',
  '$.x',
  '$.x.y',
  '$.arr[0]',
  '$.arr[2]',
  "$['x']",
  '$["y"]',
  '$.x.arr[1]',
  '$.length',
  '$[0]',
  '$[1].x',
  '$.名前',
  "$['a b']",
  '$.x[01]',
];

describe('JSONPath subset', () => {
  it('resolves like jsonpath-plus (wrap: false) on random objects', () => {
    const random = createRandom(7);
    for (let i = 0; i < 2000; i += 1) {
      const value = randomValue(random, 3);
      if (value === null || typeof value !== 'object') continue;
      for (const path of paths) {
        const segments = parseJsonPath(path);
        expect(segments, path).toBeDefined();
        expect(resolveJsonPath(value, segments as string[]), path).toEqual(
          JSONPath({ path, json: value, wrap: false }),
        );
      }
    }
  });

  it.each(['$..x', '$.*', '$[*]', '$[?(@.x)]', 'x.y', '$.a[-1]', '$.a[0:2]', "$['a,b']"])(
    'refuses %s',
    (path) => {
      expect(parseJsonPath(path)).toBeUndefined();
    },
  );
});
