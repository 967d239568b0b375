import { randomBytes } from 'node:crypto';

let lastTime = 0;
let counter = 0;

/**
 * A new id that sorts by creation time (hex: 12 time digits, 6 counter digits, 10 random), so
 * histories ordered by id are in insertion order even within one millisecond.
 */
export function newId(): string {
  const time = Date.now();
  counter = time === lastTime ? counter + 1 : 0;
  lastTime = time;
  return (
    time.toString(16).padStart(12, '0') +
    counter.toString(16).padStart(6, '0') +
    randomBytes(5).toString('hex')
  );
}
