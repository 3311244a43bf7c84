// The register of förvaltningar (data/forvaltningar.yaml): applicants are
// matched through it, named by it, counted by it and limited by it.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { renderRound } from "../src/pipeline/index.js";
import { checkRound } from "../src/check/check-round.js";
import { deriveFigures, slugify } from "../src/derive/figures.js";
import { parseRound } from "../src/load/load-round.js";
import { register, registerFrom } from "../src/register/register.js";
import { plain, renderFile } from "./helpers/build.js";

const ROOT = join(import.meta.dirname, "..");
const base = readFileSync(join(ROOT, "rounds", "2024.yaml"), "utf8");

function load(text: string) {
  const loaded = parseRound({ path: "2024.yaml", text });
  if (!loaded.ok) throw new Error(loaded.diagnostics.map((d) => d.message).join("; "));
  return loaded;
}

/** Replaces the förvaltning of the LUM applications with the given numbers. */
function withApplicant(text: string, nrs: number[], name: string): string {
  let out = text;
  for (const nr of nrs) {
    const re = new RegExp(`(\\n  - nr: ${nr}\\n    id: [^\\n]+\\n    förvaltning: )[^\\n]+`);
    expect(re.test(out), `LUM nr ${nr} in rounds/2024.yaml`).toBe(true);
    out = out.replace(re, `$1${name}`);
  }
  return out;
}

describe("the register", () => {
  it("knows every förvaltning the five reference papers name, in the forms they write", () => {
    const reg = register();
    const written = [
      "Farsta", "Södermalm", "Kungsholmen", "Skarpnäck", "Östermalm", "Norrmalm", "Bromma", "Skärholmen",
      "Hässelby-Vällingby", "Enskede-Årsta-Vantör", "EÅV", "Järva", "Hägersten-Älvsjö", "Hägersten/Älvsjö",
      "Rinkeby-Kista", "Kista-Rinkeby", "Spånga-Tensta", "Spånga Tensta stadsdelsförvaltning", "Hägersten-Liljeholmen",
      "Hägersten-Liljeholmen stadsdelsförvaltning", "Älvsjö", "Socialförvaltningen", "Arbetsmarknadsförvaltningen",
    ];
    for (const name of written) expect(reg.find(name), name).toBeDefined();
  });

  it("accepts aliases, case and missing accents, and gives the proper name, formal name and nämnd", () => {
    const reg = register();
    for (const name of ["Farsta sdf", "farsta", "FARSTA", "Farsta stadsdelsförvaltning", "Farsta stadsdelsnämnd", " Farsta "]) {
      expect(reg.find(name)?.namn, name).toBe("Farsta");
    }
    expect(reg.find("Skarpnack")?.namn).toBe("Skarpnäck");
    expect(reg.find("Farsta")?.förvaltning).toBe("Farsta stadsdelsförvaltning");
    expect(reg.find("Farsta")?.nämnd).toBe("Farsta stadsdelsnämnd");
    expect(reg.find("Arbetsmarknadsförvaltningen")?.typ).toBe("fackförvaltning");
    expect(reg.find("Socialförvaltningen")?.nämnd).toBe("Socialnämnden");
  });

  it("suggests the nearest names for an unknown one", () => {
    const reg = register();
    expect(reg.suggest("Farst", 2024)[0]).toBe("Farsta");
    expect(reg.suggest("Hägersten", 2024)).toContain("Hägersten-Älvsjö");
    expect(reg.suggest("Hägersten", 2024)).not.toContain("Hägersten-Liljeholmen"); // gone since 2020
  });

  it("suggests a name one letter off alone, not beside names that are further away", () => {
    const reg = register();
    // The user trial got "Kungsholmen" eller "Arbetsmarknadsförvaltningen" (through its alias AMF), and
    // "Arbetsmarknadsförvaltningen" eller "Enskede-Årsta-Vantör" for Farstaa.
    expect(reg.suggest("Kungsholmn", 2024)).toEqual(["Kungsholmen"]);
    expect(reg.suggest("Farstaa", 2024)).toEqual(["Farsta"]);
    expect(reg.suggest("Norrmalmm", 2024)).toEqual(["Norrmalm"]);
    expect(reg.suggest("Alvsjo", 2024)).toEqual(["Hägersten-Älvsjö"]);
    // A part of a förvaltning that has since been merged: the one that replaced it.
    expect(reg.suggest("Kista", 2024)).toEqual(["Järva"]);
    // Nothing near: no guess.
    expect(reg.suggest("Xyzzy", 2024)).toEqual([]);
  });

  it("takes a new förvaltning as one line of data, and refuses a name that would mean two", () => {
    const line = (namn: string, extra: object = {}) => ({ namn, typ: "stadsdelsförvaltning", förvaltning: `${namn}s stadsdelsförvaltning`, nämnd: `${namn}s stadsdelsnämnd`, ...extra });
    const reg = registerFrom([line("Nacka")]);
    expect(reg.find("Nacka sdf")?.förvaltning).toBe("Nackas stadsdelsförvaltning");
    expect(reg.find("Nackas stadsdelsnämnd")?.namn).toBe("Nacka");
    expect(() => registerFrom([line("A"), line("B", { alias: ["a"] })])).toThrow();
    // A line without its official names is refused: the register never guesses a name.
    expect(() => registerFrom([{ namn: "Nacka", typ: "stadsdelsförvaltning" }])).toThrow();
  });
});

