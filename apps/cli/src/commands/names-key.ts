import { namesKey } from '@mimamori/identity';
import { defineCommand, readStdin } from '../command';

/** `mimamori names key`: the folded matching key of each name on stdin, same order. */
export const namesKeyCommand = defineCommand({
  path: ['names', 'key'],
  summary: 'print the folded matching key (used for exact name matches) of each name read on stdin',
  usage: 'names key < names.txt',
  options: {},
  allowPositionals: false,
  async run(_args, io) {
    const text = await readStdin(io.stdin);
    const lines = text.split(/\r?\n/);
    if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
    const keys = namesKey(lines);
    io.stdout.write(keys.map((k) => `${k}\n`).join(''));
    return 0;
  },
});
