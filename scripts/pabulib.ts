// `npm run --silent pabulib -- tally FILE.pb --rule greedy|mes|mes-add1|mes-add1u`
// Prints the funded project ids of a Pabulib file, one per line in funding order.
// Exit codes: 0 done; 1 the file is malformed or cannot be tallied with that rule (the reason on stderr,
// with the line number for a malformed file); 2 bad usage, unknown rule or unreadable file (usage on stderr).
import { readFileSync } from "node:fs";
import { PabulibError, pabulibElection, parsePabulib } from "../app/results/pabulib";
import { isTallyRule, ruleAllowed, tally, TALLY_RULES } from "../app/results/tally";

const USAGE = `usage: npm run --silent pabulib -- tally FILE.pb --rule ${TALLY_RULES.join("|")}`;

function fail(code: 1 | 2, message: string): never {
  console.error(code === 2 ? `${message}\n${USAGE}` : message);
  process.exit(code);
}

function parseArguments(args: string[]): { file: string; rule: string } {
  const positional: string[] = [];
  let rule: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === "--rule") {
      if (i + 1 >= args.length) fail(2, "--rule needs a value");
      rule = args[++i];
    } else if (arg.startsWith("--rule=")) rule = arg.slice("--rule=".length);
    else if (arg.startsWith("-")) fail(2, `unknown option ${arg}`);
    else positional.push(arg);
  }
  const [command, file, ...extra] = positional;
  if (command !== "tally") fail(2, command === undefined ? "no command given" : `unknown command ${command}`);
  if (file === undefined) fail(2, "no file given");
  if (extra.length > 0) fail(2, `unexpected argument ${extra[0]}`);
  if (rule === undefined) fail(2, "no --rule given");
  return { file, rule };
}

const { file, rule } = parseArguments(process.argv.slice(2));
if (!isTallyRule(rule)) fail(2, `unknown rule ${rule}`);

let text: string;
try {
  text = readFileSync(file, "utf8");
} catch (error) {
  fail(2, `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
}

try {
  const election = pabulibElection(parsePabulib(text));
  if (!ruleAllowed(election.kind, rule)) {
    fail(1, `${file}: ${election.kind} ballots can only be tallied with greedy, not ${rule}`);
  }
  const { funded } = tally(election, rule);
  process.stdout.write(funded.map((id) => `${id}\n`).join(""));
} catch (error) {
  if (error instanceof PabulibError) fail(1, `${file}: ${error.message}`);
  throw error;
}
