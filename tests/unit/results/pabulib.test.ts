import { describe, expect, it } from "vitest";
import { PabulibError, pabulibElection, parsePabulib, writePabulib } from "~/results/pabulib";
import { tally } from "~/results/tally";

const lines = (...rows: string[]) => rows.join("\n") + "\n";

const SAMPLE = lines(
  "META",
  "key;value",
  "description;Sample; with a semicolon",
  "budget;1000.5",
  "vote_type;approval",
  "rule;greedy",
  "PROJECTS",
  "cost;name;project_id;category;latitude;selected",
  '400.25;"Park; benches";2022/CHW/0026;green;51.2;1',
  '600;"The ""big"" tree";c1;green;;0',
  '100;"Two',
  'lines";c2;culture;;1',
  "VOTES",
  "age;vote;voter_id;sex",
  "30;2022/CHW/0026,c1;v1;F",
  "41; c2 , c1 ;v2;M",
  ";;v3;",
);

/** The message of the PabulibError that parsing `text` throws. */
function parseError(text: string): string {
  try {
    parsePabulib(text);
  } catch (error) {
    expect(error).toBeInstanceOf(PabulibError);
    return (error as Error).message;
  }
  throw new Error("expected a PabulibError");
}

describe("reading Pabulib files", () => {
  it("finds columns by name, unquotes fields and reads decimals exactly", () => {
    const file = parsePabulib(SAMPLE);
    expect(file.meta.get("description")).toBe("Sample; with a semicolon");
    expect(file.meta.get("rule")).toBe("greedy");
    // Largest number of decimals seen (2, from 400.25): amounts in hundredths.
    expect(file.decimals).toBe(2);
    expect(file.budget).toBe(100_050n);
    expect(file.voteType).toBe("approval");
    expect(file.projects.map((project) => [project.id, project.cost])).toEqual([
      ["2022/CHW/0026", 40_025n],
      ["c1", 60_000n],
      ["c2", 10_000n],
    ]);
    expect(file.projects[0].fields).toEqual({ name: "Park; benches", category: "green", latitude: "51.2", selected: "1" });
    expect(file.projects[1].fields.name).toBe('The "big" tree');
    expect(file.projects[2].fields.name).toBe("Two\nlines");
    expect(file.votes).toEqual([
      { voterId: "v1", projects: ["2022/CHW/0026", "c1"], points: null, fields: { age: "30", sex: "F" } },
      { voterId: "v2", projects: ["c2", "c1"], points: null, fields: { age: "41", sex: "M" } },
      { voterId: "v3", projects: [], points: null, fields: { age: "", sex: "" } },
    ]);
  });

  it("reads CRLF, LF and mixed line ends alike", () => {
    const lf = parsePabulib(SAMPLE);
    expect(parsePabulib(SAMPLE.replace(/\n/g, "\r\n"))).toEqual(lf);
    let lineEnds = 0;
    const mixed = SAMPLE.replace(/\n/g, () => (lineEnds++ % 2 === 0 ? "\r\n" : "\n"));
    expect(parsePabulib(mixed)).toEqual(lf);
  });

  it("turns into an election: minor units, one currency unit for add1, empty ballots kept", () => {
    const election = pabulibElection(parsePabulib(SAMPLE));
    expect(election.unit).toBe(100n);
    expect(election.budget).toBe(100_050n);
    expect(election.ballots).toHaveLength(3);
    // Support: c1 2, then 2022/CHW/0026 (40025) and c2 (10000) with 1 each, c2 cheaper.
    // c1 (60000) leaves 40050; c2 leaves 30050; 2022/CHW/0026 (40025) does not fit.
    expect(tally(election, "greedy").funded).toEqual(["c1", "c2"]);
  });

  it("reads cumulative points, keeping the first entry of a project listed twice", () => {
    const file = parsePabulib(
      lines(
        "META",
        "budget;10",
        "vote_type;cumulative",
        "PROJECTS",
        "project_id;cost",
        "a;5",
        "b;5",
        "VOTES",
        "voter_id;points;vote",
        "1;4,6;a,b",
        "2;7,3;b,b",
      ),
    );
    expect(file.votes[1]).toMatchObject({ projects: ["b", "b"], points: [7, 3] });
    const election = pabulibElection(file);
    expect(election.ballots[1].choices).toEqual(new Map([["b", 7]]));
    expect(tally(election, "greedy").support).toEqual(
      new Map([
        ["b", 13n],
        ["a", 4n],
      ]),
    );
  });

  it("reports what is wrong and on which line", () => {
    const base = SAMPLE.split("\n");
    const replace = (lineNumber: number, text: string) => base.map((line, i) => (i === lineNumber - 1 ? text : line)).join("\n");
    expect(parseError(replace(10, "")) /* c1 loses its row */).toBe("line 15: vote refers to unknown project c1");
    expect(parseError(replace(9, ";x;c0;green;;0"))).toBe("line 9: project 'c0' has no cost");
    expect(parseError(replace(9, "12,5;x;c0;green;;0"))).toMatch(/^line 9: project 'c0' has cost '12,5', expected a number/);
    expect(parseError(replace(9, "12;x;c1;green;;0"))).toBe("line 10: project 'c1' is listed twice (first on line 9)");
    expect(parseError(replace(15, "30;c1;v1"))).toBe("line 15: 3 fields where the header (line 14) has 4");
    expect(parseError(replace(15, "30;c1;v2;F"))).toBe("line 16: voter 'v2' appears twice (first on line 15)");
    expect(parseError(replace(8, "400;name;project_id"))).toBe("line 8: PROJECTS header has no cost column");
    expect(parseError(replace(8, "cost;name;project_id;name;latitude;selected"))).toBe("line 8: PROJECTS header names name twice");
    expect(parseError(replace(4, "budget;lots"))).toMatch(/^line 4: budget 'lots' is not a number/);
    expect(parseError(replace(5, "vote_type;ordinal"))).toMatch(/^line 5: vote_type 'ordinal' is not supported/);
    expect(parseError(replace(5, "vote_type;choose-1"))).toMatch(/^line 5: vote_type 'choose-1' is not supported/);
    expect(parseError(replace(11, '100;"Two'.replace("Two", "Two never closed")).replace('lines";c2;culture;;1', "x"))).toBe(
      "line 11: a quoted field is never closed",
    );
    expect(parseError(replace(9, '400;"Park"x;c0;green;;0'))).toBe("line 9: unexpected text after a closing quote");
    expect(parseError(lines("META", "budget;10", "vote_type;approval", "VOTES", "voter_id;vote"))).toBe("line 5: missing PROJECTS section");
    expect(parseError(lines("budget;10"))).toMatch(/^line 1: expected a section name/);
    const cumulative = (votes: string) => lines("META", "budget;10", "vote_type;cumulative", "PROJECTS", "project_id;cost", "a;5", "b;5", "VOTES", votes);
    expect(parseError(cumulative("voter_id;vote\n1;a"))).toBe("line 9: VOTES header has no points column");
    expect(parseError(cumulative("voter_id;vote;points\n1;a,b;3"))).toBe("line 10: vote lists 2 projects but 1 points");
    expect(parseError(cumulative("voter_id;vote;points\n1;a;2.5"))).toBe("line 10: points '2.5' is not a whole number of at least 0");
  });
});

describe("writing Pabulib files", () => {
  it("round-trips through the reader", () => {
    const file = parsePabulib(SAMPLE);
    const written = writePabulib(file);
    expect(written).toContain('"Park; benches"');
    expect(written).toContain('"The ""big"" tree"');
    expect(written.split("\r\n")[2]).toBe('description;"Sample; with a semicolon"');
    expect(written.replace(/\r\n/g, "")).not.toMatch(/\r/);
    expect(parsePabulib(written)).toEqual(file);
  });

  it("writes costs with the file's decimals, a changed budget, and cumulative points", () => {
    const file = parsePabulib(
      lines("META", "budget;10.5", "vote_type;cumulative", "PROJECTS", "project_id;cost", "a;5", "b;0.25", "VOTES", "voter_id;vote;points", "1;a,b;4,6", "2;;"),
    );
    const written = writePabulib(file);
    expect(written).toContain("budget;10.5\r\n");
    expect(written).toContain("a;5.00\r\nb;0.25\r\n");
    expect(written).toContain("1;a,b;4,6\r\n2;;\r\n");
    expect(parsePabulib(written)).toEqual(file);
    expect(writePabulib({ ...file, budget: 1234n })).toContain("budget;12.34\r\n");
  });
});
