// A round file saved while `npm run build` renders (the attack's repro: an
// edit of rounds/2025.yaml 2.5 s into a full rebuild). The build renders what
// it checked; the next build must see that the file changed since and build
// it again, never answer "oförändrat" with the old documents in out/.
// The save is made at a fixed point, as the first year starts rendering, by
// wrapping prepareRound: a timer would depend on the machine's speed.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { main } from "../src/cli.js";

const during = vi.hoisted(() => ({ save: undefined as (() => void) | undefined }));
vi.mock("../src/pipeline/index.js", async (original) => {
  const real = await original<typeof import("../src/pipeline/index.js")>();
  return {
    ...real,
    prepareRound: (...args: Parameters<typeof real.prepareRound>) => {
      const save = during.save;
      during.save = undefined;
      save?.();
      return real.prepareRound(...args);
    },
  };
});

const ROOT = join(import.meta.dirname, "..");
const dir = mkdtempSync(join(tmpdir(), "lum-race-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function build() {
  const out: string[] = [];
  const code = await main(["build"], { out: (l) => out.push(l), err: (l) => out.push(l), cwd: dir });
  return { code, out: out.join("\n") };
}

describe("a round file saved during the build", () => {
  it("is built by the next build, which does not call it unchanged", async () => {
    mkdirSync(join(dir, "rounds"));
    // 2025 alone (its inriktning) renders quickly; a save as it starts rendering.
    cpSync(join(ROOT, "rounds", "2025.yaml"), join(dir, "rounds", "2025.yaml"));
    const round = join(dir, "rounds", "2025.yaml");
    during.save = () => writeFileSync(round, readFileSync(round, "utf8").replace("  namn: Anna Andersson", "  namn: Berit Bengtsson"));
    const first = await build();
    expect(first.code).toBe(0);
    expect(during.save).toBeUndefined();
    // That build rendered what it had checked: the text before the save.
    expect(readFileSync(join(dir, "out", "2025", "inriktning.txt"), "utf8")).not.toContain("Berit Bengtsson");
    const next = await build();
    expect(next.out).not.toContain("out/2025/ (oförändrat");
    expect(readFileSync(join(dir, "out", "2025", "inriktning.txt"), "utf8")).toContain("Berit Bengtsson");
    // And then it is unchanged.
    expect((await build()).out).toContain("out/2025/ (oförändrat");
  });
});