/**
 * Every "<name> stadsdelsförvaltning" the five reference papers write (in
 * /work/shared/reference, outside the repository), as they write it: 2015
 * (protokollsutdrag and tjänsteutlåtande) and 2019 (redovisning and
 * inriktning); the 2021, 2023 and 2024 papers write short names only. Three
 * 2015 misspellings ("… stadsdelsförvalting") are left out.
 */
const REFERENCE_NAMES: Record<string, string[]> = {
  "2015": [
    "Hägersten-Liljeholmen stadsdelsförvaltning", "Hägersten-Liljeholmens stadsdelsförvaltning", "Enskede-Årsta-Vantör stadsdelsförvaltning",
    "Skarpnäck stadsdelsförvaltning", "Älvsjö stadsdelsförvaltning", "Farsta stadsdelsförvaltning", "Södermalms stadsdelsförvaltning",
    "Östermalms stadsdelsförvaltning", "Bromma stadsdelsförvaltning", "Hässelby-Vällingby stadsdelsförvaltning", "Spånga Tensta stadsdelsförvaltning",
    "Rinkeby-Kista stadsdelsförvaltning", "Skärholmens stadsdelsförvaltning", "Norrmalms stadsdelsförvaltning",
  ],
  "2019": [
    "Skärholmens stadsdelsförvaltning", "Enskede-Årsta-Vantörs stadsdelsförvaltning", "Farsta stadsdelsförvaltning",
    "Hägersten-Liljeholmens stadsdelsförvaltning", "Södermalms stadsdelsförvaltning", "Östermalms stadsdelsförvaltning",
  ],
};

