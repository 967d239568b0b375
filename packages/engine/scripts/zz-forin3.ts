import { syntheticFacts } from '../src/testing/synthetic-facts';
const all = syntheticFacts(1_400_000, 1);
const records = all.filter((r) => 'school.absenceDays' in r).slice(0, 1_000_000);
function t(label: string, f: () => number) { let best = 1e9, s = 0; for (let k = 0; k < 4; k++) { const c0 = process.cpuUsage(); s += f(); const c = process.cpuUsage(c0); best = Math.min(best, (c.user + c.system) / 1000); } console.log(label, best.toFixed(0), s > 0); }
t('forin plain (one shape)', () => { let n = 0; for (const r of records) for (const k in r) { if (r[k] !== undefined) n++; } return n; });
const cachedKeys: string[] = []; const cachedIndex: number[] = []; const indexOf = new Map<string, number>();
t('forin+cache (one shape)', () => { let n = 0; for (const r of records) { let j = 0; for (const k in r) { let idx: number; if (cachedKeys[j] === k) idx = cachedIndex[j]!; else { idx = indexOf.get(k) ?? indexOf.size; indexOf.set(k, idx); cachedKeys[j] = k; cachedIndex[j] = idx; } if (r[k] !== undefined) n += idx; j++; } } return n; });
t('forin+map (one shape)', () => { let n = 0; for (const r of records) { for (const k in r) { const idx = indexOf.get(k)!; if (r[k] !== undefined) n += idx; } } return n; });
