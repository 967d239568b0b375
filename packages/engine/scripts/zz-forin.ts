import { syntheticFacts } from '../src/testing/synthetic-facts';
const records = syntheticFacts(1_000_000, 1);
const ids = Object.keys(Object.assign({}, records[0], records.find((r) => 'nursery.enrolment' in r)));
function t(label: string, f: () => number) { let best = 1e9, s = 0; for (let k = 0; k < 4; k++) { const c0 = process.cpuUsage(); s += f(); const c = process.cpuUsage(c0); best = Math.min(best, (c.user + c.system) / 1000); } console.log(label, best.toFixed(0), s > 0); }
t('forin', () => { let n = 0; for (const r of records) for (const k in r) { if (!Object.hasOwn(r, k)) continue; if (r[k] !== undefined) n++; } return n; });
t('forin-nohasown', () => { let n = 0; for (const r of records) for (const k in r) { if (r[k] !== undefined) n++; } return n; });
t('byId', () => { let n = 0; for (const r of records) for (let i = 0; i < ids.length; i++) { if (r[ids[i]!] !== undefined) n++; } return n; });
t('keys', () => { let n = 0; for (const r of records) { const ks = Object.keys(r); for (let i = 0; i < ks.length; i++) if (r[ks[i]!] !== undefined) n++; } return n; });
t('values', () => { let n = 0; for (const r of records) { const vs = Object.values(r); for (let i = 0; i < vs.length; i++) if (vs[i] !== undefined) n++; } return n; });
