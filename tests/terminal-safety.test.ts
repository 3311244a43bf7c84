// Terminal safety in every command: a file name or a value holding control
// characters (a screen clear, an OSC 52 clipboard write) is printed escaped,
// by the same visible() the diagnostics of check go through, never raw.
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main as cli } from "../src/cli.js";
import { main as nyOmgang } from "../src/ny-omgang.js";

const ROOT = join(import.meta.dirname, "..");
const HOSTILE = "2025\u001b[2J\u001b]52;c;aGVq\u0007.yaml";
// eslint-disable-next-line no-control-regex
const RAW = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

function project(): string {
  const dir = mkdtempSync(join(tmpdir(), "lum-terminal-"));
  mkdirSync(join(dir, "rounds"));
  cpSync(join(ROOT, "rounds", "2025.yaml"), join(dir, "rounds", HOSTILE));
  cpSync(join(ROOT, "templates"), join(dir, "templates"), { recursive: true });
  return dir;
}

const collect = () => {
  const lines: string[] = [];
  return { lines, io: { out: (l: string) => lines.push(l), err: (l: string) => lines.push(l) } };
};

describe("a round file whose name holds control characters", () => {
  it("build names it escaped", async () => {
    const dir = project();
    const { lines, io } = collect();
    expect(await cli(["build"], { ...io, cwd: dir })).toBe(0);
    const said = lines.join("\n");
    expect(said).not.toMatch(RAW);
    expect(said).toContain("rounds/2025\\x1B[2J\\x1B]52;c;aGVq\\x07.yaml → out/2025/");
  });

  it("ny-omgang names it escaped", async () => {
    const dir = project();
    const { lines, io } = collect();
    expect(await nyOmgang(["2026", "--från", join("rounds", HOSTILE)], { ...io, cwd: dir, templateRoot: join(dir, "templates") })).toBe(0);
    const said = lines.join("\n");
    expect(said).not.toMatch(RAW);
    expect(said).toContain("från rounds/2025\\x1B[2J");
  });

  it("a broken round's own text in check's message is escaped", async () => {
    const dir = project();
    writeFileSync(join(dir, "rounds", "2026.yaml"), "år: 2026\ntitel: \u001b[31mröd\u001b[0m\u0000\n");
    const { lines, io } = collect();
    await cli(["check"], { ...io, cwd: dir });
    expect(lines.join("\n")).not.toMatch(RAW);
  });
});
