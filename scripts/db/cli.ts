// The command-line entry of the db scripts (migrate, backup, restore): each module exports its
// functions for tests and other scripts, and runs `main` only when node was started with it.
import { realpathSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

function isEntryModule(moduleUrl: string): boolean {
  const entry = process.argv[1];
  if (!entry) return false;
  try {
    return realpathSync(path.resolve(entry)) === realpathSync(fileURLToPath(moduleUrl));
  } catch {
    return false;
  }
}

/**
 * Runs `main` with the command line's arguments when `moduleUrl` is the started script, prints a
 * failure after `label`, and exits with main's code — explicitly, because the schema engine can
 * leave timers and sockets behind on PostgreSQL.
 */
export async function runAsCommand(moduleUrl: string, label: string, main: (args: string[]) => Promise<number>): Promise<void> {
  if (!isEntryModule(moduleUrl)) return;
  let code: number;
  try {
    code = await main(process.argv.slice(2));
  } catch (e) {
    console.error(`${label} ${e instanceof Error ? e.message : String(e)}`);
    code = 1;
  }
  process.exit(code);
}
