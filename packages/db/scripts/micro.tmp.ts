import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
const N = 130000;
function run(label: string, ddl: string[], opts: { fk?: boolean; idFmt?: (i: number) => string } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'micro-'));
  const db = new Database(join(dir, 'm.db'));
  db.pragma('journal_mode = WAL'); db.pragma(`foreign_keys = ${opts.fk === false ? 'OFF' : 'ON'}`); db.pragma('synchronous = NORMAL'); db.pragma('cache_size = -65536');
  db.exec(`create table import_batches (id text primary key); insert into import_batches values ('b00000001');
  create table children (id text primary key, x int);`);
  const ins = db.prepare('insert into children values (?, 0)');
  db.transaction(() => { for (let i = 0; i < 30000; i++) ins.run(`c${(i * 7919 % 30000).toString(36)}x${i}`); })();
  for (const d of ddl) db.exec(d);
  const childIds = (db.prepare('select id from children').pluck().all() as string[]);
  const cols = 14;
  const rowsPer = 1000;
  const text = `insert into source_records values ${Array.from({ length: rowsPer }, () => `(${Array(cols).fill('?').join(',')})`).join(',')}`;
  const stmt = db.prepare(text);
  const facts = JSON.stringify({ checkup_missed: 1, weight_z: -0.52, dental: 'A', visits: 3 });
  const ctx = JSON.stringify({ school: 's012', grade: 3 });
  const idFmt = opts.idFmt ?? ((i: number) => `b00000001:${i}`);
  const t = process.cpuUsage();
  db.exec('begin');
  for (let s = 0; s + rowsPer <= N; s += rowsPer) {
    const p: unknown[] = [];
    for (let i = s; i < s + rowsPer; i++) p.push(idFmt(i), 'b00000001', i, 'health', '1.0.0', 'kenshin.xlsx', i + 2, 'observation', i % 10 === 0 ? null : childIds[(i * 31) % childIds.length], i % 10 === 0 ? 'unmatched' : 'linked', 'name-birth', 0.95, facts, ctx);
    stmt.run(p);
  }
  db.exec('commit');
  const u = process.cpuUsage(t);
  console.log(label.padEnd(40), ((u.user + u.system) / 1000).toFixed(0), 'ms', (((u.user + u.system) / N)).toFixed(2), 'us/row');
  db.close();
}
const base = `create table source_records (id text primary key, batch_id text not null references import_batches(id), seq integer not null, connector text not null, connector_version text not null, file text not null, line integer not null, kind text not null, child_id text references children(id), link_status text not null, link_method text, link_confidence double precision, facts_json text not null, context_json text not null)`;
const childIdx = 'create index source_records_child_idx on source_records (child_id)';
const lsIdx = 'create index source_records_link_status_idx on source_records (link_status)';
const lsPartial = "create index source_records_review_idx on source_records (link_status) where link_status <> 'linked'";
for (let k = 0; k < 3; k++) {
run('full', [base, childIdx, lsIdx]);
run('padded id', [base, childIdx, lsIdx], { idFmt: (i) => `b00000001:${String(i).padStart(9, '0')}` });
run('partial', [base, childIdx, lsPartial]);
run('padded partial', [base, childIdx, lsPartial], { idFmt: (i) => `b00000001:${String(i).padStart(9, '0')}` });
}
