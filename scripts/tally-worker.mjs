// One tally job on a worker thread (decision 0028), started by the server's job runner
// (app/results/job-runner.server.ts): it loads the server build and counts the job it was given, posting progress.
import { parentPort, workerData } from "node:worker_threads";

const build = await import(workerData.buildUrl);
await build.entry.module.countClaimedTallyJob({ id: workerData.jobId, claim: workerData.claim }, (done) => parentPort.postMessage({ progress: done }));
// Ends this thread only (not the process), whatever the build's modules left scheduled.
process.exit(0);
