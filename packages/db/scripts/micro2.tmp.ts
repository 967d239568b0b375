import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
const NC = 30000;
const ids = Array.from({ length: NC }, (_, i) => 'c_' + createHash('sha256').update(String(i)).digest('hex').slice(0, 16));
function setup(ddl: string[]) {
  const dir = mkdtempSync(join(tmpdir(), 'micro-'));
  const db = new Database(join(dir, 'm.db'));
  db.pragma('journal_mode = WAL'); db.pragma('foreign_keys = ON'); db.pragma('synchronous = NORMAL'); db.pragma('cache_size = -65536');
  db.exec(`create table children (id text primary key, x int)`);
  const ins = db.prepare('insert into children values (?, 0)');
  db.transaction(() => { for (const id of ids) ins.run(id); })();
  for (const d of ddl) db.exec(d);
  return db;
}
function timeIt(label: string, db: Database.Database, cols: number, rows: unknown[][], table: string) {
  const per = Math.min(1000, Math.floor(32766 / cols));
  const text = (n: number) => `insert into ${table} values ${Array.from({ length: n }, () => `(${Array(cols).fill('?').join(',')})`).join(',')}`;
  const stmt = db.prepare(text(per));
  const t = process.cpuUsage();
  db.exec('begin');
  for (let s = 0; s < rows.length; s += per) {
    const part = rows.slice(s, s + per);
    const st = part.length === per ? stmt : db.prepare(text(part.length));
    st.run(part.flat());
  }
  db.exec('commit');
  const u = process.cpuUsage(t);
  console.log(label.padEnd(40), ((u.user + u.system) / 1000).toFixed(0), 'ms', ((u.user + u.system) / rows.length).toFixed(2), 'us/row');
  db.close();
}
const facts = JSON.stringify({ checkup_missed: 1, weight_z: -0.52, dental: 'A', visits: 3, household_size: 4, single_parent: false });
const cf = `create table child_facts (child_id text not null references children(id) on delete cascade, source text not null, facts_json text not null, data_version integer not null, updated_at text not null, constraint child_facts_pk primary key (child_id, source))`;
const cfIdx = 'create index child_facts_source_idx on child_facts (source)';
const shuffled = [...ids].sort(() => Math.random() - 0.5);
const mk = (list: string[]) => list.map((id) => [id, 'health', facts, 3, '2026-01-01T00:00:00.000Z']);
for (let k = 0; k < 3; k++) {
  timeIt('cf random', setup([cf, cfIdx]), 5, mk(shuffled), 'child_facts');
  timeIt('cf sorted', setup([cf, cfIdx]), 5, mk([...ids].sort()), 'child_facts');
  timeIt('cf random no source idx', setup([cf]), 5, mk(shuffled), 'child_facts');
  timeIt('cf random without rowid', setup([cf + ' without rowid', cfIdx]), 5, mk(shuffled), 'child_facts');
  timeIt('cf sorted without rowid', setup([cf + ' without rowid', cfIdx]), 5, mk([...ids].sort()), 'child_facts');
}
