// Hostile or broken files: each gets a clear Swedish message (or builds
// correctly), never a crash.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkRounds, renderRound } from "../src/pipeline/index.js";

const base = readFileSync(join(import.meta.dirname, "..", "rounds", "2024.yaml"));
async function check(name: string, bytes: Uint8Array | string) {
  // A folder each: round files of one year side by side are an error of their own.
  const path = join(mkdtempSync(join(tmpdir(), "lum-hostile-")), name);
  writeFileSync(path, bytes);
  return checkRounds([{ path, shown: name }]);
}

describe("hostile files", () => {
  it("accepts a byte-order mark", async () => {
    const { rounds, diagnostics } = await check("bom.yaml", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), base]));
    expect(diagnostics.filter((d) => d.severity === "fel")).toEqual([]);
    expect(rounds[0]!.round.år).toBe(2024);
  });

  it("refuses a UTF-16 file and says so", async () => {
    const { diagnostics } = await check("utf16.yaml", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(base.toString(), "utf16le")]));
    expect(diagnostics.map((d) => [d.code, d.message])).toEqual([["fil-inte-utf8", "Filen är inte sparad som UTF-8-text: filen är sparad som UTF-16."]]);
  });

  it("refuses a binary file", async () => {
    const { diagnostics } = await check("bild.yaml", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00]));
    expect(diagnostics.map((d) => d.code)).toEqual(["fil-inte-utf8"]);
  });

  it("refuses a file of tens of megabytes without reading it", async () => {
    const big = Buffer.alloc(30 * 1024 * 1024, "# kommentar\n");
    const { diagnostics } = await check("stor.yaml", big);
    expect(diagnostics.map((d) => [d.code, d.message])).toEqual([["fil-for-stor", "Filen är 30,0 MB, mer än de 5 MB en omgångsfil får vara."]]);
  });

  it("treats __proto__ as an unknown key and pollutes nothing", async () => {
    const text = base.toString().replace("titel:", "__proto__:\n  polluted: true\ntitel:");
    const { diagnostics } = await check("proto.yaml", text);
    expect(diagnostics.map((d) => d.code)).toContain("okand-nyckel");
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("prints template syntax in a reason literally, never evaluating it", async () => {
    const text = base
      .toString()
      .replace("motivering: bedöms ligga utanför socialtjänstens verksamhetsområde.", 'motivering: "bedöms {{round.dnr}} {{#each lum}}x{{/each}} *inte* <b>rimligt</b>."');
    const { rounds, diagnostics } = await check("mall.yaml", text);
    expect(diagnostics.filter((d) => d.severity === "fel")).toEqual([]);
    const rendered = await renderRound(rounds[0]!, { only: "tjansteutlatande.txt" });
    const t = new TextDecoder().decode(rendered.files.find((f) => f.name === "tjansteutlatande.txt")!.bytes);
    expect(t).toContain("bedöms {{round.dnr}} {{#each lum}}x{{/each}} *inte* <b>rimligt</b>.");
  });

  it("stops an alias bomb with a message", async () => {
    const bomb = ["a: &a [x, x, x, x, x, x, x, x, x]", ..."bcdefgh".split("").map((c, i) => `${c}: &${c} [${Array(9).fill(`*${"abcdefgh"[i]}`).join(", ")}]`)].join("\n");
    const { diagnostics } = await check("bomb.yaml", bomb);
    expect(diagnostics.map((d) => d.code)).toEqual(["yaml-alias"]);
  });
});
