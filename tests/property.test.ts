// Property tests: generated valid rounds always build, and random damage to a
// round file never makes the checker throw – it answers with diagnostics.
import fc from "fast-check";
import { stringify } from "yaml";
import { describe, expect, it } from "vitest";
import { renderRound } from "../src/pipeline/index.js";
import { checkRound } from "../src/check/check-round.js";
import { normalizeTitle } from "../src/derive/reasons.js";
import { parseRound } from "../src/load/load-round.js";

const FÖRVALTNINGAR = ["Farsta", "Södermalm", "Järva", "Kungsholmen", "Skarpnäck", "Östermalm", "Hägersten-Älvsjö", "Socialförvaltningen"];
const LUM_CAP = 500_000;
const MUL_CAP = 25_000;

// Text a secretary might write, including Markdown and template syntax that must come out literally.
const word = fc.constantFrom("stöd", "Projektet", "”citat”", "*stjärna*", "_under_", "{{round.dnr}}", "#1", "1.", "-", "–", "a:b", "<b>", "50 %", "Łukasz", "Żółć", "ÅÄÖ", "\\", "[x](y)", "`kod`");
const text = fc.array(word, { minLength: 1, maxLength: 8 }).map((w) => w.join(" "));
const id = fc.stringMatching(/^[a-z][a-z0-9]{2,8}(-[a-z0-9]{2,6}){0,2}$/);

const decision = (cap: number) =>
  fc.integer({ min: 2, max: cap }).chain((sökt) =>
    fc.oneof(
      fc.constant({ sökt, beslut: { utfall: "bifall" } }),
      fc.integer({ min: 1, max: sökt - 1 }).chain((belopp) => text.map((motivering) => ({ sökt, beslut: { utfall: "delvis_bifall", belopp, motivering } }))),
      text.map((motivering) => ({ sökt, beslut: { utfall: "avslag", motivering } })),
      fc.integer({ min: cap + 1, max: cap * 3 }).chain((over) => text.map((motivering) => ({ sökt: over, beslut: { utfall: "maxbelopp", motivering } }))),
    ),
  );

const lum = fc.record({ förvaltning: fc.constantFrom(...FÖRVALTNINGAR), projekt: text, beskrivning: fc.option(text, { nil: undefined }), d: decision(LUM_CAP) });
const mul = fc.record({ förvaltning: fc.constantFrom(...FÖRVALTNINGAR), resmål: text, syfte: text, d: decision(MUL_CAP) });

const roundArbitrary = fc
  .record({
    lum: fc.array(lum, { minLength: 1, maxLength: 25 }),
    mul: fc.array(mul, { maxLength: 25 }),
    ids: fc.uniqueArray(id, { minLength: 50, maxLength: 50 }),
    titel: text,
    kriterier: fc.array(text, { minLength: 1, maxLength: 4 }),
  })
  .map(({ lum, mul, ids, titel, kriterier }) => ({
    år: 2030,
    titel,
    nämnd: "Socialnämnden",
    förvaltning: "Socialförvaltningen",
    avdelning: "Avdelningen för stadsövergripande sociala frågor",
    dnr: "3.2-1/2029",
    datum: "2029-12-01",
    handläggare: { namn: "Łukasz Żółć", telefon: "08-508 00 000" },
    undertecknare: [{ namn: "Nguyễn Văn An", titel: "Socialdirektör" }],
    huvudkriterier: kriterier,
    prioriterade_områden: [],
    regler: { max_belopp_lum: LUM_CAP, max_belopp_mul: MUL_CAP },
    beredning: {},
    återbetalning_senast: "2030-06-01",
    lum: lum.map((a, i) => ({ nr: i + 1, id: ids[i]!, förvaltning: a.förvaltning, projekt: a.projekt, ...(a.beskrivning ? { beskrivning: a.beskrivning } : {}), ...a.d })),
    mul: mul.map((a, i) => ({ nr: i + 1, id: ids[25 + i]!, förvaltning: a.förvaltning, resmål: a.resmål, syfte: a.syfte, ...a.d })),
  }));

describe("properties", () => {
  it("every generated valid round passes the checks and builds every document", async () => {
    await fc.assert(
      fc.asyncProperty(roundArbitrary, async (data) => {
        const loaded = parseRound({ path: "genererad.yaml", text: stringify(data) });
        if (!loaded.ok) throw new Error(loaded.diagnostics.map((d) => `${d.line}: ${d.message}`).join("\n"));
        const errors = checkRound(loaded, undefined).filter((d) => d.severity === "fel");
        expect(errors).toEqual([]);
        const rendered = await renderRound({ file: "genererad.yaml", round: loaded.round }, { only: "bilaga-1-ansokningar-lum.txt" });
        const bilaga = new TextDecoder().decode(rendered.files.find((f) => f.name === "bilaga-1-ansokningar-lum.txt")!.bytes);
        // What the secretary wrote is printed literally (spaces aside; quotes inside a title nest as ’…’).
        for (const a of loaded.round.lum) expect(bilaga).toContain(normalizeTitle(a.projekt));
      }),
      { numRuns: 40 },
    );
  });

  it("random damage to a round file gives diagnostics, never an exception", () => {
    const base = stringify(fc.sample(roundArbitrary, { numRuns: 1, seed: 7 })[0]);
    const lines = base.split("\n");
    const mutation = fc.oneof(
      fc.nat(lines.length - 1).map((i) => lines.filter((_, j) => j !== i).join("\n")),
      fc.nat(lines.length - 1).map((i) => [...lines.slice(0, i), lines[i], ...lines.slice(i)].join("\n")),
      fc.tuple(fc.nat(base.length), fc.string({ maxLength: 6 })).map(([i, s]) => base.slice(0, i) + s + base.slice(i)),
      fc.tuple(fc.nat(base.length), fc.nat(20)).map(([i, n]) => base.slice(0, i) + base.slice(i + n)),
      fc.nat(base.length).map((i) => base.slice(0, i)),
      fc.tuple(fc.nat(lines.length - 1), fc.constantFrom("\t", "  ", "- ", ": ", '"', "&a ", "*a", "{", "[", "? ", "!!binary ")).map(
        ([i, s]) => lines.map((l, j) => (j === i ? s + l : l)).join("\n"),
      ),
    );
    fc.assert(
      fc.property(mutation, (text) => {
        const loaded = parseRound({ path: "skadad.yaml", text });
        const diagnostics = loaded.ok ? checkRound(loaded, undefined) : loaded.diagnostics;
        for (const d of diagnostics) {
          expect(d.message.length).toBeGreaterThan(0);
          expect(d.line).toBeGreaterThanOrEqual(0);
        }
      }),
      { numRuns: 400 },
    );
  });
});
