import { resolve } from 'node:path';
import { generateVillage, writeVillage } from '@mimamori/village';
import { defineCommand, intOption, stringOption } from '../command';

/** `mimamori demo`: writes the synthetic village's export files. */
export const demoCommand = defineCommand({
  path: ['demo'],
  summary: "write the synthetic village's five export files (deterministic for a seed)",
  usage: 'demo [--children N] [--seed S] [--out DIR]',
  options: { children: { type: 'string' }, seed: { type: 'string' }, out: { type: 'string' } },
  allowPositionals: false,
  async run(args, io) {
    const children = intOption(args, 'children', 600);
    const seed = intOption(args, 'seed', 1);
    const out = resolve(io.cwd, stringOption(args, 'out') ?? 'village');
    const village = generateVillage({ children, seed });
    await writeVillage(out, village);
    for (const f of village.files)
      io.stdout.write(`${f.name}\t${f.connector}\t${f.bytes.length} bytes\n`);
    io.stderr.write(`demo: ${children} children (seed ${seed}) written to ${out}\n`);
    return 0;
  },
});
