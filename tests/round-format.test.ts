// What a round file can say beyond the 2024 paper (issue 9, point 3), tried
// on edited copies of rounds/2024.yaml: a date the round does not state is not
// printed, a condition may stand for a reason, a joint application and the
// fund's own name reach the documents.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { renderRound } from "../src/pipeline/index.js";
import { checkRound } from "../src/check/check-round.js";
import { parseRound } from "../src/load/load-round.js";
import { plain } from "./helpers/build.js";

const base = readFileSync("rounds/2024.yaml", "utf8");

function replaced(text: string, from: string, to: string): string {
  expect(text.includes(from), `rounds/2024.yaml holds ${JSON.stringify(from)}`).toBe(true);
  return text.replace(from, to);
}

async function build(text: string) {
  const loaded = parseRound({ path: "rounds/2024.yaml", text });
  if (!loaded.ok) throw new Error(loaded.diagnostics.map((d) => d.message).join("; "));
  const errors = checkRound(loaded, undefined, false).filter((d) => d.severity === "fel");
  const checked = { file: "2024.yaml", round: loaded.round };
  // Each file is built on its own (--bara): only its document is composed.
  const textOf = async (name: string) => {
    if (errors.length > 0) throw new Error(`the round has errors: ${errors.map((e) => e.message).join("; ")}`);
    return plain(new TextDecoder().decode((await renderRound(checked, { only: name })).files[0]!.bytes));
  };
  return { errors, textOf };
}

describe("a repayment date the round does not state", () => {
  it("is printed nowhere: not in the tjänsteutlåtande, not in the letters", async () => {
    const { errors, textOf } = await build(replaced(base, "återbetalning_senast: 2024-06-02\n", ""));
    expect(errors).toEqual([]);
    expect(await textOf("tjansteutlatande.txt")).toContain("Beviljade LUM eller MUL som inte kan användas ska återbetalas till socialförvaltningen.\n");
    expect(await textOf("tjansteutlatande.txt")).not.toContain("Senast den");
    expect(await textOf("beslutsmeddelanden/farsta.txt")).not.toContain("Senast den");
  });
});

describe("a condition without a reason", () => {
  const edited = replaced(
    base,
    "      belopp: 250 000\n      motivering: bedöms kunna genomföras med en reducerad summa av ansökta medel.\n\n  - nr: 6",
    "      belopp: 250 000\n      villkor: Beviljas medel endast om projektet samordnas med ansökan 7.\n\n  - nr: 6",
  );

  it("is enough for a reduced grant", async () => {
    const { errors } = await build(edited);
    expect(errors).toEqual([]);
  });

  it("reads right after ”Projektet ”X” …” in running text, and as itself in a table cell", async () => {
    const { textOf } = await build(edited);
    expect(await textOf("tjansteutlatande.txt")).toContain(
      "– Projektet ”Hur kan brukare och personal förstå varandra bättre?”: beviljas medel endast om projektet samordnas med ansökan 7.",
    );
    expect(await textOf("bilaga-1-ansokningar-lum.txt")).toMatch(/\| 5 \| Hur kan brukare.*\| Delvis bifall \/ Beviljas medel endast om projektet samordnas med ansökan 7\. \|/);
  });

  it("is still required for a rejection without either", async () => {
    const { errors } = await build(replaced(base, "      motivering: bedöms ligga utanför socialtjänstens verksamhetsområde.\n", ""));
    expect(errors.map((d) => d.code)).toEqual(["motivering-saknas"]);
  });
});

