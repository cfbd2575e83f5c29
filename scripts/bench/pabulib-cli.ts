// Praga-Południe's rows of `npm run bench` (Performance II): the time of the tally command a city would run,
// `npm run --silent pabulib -- tally <file> --rule <rule>`, start-up and reading the file included, the
// median of three runs; on the file as published and disguised (voters and projects shuffled, ids renamed
// keeping their order), so that no speed-up can be tuned to one file. The disguise is also what the golden
// test tallies (tests/unit/results/golden-tallies.test.ts).
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { parsePabulib, writePabulib, type PabulibFile } from "../../app/results/pabulib";
import type { TallyRule } from "../../app/results/tally";
import { pragaPath } from "./setup";
import { mulberry32 } from "./random";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

function shuffled<T>(items: readonly T[], seed: number): T[] {
  const random = mulberry32(seed);
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

/**
 * The election with its voters and projects shuffled and its project ids renamed ("q0000", "q0001", …) in
 * their string order, which the tally's last tie-break uses; and the way back from a new id to the old.
 */
export function disguisedPabulib(file: PabulibFile): { file: PabulibFile; original: Map<string, string> } {
  const ids = file.projects.map((project) => project.id).sort();
  const renamed = new Map(ids.map((id, index) => [id, `q${String(index).padStart(4, "0")}`]));
  return {
    file: {
      ...file,
      projects: shuffled(file.projects, 7).map((project) => ({ ...project, id: renamed.get(project.id)! })),
      votes: shuffled(file.votes, 11).map((vote) => ({ ...vote, projects: vote.projects.map((id) => renamed.get(id)!) })),
    },
    original: new Map([...renamed].map(([id, name]) => [name, id])),
  };
}

/** Wall-clock seconds of the tally command on `file`, the median of `runs` runs; and the funded ids it printed. */
function commandTiming(file: string, rule: TallyRule, runs: number): { seconds: number; funded: string[] } {
  const times: number[] = [];
  let funded: string[] = [];
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    const result = spawnSync("npm", ["run", "--silent", "pabulib", "--", "tally", file, "--rule", rule], { cwd: ROOT, encoding: "utf8" });
    times.push((performance.now() - started) / 1000);
    if (result.status !== 0) throw new Error(`The tally of ${file} with ${rule} failed:\n${result.stderr}`);
    funded = result.stdout.trim().split("\n");
  }
  return { seconds: times.sort((a, b) => a - b)[Math.floor(runs / 2)]!, funded };
}

export interface CommandTiming {
  label: string;
  seconds: number;
  funded: number;
}

/** Praga-Południe tallied by the command with each rule, as published and disguised; the disguised result must map back. */
export function pragaCommandTimings({ rules = ["mes-add1", "mes-add1u"], runs = 3 }: { rules?: TallyRule[]; runs?: number } = {}): CommandTiming[] {
  const published = parsePabulib(readFileSync(pragaPath(), "utf8"));
  const { file, original } = disguisedPabulib(published);
  const scratch = mkdtempSync(path.join(os.tmpdir(), "wb-bench-pabulib-"));
  const disguisedPath = path.join(scratch, "praga-disguised.pb");
  writeFileSync(disguisedPath, writePabulib(file));
  try {
    return rules.flatMap((rule) => {
      const plain = commandTiming(pragaPath(), rule, runs);
      const hidden = commandTiming(disguisedPath, rule, runs);
      const mappedBack = hidden.funded.map((id) => original.get(id));
      if (JSON.stringify(mappedBack) !== JSON.stringify(plain.funded)) throw new Error(`Disguised Praga-Południe funds other projects with ${rule}`);
      return [
        { label: `Praga-Południe ${rule}`, seconds: plain.seconds, funded: plain.funded.length },
        { label: `Praga-Południe disguised ${rule}`, seconds: hidden.seconds, funded: hidden.funded.length },
      ];
    });
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
