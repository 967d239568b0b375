import { syntheticFacts } from '../src/testing/synthetic-facts';
const records = syntheticFacts(1_000_000, 1);
function t(label: string, f: () => number) { let best = 1e9, s = 0; for (let k = 0; k < 4; k++) { const c0 = process.cpuUsage(); s += f(); const c = process.cpuUsage(c0); best = Math.min(best, (c.user + c.system) / 1000); } console.log(label, best.toFixed(0), s > 0); }
t('forin plain', () => { let n = 0; for (const r of records) for (const k in r) { if (r[k] !== undefined) n++; } return n; });
t('forin+proto', () => { let n = 0; for (const r of records) { const p = Object.getPrototypeOf(r); const plain = p === Object.prototype; for (const k in r) { if (!plain && !Object.hasOwn(r, k)) continue; if (r[k] !== undefined) n++; } } return n; });
const cachedKeys: string[] = []; const cachedIndex: number[] = []; const indexOf = new Map<string, number>();
t('forin+cache', () => { let n = 0; for (const r of records) { let j = 0; for (const k in r) { let idx: number; if (cachedKeys[j] === k) idx = cachedIndex[j]!; else { idx = indexOf.get(k) ?? indexOf.size; indexOf.set(k, idx); cachedKeys[j] = k; cachedIndex[j] = idx; } if (r[k] !== undefined) n += idx; j++; } } return n; });
const seen: number[] = new Array(40).fill(0);
t('forin+cache+visit', () => { let n = 0; const visit = (i: number, v: unknown) => { seen[i]! |= typeof v === 'number' ? 1 : 2; }; for (const r of records) { let j = 0; for (const k in r) { let idx: number; if (cachedKeys[j] === k) idx = cachedIndex[j]!; else { idx = indexOf.get(k) ?? indexOf.size; indexOf.set(k, idx); cachedKeys[j] = k; cachedIndex[j] = idx; } visit(idx, r[k]); j++; n++; } } return n; });
const posKeys: string[][] = []; const posIdx: number[][] = [];
const lookup = (j: number, k: string): number => {
  let keys = posKeys[j]; if (keys === undefined) { keys = posKeys[j] = []; posIdx[j] = []; }
  for (let e = 0; e < keys.length; e++) if (keys[e] === k) return posIdx[j]![e]!;
  const idx = indexOf.get(k) ?? indexOf.size; indexOf.set(k, idx);
  if (keys.length < 8) { keys.push(k); posIdx[j]!.push(idx); }
  return idx;
};
t('forin+poscache', () => { let n = 0; for (const r of records) { let j = 0; for (const k in r) { const idx = lookup(j, k); if (r[k] !== undefined) n += idx; j++; } } return n; });
t('forin+poscache inline', () => { let n = 0; for (const r of records) { let j = 0; for (const k in r) { let idx = -1; const keys = posKeys[j]; if (keys !== undefined) for (let e = 0; e < keys.length; e++) if (keys[e] === k) { idx = posIdx[j]![e]!; break; } if (idx < 0) idx = lookup(j, k); if (r[k] !== undefined) n += idx; j++; } } return n; });
