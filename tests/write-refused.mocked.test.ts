// When the computer refuses a write (no permission on rounds/, a full disk),
// the import and ny-omgang say so in Swedish, leave nothing half-written
// behind and change nothing. The refusal is made here by wrapping
// node:fs/promises, since a test run as root is never refused a write.
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";

const refuse = vi.hoisted(() => ({ rename: undefined as string | undefined, write: undefined as string | undefined }));
vi.mock("node:fs/promises", async (original) => {
  const real = await original<typeof import("node:fs/promises")>();
  const denied = (path: unknown) => Object.assign(new Error(`EACCES: permission denied, '${String(path)}'`), { code: "EACCES", path: String(path) });
  return {
    ...real,
    rename: async (from: string, to: string) => {
      if (refuse.rename && String(to).endsWith(refuse.rename)) throw denied(to);
      return real.rename(from, to);
    },
    writeFile: async (path: string, ...rest: unknown[]) => {
      if (refuse.write && String(path).endsWith(refuse.write)) throw denied(path);
      return (real.writeFile as (...a: unknown[]) => Promise<void>)(path, ...rest);
    },
  };
});

const { main: importera } = await import("../src/importera.js");
const { main: nyOmgang } = await import("../src/ny-omgang.js");

const ROOT = join(import.meta.dirname, "..");

function project(): string {
  const dir = mkdtempSync(join(tmpdir(), "lum-refused-"));
  mkdirSync(join(dir, "rounds"));
  cpSync(join(ROOT, "rounds", "2025.yaml"), join(dir, "rounds", "2025.yaml"));
  cpSync(join(ROOT, "templates"), join(dir, "templates"), { recursive: true });
  return dir;
}

describe("a write the computer refuses", () => {
  it("the import: says it, removes its file written aside, leaves the round file as it was", async () => {
    const dir = project();
    writeFileSync(join(dir, "ansokningar-2025.csv"), "Fond;Förvaltning;Projekt;Sökt belopp\nLUM;Farsta;Nytt projekt;100 000\n");
    const before = readFileSync(join(dir, "rounds", "2025.yaml"));
    refuse.rename = "2025.yaml";
    const err: string[] = [];
    const code = await importera(["ansokningar-2025.csv"], { out: () => {}, err: (l) => err.push(l), cwd: dir, colour: false });
    refuse.rename = undefined;
    expect(code).toBe(74);
    expect(err.join("\n")).toContain("fel: Kunde inte skriva rounds/2025.yaml; filen är oförändrad.\nDatorn stoppade arbetet: saknar behörighet att skriva eller läsa");
    expect(readdirSync(join(dir, "rounds"))).toEqual(["2025.yaml"]);
    expect(readFileSync(join(dir, "rounds", "2025.yaml"))).toEqual(before);
  });

  it("ny-omgang: names the permission, not a file that might exist or a folder that might be missing", async () => {
    const dir = project();
    refuse.write = "2027.yaml";
    const err: string[] = [];
    const code = await nyOmgang(["2027"], { out: () => {}, err: (l) => err.push(l), cwd: dir, templateRoot: join(dir, "templates") });
    refuse.write = undefined;
    expect(code).toBe(74);
    expect(err.join("\n")).toMatch(/^Kunde inte skriva rounds\/2027\.yaml: saknar behörighet att skriva eller läsa \(.*2027\.yaml\)\. Inget har ändrats\.$/m);
    expect(err.join("\n")).not.toContain("finns den redan");
    expect(readdirSync(join(dir, "rounds"))).toEqual(["2025.yaml"]);
  });
});
