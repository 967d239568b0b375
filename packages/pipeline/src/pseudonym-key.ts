import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { PipelineError } from './pipeline-error';

/**
 * The pseudonym key from configuration: `MIMAMORI_PSEUDONYM_KEY`, else the key file (created
 * once with 32 random bytes, mode 0600). The key never enters the repository or the database.
 */
export function loadPseudonymKey(env: NodeJS.ProcessEnv, keyFile: string): string {
  const fromEnv = env['MIMAMORI_PSEUDONYM_KEY'];
  if (fromEnv !== undefined && fromEnv !== '') {
    if (fromEnv.length < 32)
      throw new PipelineError('bad_key', 'MIMAMORI_PSEUDONYM_KEY must have at least 32 characters');
    return fromEnv;
  }
  if (!existsSync(keyFile)) {
    mkdirSync(dirname(keyFile), { recursive: true });
    writeFileSync(keyFile, randomBytes(32).toString('hex') + '\n', { mode: 0o600 });
    chmodSync(keyFile, 0o600);
  }
  const key = readFileSync(keyFile, 'utf8').trim();
  if (key.length < 32)
    throw new PipelineError('bad_key', 'the pseudonym key file holds fewer than 32 characters');
  return key;
}