describe("a joint application from several förvaltningar", () => {
  it("is written as a list and named with all of them (2024: Hägersten-Älvsjö with Enskede-Årsta-Vantör)", async () => {
    const { errors, textOf } = await build(base);
    expect(errors).toEqual([]);
    expect(await textOf("tjansteutlatande.txt")).toContain("| Hägersten-Älvsjö och Enskede-Årsta-Vantör | Viewpoint inom socialpsykiatrin – Ett digitalt kommunikationsstöd | 500 000 |");
    // Counted once per förvaltning: still ten districts.
    expect(await textOf("tjansteutlatande.txt")).toContain("fjorton ansökningar lokala utvecklingsmedel vilka kom från tio stadsdelsförvaltningar");
    expect(await textOf("beslutsmeddelanden/enskede-arsta-vantor.txt")).toContain("(gemensam ansökan från Hägersten-Älvsjö och Enskede-Årsta-Vantör; medlen betalas till Hägersten-Älvsjö)");
  });

  it("gives a partner with nothing else a letter that states the joint grant and who receives it, never \"inga medel\"", async () => {
    const { errors, textOf } = await build(replaced(base, "[Hägersten-Älvsjö, Enskede-Årsta-Vantör]", "[Hägersten-Älvsjö, Bromma]"));
    expect(errors).toEqual([]);
    const bromma = await textOf("beslutsmeddelanden/bromma.txt");
    expect(bromma).toMatch(/\nTill\nBromma stadsdelsförvaltning\n/);
    expect(bromma).toContain(
      "Projektet ”Viewpoint inom socialpsykiatrin – Ett digitalt kommunikationsstöd” är en gemensam ansökan från Hägersten-Älvsjö och Bromma. Det beviljas 500 000 kronor, som betalas ut till Hägersten-Älvsjö.",
    );
    expect(bromma).not.toContain("inga medel");
    expect(bromma).not.toMatch(/(Därmed|Sammanlagt) beviljas Bromma/);
    // The receiver's letter grants the money as before.
    expect(await textOf("beslutsmeddelanden/hagersten-alvsjo.txt")).toContain("Därmed beviljas Hägersten-Älvsjö 500 000 kronor av sökta 500 000 kronor.");
  });

  it("says what the partner's own applications got, apart from the joint one whose money goes to the other", async () => {
    const { textOf } = await build(base);
    const eav = await textOf("beslutsmeddelanden/enskede-arsta-vantor.txt");
    expect(eav).toContain("Sammanlagt beviljas Enskede-Årsta-Vantör 48 400 kronor av sökta 548 400 kronor för de ansökningar där medlen betalas till Enskede-Årsta-Vantör.");
    expect(eav).toContain("är en gemensam ansökan från Hägersten-Älvsjö och Enskede-Årsta-Vantör. Det beviljas 500 000 kronor, som betalas ut till Hägersten-Älvsjö.");
  });

  it("tells the partner of a rejected joint application that it is rejected", async () => {
    const text = replaced(
      replaced(base, "[Hägersten-Älvsjö, Enskede-Årsta-Vantör]", "[Hägersten-Älvsjö, Bromma]"),
      "    sökt: 500 000\n    beslut:\n      utfall: bifall\n\n  - nr: 7",
      "    sökt: 500 000\n    beslut:\n      utfall: avslag\n      motivering: bedöms inte uppfylla huvudkriterierna.\n\n  - nr: 7",
    );
    const { errors, textOf } = await build(text);
    expect(errors).toEqual([]);
    expect(await textOf("beslutsmeddelanden/bromma.txt")).toContain("är en gemensam ansökan från Hägersten-Älvsjö och Bromma. Ansökan avslås.");
    expect(await textOf("beslutsmeddelanden/hagersten-alvsjo.txt")).toContain("Hägersten-Älvsjö beviljas därmed inga medel för 2024.");
  });

  it("is refused with a Swedish message when a listed name is unknown, at its line", async () => {
    const loaded = parseRound({ path: "rounds/2024.yaml", text: replaced(base, "[Hägersten-Älvsjö, Enskede-Årsta-Vantör]", "[Hägersten-Älvsjö, Enskede]") });
    if (!loaded.ok) throw new Error("did not load");
    const unknown = checkRound(loaded, undefined, false).filter((d) => d.code === "okand-forvaltning");
    expect(unknown).toHaveLength(1);
    expect(unknown[0]!.sourceLine).toContain("förvaltning: [Hägersten-Älvsjö, Enskede]");
  });
});

describe("letters", () => {
  it("are addressed to the förvaltning's formal name", async () => {
    const { textOf } = await build(base);
    expect(await textOf("beslutsmeddelanden/farsta.txt")).toMatch(/\nTill\nFarsta stadsdelsförvaltning\n/);
    expect(await textOf("beslutsmeddelanden/socialforvaltningen.txt")).toMatch(/\nTill\nSocialförvaltningen\n/);
  });
});

describe("the fund's name per round", () => {
  it("reaches messages about its applications (MUST-ansökan in a round that calls it MUST)", async () => {
    const text = replaced(base, "år: 2024\n", "år: 2024\nfonder:\n  mul:\n    förkortning: MUST\n    namn: Mutual Study Visits\n");
    const loaded = parseRound({ path: "rounds/2024.yaml", text: replaced(text, "    id: farsta-finland\n    förvaltning: Farsta", "    id: farsta-finland\n    förvaltning: Farstaa") });
    if (!loaded.ok) throw new Error("did not load");
    const unknown = checkRound(loaded, undefined, false).find((d) => d.code === "okand-forvaltning");
    expect(unknown?.message).toMatch(/^MUST-ansökan nr 2: "Farstaa" finns inte/);
  });
});

describe("an anmälningsärende's own recipients and bilagor", () => {
  it("replace the year's usual ones when the round gives them", async () => {
    const text = replaced(
      base,
      "        godkänt: 2024-02-12\n",
      "        godkänt: 2024-02-12\n    delges: samtliga stadsdelsnämnder och kommunstyrelsen\n    bilagor:\n      - Socialnämndens protokollsutdrag\n      - Redovisning av lokala utvecklingsprojekt\n",
    );
    const { errors, textOf } = await build(text);
    expect(errors).toEqual([]);
    const t = await textOf("anmalningsarenden/farsta-stadsdelsnamnd.txt");
    expect(t).toContain("Ärendet delges samtliga stadsdelsnämnder och kommunstyrelsen.");
    expect(t).toContain("1. Socialnämndens protokollsutdrag\n2. Redovisning av lokala utvecklingsprojekt");
    expect(await textOf("anmalningsarenden/stadsdelsnamnderna.txt")).toContain("Ärendet delges samtliga stadsdelsnämnder.");
  });
});
