import type { ImportProgress } from '../schemas/data';

interface Channel {
  events: ImportProgress[];
  done: boolean;
  wake: (() => void)[];
  finishedAt: number | null;
}

/** Progress of running imports, replayed from the start to every subscriber. */
export interface ProgressChannels {
  /** Starts a channel; `push` events, then `end` (exactly once). */
  open(id: string): { push(event: ImportProgress): void; end(): void };
  /** Makes a channel reachable under a second id too (the batch id once it is known). */
  alias(id: string, as: string): void;
  /** Every event so far, then the rest as they come; `undefined` for an unknown id. */
  subscribe(id: string): AsyncIterable<ImportProgress> | undefined;
}

/** Finished channels are kept this long so a late subscriber still sees the whole run. */
const retainMs = 10 * 60_000;
/** Bound on channels kept at once (oldest finished ones go first). */
const maxChannels = 1000;

/**
 * In-memory progress channels for SSE (`GET /imports/{id}/events`).
 * @example const ch = channels.open(id); ch.push({ phase: 'read', done: 0, total: 1 }); ch.end();
 */
export function createProgressChannels(now: () => number = Date.now): ProgressChannels {
  const channels = new Map<string, Channel>();

  function prune() {
    const cutoff = now() - retainMs;
    for (const [id, channel] of channels) {
      const old = channel.finishedAt !== null && channel.finishedAt < cutoff;
      if (old || (channels.size > maxChannels && channel.done)) channels.delete(id);
    }
  }

  function wakeAll(channel: Channel) {
    for (const wake of channel.wake.splice(0)) wake();
  }

  return {
    open(id) {
      prune();
      const channel: Channel = { events: [], done: false, wake: [], finishedAt: null };
      channels.set(id, channel);
      return {
        push(event) {
          channel.events.push(event);
          wakeAll(channel);
        },
        end() {
          channel.done = true;
          channel.finishedAt = now();
          wakeAll(channel);
        },
      };
    },
    alias(id, as) {
      const channel = channels.get(id);
      if (channel !== undefined) channels.set(as, channel);
    },
    subscribe(id) {
      const channel = channels.get(id);
      if (channel === undefined) return undefined;
      return (async function* replay() {
        let next = 0;
        for (;;) {
          while (next < channel.events.length) yield channel.events[next++] as ImportProgress;
          if (channel.done) return;
          await new Promise<void>((resolve) => channel.wake.push(resolve));
        }
      })();
    },
  };
}
