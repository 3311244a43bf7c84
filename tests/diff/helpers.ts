// Helpers for the diff tests: run the diff command in process, and build
// small git repositories in temporary folders.
import { execFileSync } from "node:child_process";
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { main } from "../../src/diff-cli.js";

export const ROOT = resolve(import.meta.dirname, "../..");
export const ROUND_2023 = join(ROOT, "rounds/2023.yaml");
export const ROUND_2024 = join(ROOT, "rounds/2024.yaml");

export interface RunResult {
  code: number;
  out: string;
  err: string;
}

export async function runDiff(argv: string[], options: { cwd?: string; colour?: boolean } = {}): Promise<RunResult> {
  let out = "";
  let err = "";
  const code = await main(argv, {
    out: (text) => (out += text),
    err: (line) => (err += `${line}\n`),
    cwd: options.cwd ?? ROOT,
    colour: options.colour ?? false,
  });
  return { code, out, err };
}

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `lum-${prefix}-`));
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** A git repository in a temporary folder, with commands that never read the user's git config. */
export function tempRepo(): { dir: string; git: (...args: string[]) => string; write: (path: string, text: string | Uint8Array) => void } {
  const dir = tempDir("repo");
  const env = { ...process.env, GIT_CONFIG_GLOBAL: "/dev/null", GIT_CONFIG_NOSYSTEM: "1", LC_ALL: "C" };
  const git = (...args: string[]) =>
    execFileSync("git", ["-c", "user.name=Test", "-c", "user.email=test@example.org", "-c", "init.defaultBranch=main", ...args], {
      cwd: dir,
      env,
      encoding: "utf8",
    });
  git("init", "-q");
  const write = (path: string, text: string | Uint8Array) => {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  };
  return { dir, git, write };
}

export const read2024 = () => readFileSync(ROUND_2024, "utf8");

/** Replaces exactly one occurrence of `from`; fails the test if it is not there once. */
export function replaceOnce(text: string, from: string, to: string): string {
  const first = text.indexOf(from);
  if (first < 0 || text.indexOf(from, first + 1) >= 0) throw new Error(`expected exactly one occurrence of ${JSON.stringify(from)}`);
  return text.slice(0, first) + to + text.slice(first + from.length);
}

/** Output with non-breaking spaces as plain spaces. */
export const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, " ");

/** The lines of one "Heading\n-------" section of a terminal report, up to the next section. */
export function section(report: string, heading: RegExp): string[] | undefined {
  const lines = report.split("\n");
  const start = lines.findIndex((l, i) => heading.test(l) && /^[-=]{3,}$/.test(lines[i + 1] ?? ""));
  if (start < 0) return undefined;
  const rest = lines.slice(start + 2);
  const end = rest.findIndex((l, i) => l !== "" && /^[-=]{3,}$/.test(rest[i + 1] ?? ""));
  return (end < 0 ? rest : rest.slice(0, end)).filter((l) => l.trim() !== "");
}
