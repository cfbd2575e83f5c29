// SQLite's WAL checkpoints on a worker thread (decision 0042), started by app/wal-checkpoints.server.ts: it opens
// the database file on its own connection and, every `intervalMs`, copies what the write-ahead log holds into the
// database (PASSIVE: never waiting for, nor holding up, the server's readers and writers), posting how far it got.
import Database from "better-sqlite3";
import { parentPort, workerData } from "node:worker_threads";

const { file, intervalMs } = workerData;
const database = new Database(file, { fileMustExist: true });

function checkpoint() {
  try {
    const [{ busy, log, checkpointed }] = database.pragma("wal_checkpoint(PASSIVE)");
    parentPort.postMessage({ busy: busy !== 0, log, checkpointed });
  } catch (error) {
    parentPort.postMessage({ error: error instanceof Error ? error.message : String(error) });
  }
}

const timer = setInterval(checkpoint, intervalMs);
parentPort.on("message", (message) => {
  if (message !== "stop") return;
  clearInterval(timer);
  checkpoint();
  database.close();
  parentPort.close();
});