describe("official names", () => {
  // The names as the city writes them. The papers agree with these wherever they
  // write the genitive; where the 2015 paper drops it ("Skarpnäck
  // stadsdelsförvaltning", "Enskede-Årsta-Vantör stadsdelsförvaltning",
  // "Hägersten-Liljeholmen stadsdelsförvaltning"), the 2019 paper or the same
  // 2015 paper writes the genitive ("Enskede-Årsta-Vantörs", "Hägersten-Liljeholmens
  // stadsdelsförvalting"), and the city's own name for Skarpnäck is "Skarpnäcks".
  const official: Record<string, [string, string]> = {
    Bromma: ["Bromma stadsdelsförvaltning", "Bromma stadsdelsnämnd"],
    "Enskede-Årsta-Vantör": ["Enskede-Årsta-Vantörs stadsdelsförvaltning", "Enskede-Årsta-Vantörs stadsdelsnämnd"],
    Farsta: ["Farsta stadsdelsförvaltning", "Farsta stadsdelsnämnd"],
    "Hägersten-Älvsjö": ["Hägersten-Älvsjö stadsdelsförvaltning", "Hägersten-Älvsjö stadsdelsnämnd"],
    "Hägersten-Liljeholmen": ["Hägersten-Liljeholmens stadsdelsförvaltning", "Hägersten-Liljeholmens stadsdelsnämnd"],
    "Hässelby-Vällingby": ["Hässelby-Vällingby stadsdelsförvaltning", "Hässelby-Vällingby stadsdelsnämnd"],
    Järva: ["Järva stadsdelsförvaltning", "Järva stadsdelsnämnd"],
    Kungsholmen: ["Kungsholmens stadsdelsförvaltning", "Kungsholmens stadsdelsnämnd"],
    Norrmalm: ["Norrmalms stadsdelsförvaltning", "Norrmalms stadsdelsnämnd"],
    "Rinkeby-Kista": ["Rinkeby-Kista stadsdelsförvaltning", "Rinkeby-Kista stadsdelsnämnd"],
    Skarpnäck: ["Skarpnäcks stadsdelsförvaltning", "Skarpnäcks stadsdelsnämnd"],
    Skärholmen: ["Skärholmens stadsdelsförvaltning", "Skärholmens stadsdelsnämnd"],
    "Spånga-Tensta": ["Spånga-Tensta stadsdelsförvaltning", "Spånga-Tensta stadsdelsnämnd"],
    Södermalm: ["Södermalms stadsdelsförvaltning", "Södermalms stadsdelsnämnd"],
    Älvsjö: ["Älvsjö stadsdelsförvaltning", "Älvsjö stadsdelsnämnd"],
    Östermalm: ["Östermalms stadsdelsförvaltning", "Östermalms stadsdelsnämnd"],
  };

  it("holds every stadsdelsförvaltning's and stadsdelsnämnd's official name", () => {
    const reg = register();
    for (const [namn, [förvaltning, nämnd]] of Object.entries(official)) {
      expect(reg.find(namn)?.förvaltning, namn).toBe(förvaltning);
      expect(reg.find(namn)?.nämnd, namn).toBe(nämnd);
    }
    expect(reg.entries.filter((e) => e.typ === "stadsdelsförvaltning").map((e) => e.namn).sort()).toEqual(Object.keys(official).sort());
  });

  it("agrees with every genitive the reference papers write, and finds every name they write", () => {
    const reg = register();
    const genitives = new Map<string, string>();
    for (const [file, names] of Object.entries(REFERENCE_NAMES)) for (const name of names) {
      const entry = reg.find(name);
      expect(entry, `${name} (${file})`).toBeDefined();
      const stem = name.replace(/ stadsdels(förvaltning|nämnd)$/, "");
      if (stem.endsWith("s") && !entry!.namn.endsWith("s")) genitives.set(entry!.namn, stem);
    }
    // Every genitive a paper writes is the register's.
    for (const [namn, stem] of genitives) expect(register().find(namn)!.stam, namn).toBe(stem);
    expect([...genitives.keys()].sort()).toEqual(["Enskede-Årsta-Vantör", "Hägersten-Liljeholmen", "Norrmalm", "Skärholmen", "Södermalm", "Östermalm"].sort());
  });

  it("accepts the official name, the short name, an alias and the name without its genitive alike", () => {
    const reg = register();
    for (const name of ["Södermalms stadsdelsförvaltning", "Södermalm stadsdelsförvaltning", "Södermalms stadsdelsnämnd", "Södermalm", "södermalms sdf", "Sodermalm"]) {
      expect(reg.find(name)?.namn, name).toBe("Södermalm");
    }
    expect(reg.find("Enskede-Årsta-Vantörs stadsdelsförvaltning")?.namn).toBe("Enskede-Årsta-Vantör");
    expect(reg.find("EÅV")?.förvaltning).toBe("Enskede-Årsta-Vantörs stadsdelsförvaltning");
  });
});

