// Pabulib .pb files (pabulib.org): read, write, and turn into a tally Election.
//
// A file has three sections, each a line with just its name followed by `;`-separated rows:
//   META      key;value rows (a `key;value` header row is skipped): budget, vote_type, rule, currency, …
//   PROJECTS  a header row, then one row per project; columns are found by name (project_id and cost required)
//   VOTES     a header row, then one row per voter (voter_id and vote required; points for cumulative ballots);
//             vote and points are comma-separated lists
// Fields may be double-quoted; inside quotes `""` is one quote and `;` or a line break is ordinary text (a line
// break inside quotes is read as "\n"). Lines may end in CRLF, LF or a mix; blank lines are ignored.
//
// Amounts: the budget and costs may have decimals (102533.36). They are read exactly into minor units using the
// largest number of decimals seen among them, `decimals`: an amount is currency × 10^decimals (a file of whole
// amounts has decimals 0, so minor units are currency units). The tally's add1 unit is 10^decimals minor units.
//
// Ballots: vote_type approval and cumulative are read; choose-1, ordinal, scoring and the like are refused.
// A vote listing a project twice keeps both entries here; pabulibElection() keeps the first (and its points).
//
// Errors: PabulibError, whose message starts with the 1-based line number ("line 23: project 'x' has no cost").
//
// writePabulib() writes CRLF line ends (as pabulib.org's files do), quotes a field only when it contains `;`, `"`
// or a line break, and writes costs with `decimals` decimals (META values are kept
// as read unless budget or vote_type changed); its output parses back to an equal PabulibFile.

import type { Election, TallyBallot } from "./tally";

export class PabulibError extends Error {
  constructor(
    readonly line: number,
    readonly detail: string,
  ) {
    super(`line ${line}: ${detail}`);
    this.name = "PabulibError";
  }
}

export type PabulibVoteType = "approval" | "cumulative";

export interface PabulibProject {
  id: string;
  /** Minor units (see `decimals`). */
  cost: bigint;
  /** The row's other columns, by header name, as written. */
  fields: Record<string, string>;
}

export interface PabulibVote {
  voterId: string;
  /** Project ids in the order listed. */
  projects: string[];
  /** Points per listed project on cumulative ballots; null on approval ballots. */
  points: number[] | null;
  /** The row's other columns, by header name, as written. */
  fields: Record<string, string>;
}

export interface PabulibFile {
  /** Every META row in file order, values as written (budget and vote_type included). */
  meta: Map<string, string>;
  /** Amounts are minor units: one currency unit is 10^decimals. */
  decimals: number;
  /** Minor units. */
  budget: bigint;
  voteType: PabulibVoteType;
  /** Header names (lower case), in file order. */
  projectColumns: string[];
  projects: PabulibProject[];
  voteColumns: string[];
  votes: PabulibVote[];
}

interface Row {
  line: number;
  fields: string[];
}

const SECTIONS = ["META", "PROJECTS", "VOTES"] as const;
type Section = (typeof SECTIONS)[number];
const AMOUNT = /^(\d+)(?:\.(\d+))?$/;
const UNSUPPORTED_HINT = "only approval and cumulative ballots can be tallied";

