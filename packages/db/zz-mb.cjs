const Database = require('better-sqlite3');
const { rmSync } = require('fs');
const N = 226000;
const crypto = require('crypto');
const childIds = Array.from({ length: N }, (_, i) => 'c_' + crypto.createHash('sha1').update(String(i)).digest('hex').slice(0, 16));
function mkRows(lean) {
  const rows = [];
  for (let i = 0; i < N; i++) {
    const r = { id: `b00000001:${i}`, batch_id: 'b00000001', seq: i };
    if (!lean) { r.connector = 'roster'; r.connector_version = '1.0.0'; r.file = 'juki.csv'; }
    Object.assign(r, { line: i + 2, kind: 'person', child_id: childIds[i], link_status: 'linked', link_method: 'roster', link_confidence: 1,
      facts_json: JSON.stringify({ 'roster.householdSize': i % 7, 'roster.singleParent': i % 3 === 0 }), context_json: JSON.stringify({}) });
    rows.push(r);
  }
  return rows;
}
function setup(lean) {
  rmSync('/tmp/zzmb/t.db', { force: true }); rmSync('/tmp/zzmb/t.db-wal', { force: true });
  const db = new Database('/tmp/zzmb/t.db');
  db.pragma('journal_mode = WAL'); db.pragma('synchronous = NORMAL'); db.pragma('cache_size = -65536'); if (!process.env.NOFK) db.pragma('foreign_keys = ON');
  db.exec(`create table children (id text primary key); create table import_batches (id text primary key);
  insert into import_batches values ('b00000001');
  create table source_records (id text primary key, batch_id text not null references import_batches(id), seq integer not null,
  ${lean ? '' : 'connector text not null, connector_version text not null, file text not null,'} line integer not null, kind text not null,
  child_id text references children(id), link_status text not null, link_method text, link_confidence double precision, facts_json text not null, context_json text not null);
  ${process.env.NOIDX ? '' : 'create index source_records_child_idx on source_records(child_id);'}
  create index source_records_review_idx on source_records(link_status) where link_status <> 'linked';`);
  const ins = db.prepare('insert into children values (?)');
  db.transaction(() => { for (const c of childIds) ins.run(c); })();
  return db;
}
function values(db, rows) {
  const cols = Object.keys(rows[0]);
  const per = Math.min(1000, Math.floor(32766 / cols.length));
  const cache = new Map();
  const t = process.cpuUsage();
  db.transaction(() => {
    for (let s = 0; s < rows.length; s += per) {
      const part = rows.slice(s, s + per);
      let st = cache.get(part.length);
      if (!st) { st = db.prepare(`insert into source_records (${cols.join(',')}) values ${part.map(() => '(' + cols.map(() => '?').join(',') + ')').join(',')}`); cache.set(part.length, st); }
      const p = []; for (const r of part) for (const c of cols) p.push(r[c] ?? null);
      st.run(p);
    }
  })();
  const u = process.cpuUsage(t); return ((u.user + u.system) / 1e6).toFixed(2);
}
function jsonEach(db, rows, per = 2000) {
  const cols = Object.keys(rows[0]);
  const st = db.prepare(`insert into source_records (${cols.join(',')}) select ${cols.map((c, i) => `value ->> ${i}`).join(',')} from json_each(?)`);
  const t = process.cpuUsage();
  db.transaction(() => {
    for (let s = 0; s < rows.length; s += per) {
      const part = rows.slice(s, s + per);
      st.run(JSON.stringify(part.map((r) => cols.map((c) => r[c] ?? null))));
    }
  })();
  const u = process.cpuUsage(t); return ((u.user + u.system) / 1e6).toFixed(2);
}
const which = process.argv[2];
const lean = process.argv[3] === 'lean';
const rows = mkRows(lean);
if (process.argv[4] === 'sorted') rows.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)); if (process.argv[4] === 'child') rows.sort((a, b) => (a.child_id < b.child_id ? -1 : a.child_id > b.child_id ? 1 : 0));
const db = setup(lean);
const tw = performance.now();
const cpu = which === 'json' ? jsonEach(db, rows) : values(db, rows);
console.log(which, lean ? 'lean' : 'full', process.argv[4] ?? '', 'cpu', cpu, 'wall', ((performance.now() - tw) / 1000).toFixed(2));
db.close();
