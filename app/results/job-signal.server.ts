// Wakes this process's tally job runner (job-runner.server.ts) when a request queues a job, so the count
// starts at once instead of at the next poll. Other instances find the job when they poll.
let wake: (() => void) | null = null;

/** The runner registers how to wake it (null when it stops). */
export function onTallyJobQueued(listener: (() => void) | null): void {
  wake = listener;
}

export function tallyJobQueued(): void {
  wake?.();
}
