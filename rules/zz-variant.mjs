// writes /tmp/eng/variant.rules.json from demo.rules.json with changes given as JSON argv[2]
import { readFileSync, writeFileSync } from 'node:fs';
const doc = JSON.parse(readFileSync('demo.rules.json', 'utf8'));
const ch = JSON.parse(process.argv[2]);
for (const t of doc.types) { if (ch.levels) { t.levels[0].minPoints = ch.levels[t.id]?.[0] ?? ch.levels.all[0]; t.levels[1].minPoints = ch.levels[t.id]?.[1] ?? ch.levels.all[1]; } }
for (const r of doc.rules) if (ch.points?.[r.id] !== undefined) r.event.params.points = ch.points[r.id];
writeFileSync('/tmp/eng/variant.rules.json', JSON.stringify(doc));
