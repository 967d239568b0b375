import Database from 'better-sqlite3';
const db = new Database(':memory:');
db.exec(`create table source_records (id text primary key, batch_id text, seq int, link_status text, child_id text);
create table record_identities (record_id text primary key, identity_json text, identity_key text);
create index source_records_review_idx on source_records (link_status) where link_status <> 'linked';`);
const q = (s: string) => console.log(s.slice(0, 90), '\n   ', db.prepare('explain query plan ' + s).all([]).map((r: any) => r.detail).join(' | '));
q(`select * from source_records as r inner join record_identities as i on i.record_id = r.id where r.link_status in ('ambiguous', 'unmatched') order by r.batch_id, r.seq limit 100`);
q(`select * from source_records as r inner join record_identities as i on i.record_id = r.id where "r"."link_status" <> 'linked' and r.link_status in ('ambiguous', 'unmatched') order by r.batch_id, r.seq limit 100`);
q(`select * from source_records as r where "r"."link_status" <> 'linked' and r.link_status = 'ambiguous' order by r.batch_id, r.seq limit 100`);