export function parsePabulib(text: string): PabulibFile {
  const { rows, lastLine } = readRows(text);
  const sections = new Map<Section, { line: number; rows: Row[] }>();
  let current: Row[] | null = null;
  for (const row of rows) {
    const name = row.fields.length === 1 ? row.fields[0].trim().toUpperCase() : "";
    if ((SECTIONS as readonly string[]).includes(name)) {
      const section = name as Section;
      if (sections.has(section)) throw new PabulibError(row.line, `second ${section} section`);
      current = [];
      sections.set(section, { line: row.line, rows: current });
    } else if (current) current.push(row);
    else throw new PabulibError(row.line, `expected a section name (META, PROJECTS or VOTES), found '${row.fields.join(";")}'`);
  }
  for (const section of SECTIONS) {
    if (!sections.has(section)) throw new PabulibError(lastLine, `missing ${section} section`);
  }

  const metaSection = sections.get("META")!;
  const { meta, metaLines } = readMeta(metaSection.rows);
  const budgetText = meta.get("budget");
  if (budgetText === undefined) throw new PabulibError(metaSection.line, "META has no budget");
  const budgetAmount = AMOUNT.exec(budgetText.trim());
  if (!budgetAmount) throw new PabulibError(metaLines.get("budget")!, `budget '${budgetText}' is not a number like 50000 or 50000.50`);
  const voteType = readVoteType(meta.get("vote_type"), metaLines.get("vote_type") ?? metaSection.line);

  const projectsSection = sections.get("PROJECTS")!;
  const projectTable = readTable("PROJECTS", projectsSection, ["project_id", "cost"]);
  const projectLines = new Map<string, number>();
  const rawProjects = projectTable.rows.map((row) => {
    const id = row.values.project_id.trim();
    if (id === "") throw new PabulibError(row.line, "project with no project_id");
    const firstLine = projectLines.get(id);
    if (firstLine !== undefined) throw new PabulibError(row.line, `project '${id}' is listed twice (first on line ${firstLine})`);
    projectLines.set(id, row.line);
    const costText = row.values.cost.trim();
    if (costText === "") throw new PabulibError(row.line, `project '${id}' has no cost`);
    const cost = AMOUNT.exec(costText);
    if (!cost) throw new PabulibError(row.line, `project '${id}' has cost '${costText}', expected a number like 1500 or 1500.50`);
    return { id, cost, fields: row.others };
  });

  const decimals = Math.max(budgetAmount[2]?.length ?? 0, ...rawProjects.map((project) => project.cost[2]?.length ?? 0));

  const votesSection = sections.get("VOTES")!;
  const voteKeys = voteType === "cumulative" ? (["voter_id", "vote", "points"] as const) : (["voter_id", "vote"] as const);
  const voteTable = readTable("VOTES", votesSection, voteKeys);
  const voterLines = new Map<string, number>();
  const votes = voteTable.rows.map((row): PabulibVote => {
    const voterId = row.values.voter_id.trim();
    if (voterId === "") throw new PabulibError(row.line, "vote with no voter_id");
    const firstLine = voterLines.get(voterId);
    if (firstLine !== undefined) throw new PabulibError(row.line, `voter '${voterId}' appears twice (first on line ${firstLine})`);
    voterLines.set(voterId, row.line);
    const projects = splitList(row.values.vote);
    for (const id of projects) {
      if (!projectLines.has(id)) throw new PabulibError(row.line, `vote refers to unknown project ${id}`);
    }
    let points: number[] | null = null;
    if (voteType === "cumulative") {
      const pointTexts = splitList(row.values.points);
      if (pointTexts.length !== projects.length) {
        throw new PabulibError(row.line, `vote lists ${projects.length} projects but ${pointTexts.length} points`);
      }
      points = pointTexts.map((text) => {
        if (!/^\d+$/.test(text) || !Number.isSafeInteger(Number(text))) {
          throw new PabulibError(row.line, `points '${text}' is not a whole number of at least 0`);
        }
        return Number(text);
      });
    }
    return { voterId, projects, points, fields: row.others };
  });

  return {
    meta,
    decimals,
    budget: toMinorUnits(budgetAmount, decimals),
    voteType,
    projectColumns: projectTable.columns,
    projects: rawProjects.map((project) => ({ id: project.id, cost: toMinorUnits(project.cost, decimals), fields: project.fields })),
    voteColumns: voteTable.columns,
    votes,
  };
}

export function writePabulib(file: PabulibFile): string {
  const lines: string[] = ["META", "key;value"];
  // Values as read are kept when they still say the same (so "1000.5" stays "1000.5").
  const meta = new Map(file.meta);
  const budgetAmount = AMOUNT.exec(meta.get("budget")?.trim() ?? "");
  if (!budgetAmount || toMinorUnits(budgetAmount, file.decimals) !== file.budget) {
    meta.set("budget", formatAmount(file.budget, file.decimals));
  }
  if (meta.get("vote_type")?.trim().toLowerCase() !== file.voteType) meta.set("vote_type", file.voteType);
  for (const [key, value] of meta) lines.push(writeRow([key, value]));

  const projectColumns = withColumns(file.projectColumns, ["project_id", "cost"]);
  lines.push("PROJECTS", writeRow(projectColumns));
  for (const project of file.projects) {
    const known: Record<string, string> = { project_id: project.id, cost: formatAmount(project.cost, file.decimals) };
    lines.push(writeRow(projectColumns.map((column) => known[column] ?? project.fields[column] ?? "")));
  }

  const voteColumns = withColumns(file.voteColumns, file.voteType === "cumulative" ? ["voter_id", "vote", "points"] : ["voter_id", "vote"]);
  lines.push("VOTES", writeRow(voteColumns));
  for (const vote of file.votes) {
    const known: Record<string, string> = { voter_id: vote.voterId, vote: vote.projects.join(",") };
    if (vote.points) known.points = vote.points.join(",");
    lines.push(writeRow(voteColumns.map((column) => known[column] ?? vote.fields[column] ?? "")));
  }
  return lines.join("\r\n") + "\r\n";
}

/** The file as a tally Election: amounts in minor units, add1's unit one currency unit (10^decimals). */
export function pabulibElection(file: PabulibFile): Election {
  const ballots = file.votes.map((vote): TallyBallot => {
    if (!vote.points) return { choices: vote.projects };
    const points = new Map<string, number>();
    vote.projects.forEach((id, i) => {
      if (!points.has(id)) points.set(id, vote.points![i]);
    });
    return { choices: points };
  });
  return {
    budget: file.budget,
    unit: 10n ** BigInt(file.decimals),
    kind: file.voteType,
    projects: file.projects.map((project) => ({ id: project.id, cost: project.cost })),
    ballots,
  };
}