describe("applicants matched through the register", () => {
  it("count three spellings of Farsta as one förvaltning, in the limit and in the paper", async () => {
    // Applications 2, 4 and 8 are granted; 4 is Farsta's, and 2 and 8 become Farsta's too, typed two other ways.
    let text = withApplicant(base, [2], "Farsta sdf");
    text = withApplicant(text, [8], "Farsta stadsdelsförvaltning");
    const loaded = load(text);
    const figures = deriveFigures(loaded.round);
    const farsta = figures.sökande.filter((s) => s.förvaltning === "Farsta");
    expect(farsta).toHaveLength(1);
    expect(figures.sökande.some((s) => s.förvaltning !== "Farsta" && /farsta/i.test(s.förvaltning))).toBe(false);
    const diagnostics = checkRound(loaded, undefined, false);
    const limit = diagnostics.filter((d) => d.code === "max-per-forvaltning");
    expect(limit.length).toBeGreaterThan(0);
    expect(limit[0]!.message).toContain("Farsta");
  });

  it("print the register's name, not the one typed", async () => {
    const text = withApplicant(withApplicant(base, [8], "skarpnack"), [4], "FARSTA SDF");
    const loaded = load(text);
    expect(checkRound(loaded, undefined, false).filter((d) => d.severity === "fel")).toEqual([]);
    const r = await renderRound({ file: "2024.yaml", round: loaded.round }, { only: "bilaga-1-ansokningar-lum.txt" });
    const bilaga = plain(new TextDecoder().decode(r.files.find((f) => f.name === "bilaga-1-ansokningar-lum.txt")!.bytes));
    expect(bilaga).toContain("Skarpnäck");
    expect(bilaga).not.toMatch(/skarpnack|FARSTA SDF/);
  });

  it("refuse an unknown name at its line, with the nearest names", () => {
    const text = withApplicant(base, [4], "Farst");
    const loaded = load(text);
    const errors = checkRound(loaded, undefined, false).filter((d) => d.code === "okand-forvaltning");
    expect(errors).toHaveLength(1);
    expect(errors[0]!.sourceLine).toContain("förvaltning: Farst");
    expect(errors[0]!.message).toContain('Menade du "Farsta"');
  });

  it("suggest only the name meant when it is one letter off, in the message the secretary reads", () => {
    for (const [typed, meant] of [["Kungsholmn", "Kungsholmen"], ["Farstaa", "Farsta"]] as const) {
      const errors = checkRound(load(withApplicant(base, [4], typed)), undefined, false).filter((d) => d.code === "okand-forvaltning");
      expect(errors.map((d) => d.message)).toEqual([`LUM-ansökan nr 4: "${typed}" finns inte i stadens register över förvaltningar. Menade du "${meant}"?`]);
    }
  });

  it("refuse a förvaltning in a year it did not exist", () => {
    const text = withApplicant(base, [4], "Rinkeby-Kista");
    const loaded = load(text);
    const errors = checkRound(loaded, undefined, false).filter((d) => d.code === "forvaltning-upphord");
    expect(errors).toHaveLength(1);
    expect(errors[0]!.message).toContain("Järva");
  });

  it("count a fackförvaltning as what it is, not as a stadsdelsförvaltning", () => {
    const before = deriveFigures(load(base).round).lum;
    // Farsta applied twice (4 and 13): moving 13 to Arbetsmarknadsförvaltningen keeps the districts and adds a fackförvaltning.
    const after = deriveFigures(load(withApplicant(base, [13], "Arbetsmarknadsförvaltningen")).round).lum;
    expect(after.övrigaFörvaltningar).toEqual(["Arbetsmarknadsförvaltningen"]);
    expect(after.antalStadsdelsförvaltningar).toBe(before.antalStadsdelsförvaltningar);
  });
});

describe("every letter of every round", () => {
  it.each(["2015", "2024"])("of %s is addressed by the register's official name, the one for its file", async (year) => {
    const rendered = await renderFile(`rounds/${year}.yaml`);
    const letters = rendered.files.filter((f) => f.name.startsWith("beslutsmeddelanden/") && f.name.endsWith(".txt"));
    expect(letters.length).toBeGreaterThan(5);
    const reg = register();
    for (const letter of letters) {
      const lines = new TextDecoder().decode(letter.bytes).split("\n").map((l) => l.trim());
      const addressed = lines[lines.indexOf("Till") + 1]!;
      const entry = reg.entries.find((e) => e.förvaltning === addressed);
      expect(entry, `${letter.name}: "${addressed}"`).toBeDefined();
      // The letter for sodermalm.txt goes to Södermalms stadsdelsförvaltning, not to another.
      expect(letter.name, addressed).toContain(`/${slugify(entry!.namn)}.txt`);
    }
  });

  it("of the rounds with a meeting covers them all: no round file has letters this test does not see", () => {
    const withMeeting = readdirSync(join(ROOT, "rounds")).filter((f) => /^\d{4}\.yaml$/.test(f) && /^sammanträde:/m.test(readFileSync(join(ROOT, "rounds", f), "utf8")));
    expect(withMeeting.sort()).toEqual(["2015.yaml", "2024.yaml"]);
  });
});
