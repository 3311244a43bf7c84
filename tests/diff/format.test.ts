// The two looks of the report: Markdown for a pull request, and the terminal
// (colour only when it is a terminal and NO_COLOR is unset).
import { execFile, execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compareRounds } from "../../src/diff/compare.js";
import { renderDiff } from "../../src/diff/render.js";
import { markdownStyle } from "../../src/diff/style.js";
import { parseRound } from "../../src/load/load-round.js";
import { plain, read2024, removeDir, replaceOnce, ROOT, ROUND_2023, ROUND_2024, runDiff, tempDir } from "./helpers.js";

const ESC = "\u001b[";

let dir: string;
let changed: string;
beforeAll(() => {
  dir = tempDir("format");
  changed = join(dir, "2024.yaml");
  writeFileSync(
    changed,
    replaceOnce(
      read2024(),
      "motivering: bedöms ligga utanför socialtjänstens verksamhetsområde.",
      "motivering: bedöms ligga helt utanför socialtjänstens uppdrag.",
    ),
  );
});
afterAll(() => removeDir(dir));

describe("--format markdown", () => {
  it("gives headings, nested lists and a word diff with <del> and <ins>", async () => {
    const { code, out } = await runDiff(["--format", "markdown", ROUND_2024, changed]);
    expect(code).toBe(0);
    const md = plain(out);
    expect(md.startsWith("## Ändringar i omgången 2024\n\n- Före: `")).toBe(true);
    expect(md).toContain("### Ändrat i förvaltningens förslag (1)\n\n- LUM nr 11 ”Förstärkt handledning och samordning av Stockholmsjobb på stadsdelsförvaltningen” (Järva)\n");
    expect(md).toContain("  - Motivering: bedöms ligga <ins>helt</ins> utanför socialtjänstens <del>verksamhetsområde</del><ins>uppdrag</ins>.");
    expect(md).toContain("### Summor\n\nOförändrade: beviljat LUM 3 000 000, MUL 198 400, totalt 3 198 400 av sökta 6 658 400.\n");
    expect(md).not.toContain(ESC);
  });

  it("accepts --format=markdown, gives the totals as a table, and escapes Markdown in names from the round", async () => {
    const a = await runDiff([`--format=markdown`, ROUND_2023, ROUND_2024]);
    expect(a.out).toContain("### LUM: projekt som finns båda åren (3)");
    expect(plain(a.out)).toContain(
      "### Summor\n\n|  | 2023 | 2024 | Förändring |\n| --- | ---: | ---: | ---: |\n| LUM beviljat | 3 850 000 | 3 000 000 | \u2212850 000 |\n",
    );
    expect(plain(a.out)).toContain("| MUL beviljat | 188 500 | 198 400 | +9 900 |\n");
    const base = parseRound({ path: "a.yaml", text: read2024() });
    const starred = parseRound({ path: "b.yaml", text: replaceOnce(read2024(), "projekt: Digital Lots för samsjukliga", "projekt: Digital *Lots* | för_samsjukliga") });
    if (!base.ok || !starred.ok) throw new Error("rounds did not parse");
    const md = renderDiff(compareRounds({ label: "a", round: base.round }, { label: "b", round: starred.round }), markdownStyle);
    // The label line: a name with *, | and _ must not turn into emphasis or break a table.
    expect(md).toContain("- LUM nr 4 ”Digital \\*Lots\\* \\| för\\_samsjukliga” (Farsta)\n");
    expect(md).toMatch(/^ {2}- Projektnamn: /m);
    expect(md).toContain("  - Projektnamn: Digital <ins>\\*</ins>Lots");
    expect(md).not.toMatch(/[^\\]\*Lots/);
  });
});

describe("terminal output", () => {
  it("uses colour for removed and added words only when asked to", async () => {
    const coloured = await runDiff([ROUND_2024, changed], { colour: true });
    // Removed words red and struck through, added words green.
    expect(coloured.out).toContain(`${ESC}31;9mverksamhetsområde${ESC}0m`);
    expect(coloured.out).toContain(`${ESC}32muppdrag${ESC}0m`);
    const uncoloured = await runDiff([ROUND_2024, changed], { colour: false });
    expect(uncoloured.out).not.toContain(ESC);
    expect(uncoloured.out).toContain("[-verksamhetsområde-]{+uppdrag+}");
  });

  // The command as npm run diff runs it: the bundle, started by node.
  const node = process.execPath;
  const cli = join(ROOT, "scripts/run.mjs");

  it("writes no ANSI codes when stdout is not a terminal", async () => {
    const { stdout } = await promisify(execFile)(node, [cli, "diff-cli", ROUND_2024, changed], { cwd: ROOT, env: { ...process.env, NO_COLOR: "", FORCE_COLOR: "" } });
    expect(stdout).toContain("[-verksamhetsområde-]{+uppdrag+}");
    expect(stdout).not.toContain(ESC);
  });

  // `script` runs the command on a pseudo-terminal, as a reviewer's shell would.
  const hasScript = (() => {
    try {
      execFileSync("script", ["--version"], { stdio: "ignore" });
      return true;
    } catch {
      return false;
    }
  })();
  it.skipIf(!hasScript)("colours on a terminal, and not when NO_COLOR is set", () => {
    const command = [node, cli, "diff-cli", ROUND_2024, changed].map((a) => `'${a}'`).join(" ");
    const onTty = (env: NodeJS.ProcessEnv) => execFileSync("script", ["-qec", command, "/dev/null"], { cwd: ROOT, env, encoding: "utf8" });
    const { NO_COLOR: _, ...withoutNoColor } = process.env;
    expect(onTty(withoutNoColor)).toContain(`${ESC}32muppdrag${ESC}0m`);
    expect(onTty({ ...withoutNoColor, NO_COLOR: "1" })).not.toContain(ESC);
  });
});