/** Splits the text into rows of fields, honouring quotes; blank lines are dropped. */
function readRows(text: string): { rows: Row[]; lastLine: number } {
  const lines = text.replace(/^\uFEFF/, "").split(/\r\n|\n|\r/);
  const rows: Row[] = [];
  for (let index = 0; index < lines.length; index++) {
    const line = index + 1;
    if (!lines[index].includes('"')) {
      if (lines[index].trim() !== "") rows.push({ line, fields: lines[index].split(";") });
      continue;
    }
    // Quoted fields may run over several lines.
    const fields: string[] = [];
    let text = lines[index];
    let position = 0;
    for (;;) {
      if (text[position] !== '"') {
        const end = text.indexOf(";", position);
        fields.push(text.slice(position, end < 0 ? text.length : end));
        if (end < 0) break;
        position = end + 1;
        continue;
      }
      let value = "";
      position++;
      for (;;) {
        const quote = text.indexOf('"', position);
        if (quote < 0) {
          if (index + 1 >= lines.length) throw new PabulibError(line, "a quoted field is never closed");
          value += text.slice(position) + "\n";
          text = lines[++index];
          position = 0;
        } else if (text[quote + 1] === '"') {
          value += text.slice(position, quote + 1);
          position = quote + 2;
        } else {
          value += text.slice(position, quote);
          position = quote + 1;
          break;
        }
      }
      fields.push(value);
      if (position >= text.length) break;
      if (text[position] !== ";") throw new PabulibError(index + 1, "unexpected text after a closing quote");
      position++;
    }
    rows.push({ line, fields });
  }
  return { rows, lastLine: Math.max(1, lines.at(-1) === "" ? lines.length - 1 : lines.length) };
}

function readMeta(rows: Row[]): { meta: Map<string, string>; metaLines: Map<string, number> } {
  const meta = new Map<string, string>();
  const metaLines = new Map<string, number>();
  rows.forEach((row, index) => {
    const key = row.fields[0].trim();
    if (index === 0 && key.toLowerCase() === "key" && row.fields[1]?.trim().toLowerCase() === "value") return;
    if (row.fields.length < 2) throw new PabulibError(row.line, `META row '${key}' has no value`);
    if (meta.has(key)) throw new PabulibError(row.line, `META key '${key}' appears twice (first on line ${metaLines.get(key)})`);
    // An unquoted value may itself contain `;`.
    meta.set(key, row.fields.slice(1).join(";"));
    metaLines.set(key, row.line);
  });
  return { meta, metaLines };
}

function readVoteType(text: string | undefined, line: number): PabulibVoteType {
  if (text === undefined) throw new PabulibError(line, `META has no vote_type (${UNSUPPORTED_HINT})`);
  const voteType = text.trim().toLowerCase();
  if (voteType === "approval" || voteType === "cumulative") return voteType;
  throw new PabulibError(line, `vote_type '${text}' is not supported; ${UNSUPPORTED_HINT}`);
}

/** A section's header row, and per data row the known columns' values and the other columns by name. */
function readTable<Known extends string>(name: Section, section: { line: number; rows: Row[] }, known: readonly Known[]) {
  const [header, ...dataRows] = section.rows;
  if (!header) throw new PabulibError(section.line, `${name} section has no header row`);
  const columns = header.fields.map((column) => column.trim().toLowerCase());
  columns.forEach((column, i) => {
    if (columns.indexOf(column) !== i) throw new PabulibError(header.line, `${name} header names ${column} twice`);
  });
  for (const column of known) {
    if (!columns.includes(column)) throw new PabulibError(header.line, `${name} header has no ${column} column`);
  }
  const knownIndex = known.map((column) => columns.indexOf(column));
  const otherIndex = columns.flatMap((column, i) => ((known as readonly string[]).includes(column) ? [] : [i]));
  const rows = dataRows.map((row) => {
    if (row.fields.length !== columns.length) {
      throw new PabulibError(row.line, `${row.fields.length} fields where the header (line ${header.line}) has ${columns.length}`);
    }
    const values = {} as Record<Known, string>;
    known.forEach((column, j) => (values[column] = row.fields[knownIndex[j]]));
    const others: Record<string, string> = {};
    for (const i of otherIndex) others[columns[i]] = row.fields[i];
    return { line: row.line, values, others };
  });
  return { columns, rows };
}

function splitList(text: string): string[] {
  return text.trim() === "" ? [] : text.split(",").map((item) => item.trim());
}

function toMinorUnits(amount: RegExpExecArray, decimals: number): bigint {
  const fraction = (amount[2] ?? "").padEnd(decimals, "0");
  return BigInt(amount[1]) * 10n ** BigInt(decimals) + BigInt(fraction === "" ? "0" : fraction);
}

function formatAmount(minorUnits: bigint, decimals: number): string {
  if (decimals === 0) return minorUnits.toString();
  const digits = minorUnits.toString().padStart(decimals + 1, "0");
  return `${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`;
}

function withColumns(columns: readonly string[], required: readonly string[]): string[] {
  return [...required.filter((name) => !columns.includes(name)), ...columns];
}

function writeRow(fields: readonly string[]): string {
  return fields.map((field) => (/[;"\r\n]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field)).join(";");
}
