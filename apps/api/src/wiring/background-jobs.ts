/** Work started by a request that outlives it (judgement runs, imports). */
export interface BackgroundJobs {
  /** Tracks a job; a failure is logged by name and code (the job records its own outcome). */
  add(name: string, job: Promise<unknown>): void;
  /** Resolves when every job started so far has finished (tests, graceful shutdown). */
  settle(): Promise<void>;
}

/**
 * Keeps background jobs visible so shutdown can wait for them and failures are never lost.
 * @example const jobs = createBackgroundJobs((line) => process.stderr.write(line + '\n'));
 */
export function createBackgroundJobs(log: (line: string) => void): BackgroundJobs {
  const running = new Set<Promise<unknown>>();
  return {
    add(name, job) {
      const tracked = job.then(
        () => undefined,
        function reportFailure(error: unknown) {
          const code = (error as { code?: unknown }).code;
          log(`background job failed: ${name} ${typeof code === 'string' ? code : 'error'}`);
        },
      );
      running.add(tracked);
      void tracked.finally(() => running.delete(tracked));
    },
    async settle() {
      while (running.size > 0) await Promise.all([...running]);
    },
  };
}
