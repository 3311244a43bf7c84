// What the nämnd decided (issue 19): the proposal and the decision are two
// records, and every paper after the meeting follows the decision while the
// tjänsteutlåtande and its bilagor stay as they were sent. The example round
// tests/fixtures/sammantrade/2024.yaml (shown in the README) has a changed
// amount, a withdrawal, yrkanden, a reservation, jäv and a justering; the
// other cases are made from it by replacing its sammanträde block.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkRounds, renderRound, type RenderedRound } from "../src/pipeline/index.js";
import { main as diffMain } from "../src/diff-cli.js";
import { plain } from "./helpers/build.js";

const FIXTURE = join(import.meta.dirname, "fixtures", "sammantrade", "2024.yaml");
const source = readFileSync(FIXTURE, "utf8");
const meetingStart = source.indexOf("sammanträde:\n");
const meetingEnd = source.indexOf("# Anmälningsärenden till stadsdelsnämnderna");

/** The fixture with its sammanträde block replaced (or removed, with ""). */
function withMeeting(block: string): string {
  return source.slice(0, meetingStart) + block + (block === "" ? "" : "\n") + source.slice(meetingEnd);
}

const SECRETARY = "  sekreterare:\n    namn: Karin Karlsson\n    titel: Sekreterare\n";
const AGREED = `sammanträde:\n  datum: 2024-01-23\n  paragraf: 12\n  justering:\n    ordförande: Anna Ek\n    justerare: [Erik Sand]\n    datum: 2024-01-30\n${SECRETARY}`;

async function build(text: string): Promise<RenderedRound> {
  const dir = mkdtempSync(join(tmpdir(), "lum-sammantrade-"));
  mkdirSync(join(dir, "rounds"));
  const file = join(dir, "rounds", "2024.yaml");
  writeFileSync(file, text);
  const { rounds, diagnostics } = await checkRounds([file]);
  const errors = diagnostics.filter((d) => d.severity === "fel");
  if (errors.length > 0 || !rounds[0]) throw new Error(errors.map((d) => `${d.line}: ${d.message}`).join("\n"));
  return renderRound(rounds[0]);
}

async function problems(text: string) {
  const dir = mkdtempSync(join(tmpdir(), "lum-sammantrade-"));
  const file = join(dir, "2024.yaml");
  writeFileSync(file, text);
  return (await checkRounds([file])).diagnostics;
}

const text = (r: RenderedRound, name: string) => {
  const file = r.files.find((f) => f.name === name);
  if (!file) throw new Error(`no ${name} among ${r.files.map((f) => f.name).join(", ")}`);
  return plain(new TextDecoder().decode(file.bytes));
};
const letters = (r: RenderedRound) => r.files.filter((f) => f.name.startsWith("beslutsmeddelanden/") && f.name.endsWith(".txt"));
/** The tjänsteutlåtande and its bilagor in every format, by name. */
const proposalPapers = (r: RenderedRound) =>
  Object.fromEntries(
    r.files
      .filter((f) => /^(tjansteutlatande|bilaga-)/.test(f.name))
      .map((f) => [f.name, Buffer.from(f.bytes).toString("base64")]),
  );

describe("a changed amount, a withdrawal and a reservation (the README's example)", async () => {
  const decided = await build(source);

  it("the protokollsutdrag writes the change from the data, after the proposal's figures", () => {
    const p = text(decided, "protokollsutdrag.txt");
    expect(p).toContain(
      "1. Socialnämnden godkänner förvaltningens förslag om fördelning av medel till lokala utvecklingsmedel och medel för utveckling och lärande 2024 med den ändringen att LUM-ansökan nr 1 från Norrmalm (”Tidigt stöd till minderåriga EU-medborgare”) beviljas 150 000 kronor.",
    );
    expect(p).toContain("2. MUL-ansökan nr 6 från Hässelby-Vällingby (studiebesök till Gotland) har återtagits av den sökande och avskrivs.");
    // What the förvaltning proposed stays in Ärendet; the decided sums follow it.
    expect(p).toContain("I detta ärende föreslås fördelning av totalt 3 198 400 kronor.");
    expect(p).toContain("Med nämndens ändringar fördelas totalt 3 123 400 kronor: 2 950 000 kronor till lokala utvecklingsmedel och 173 400 kronor till medel för utveckling och lärande.");
  });

  it("the protokollsutdrag records jäv, yrkanden, the beslutsgång, the reservation with its text, and the justering", () => {
    const p = text(decided, "protokollsutdrag.txt");
    expect(p).toContain("David Holm (S) anmäler jäv och deltar inte i handläggningen av ärendet.");
    expect(p).toContain("Anna Ek (M) och Bo Lind (L) yrkar att LUM-ansökan nr 1 beviljas 150 000 kronor.");
    expect(p).toContain("finner att nämnden beslutar enligt yrkandet från Anna Ek (M) och Bo Lind (L).");
    expect(p).toContain("Reservation anförs av Cecilia Berg (V) till förmån för förvaltningens förslag, enligt följande:\n\nProjektet i Norrmalm är väl underbyggt");
    const tail = p.slice(p.indexOf("Vid protokollet"));
    expect(tail).toMatch(/^Vid protokollet\n\nKarin Karlsson\nSekreterare\n\nJusterat den 30 januari 2024\n\nAnna Ek +Erik Sand\nOrdförande +Justerare\n\nUtdraget bestyrks\n\nKarin Karlsson\nSekreterare\n$/);
  });

  it("each letter states the decided amount, and the withdrawn application is not granted", () => {
    const norrmalm = text(decided, "beslutsmeddelanden/norrmalm.txt");
    expect(norrmalm).toContain("| 1 | Tidigt stöd till minderåriga EU-medborgare, år 3 av 3 | 300 000 | 150 000 | Delvis bifall /");
    expect(norrmalm).toContain("Därmed beviljas Norrmalm 150 000 kronor av sökta 300 000 kronor.");
    expect(norrmalm).not.toContain("200 000");
    const hv = text(decided, "beslutsmeddelanden/hasselby-vallingby.txt");
    expect(hv).toContain("| 6 | Verksamhetsbesök, Gotland. | 25 000 | 0 | Återtagen / Ansökan har återtagits av den sökande och avskrivs. |");
    // 250 000 (LUM 7) + 25 000 (MUL 5); the withdrawn 25 000 was handed in, so it is among the sought, and is not granted.
    expect(hv).toContain("Sammanlagt beviljas Hässelby-Vällingby 275 000 kronor av sökta 550 000 kronor.");
  });

  it("the letters together grant what the protokoll decided, and the anmälningsärende says the same", () => {
    const granted = letters(decided)
      .map((f) => plain(new TextDecoder().decode(f.bytes)))
      .map((t) => /(?:Därmed|Sammanlagt) beviljas .*? ([\d ]+) kronor av sökta/.exec(t)?.[1] ?? "0")
      .reduce((sum, n) => sum + Number(n.replace(/ /g, "")), 0);
    expect(granted).toBe(3_123_400);
    expect(text(decided, "anmalningsarenden/stadsdelsnamnderna.txt")).toContain(
      "Sammanlagt fördelades 3 123 400 kronor: 2 950 000 kronor till åtta lokala utvecklingsprojekt och 173 400 kronor till sju studiebesök och studieresor.",
    );
  });

  it("the tjänsteutlåtande and its bilagor are byte-identical with and without the meeting's outcome", async () => {
    const agreed = await build(withMeeting(AGREED));
    const none = await build(withMeeting(""));
    expect(Object.keys(proposalPapers(decided)).length).toBeGreaterThanOrEqual(12); // three papers in four formats
    expect(proposalPapers(decided)).toEqual(proposalPapers(agreed));
    expect(proposalPapers(decided)).toEqual(proposalPapers(none));
    // …and they print the proposal, so the test could have failed.
    expect(text(decided, "tjansteutlatande.txt")).toContain("3 198 400 kronor");
    expect(text(decided, "bilaga-1-ansokningar-lum.txt")).toContain("200 000");
    // The decided papers do differ.
    expect(text(agreed, "beslutsmeddelanden/norrmalm.txt")).toContain("Därmed beviljas Norrmalm 200 000 kronor");
    expect(letters(none)).toHaveLength(0);
  });

  it("where the nämnd simply agrees, the protokollsutdrag reads as before", async () => {
    const agreed = await build(withMeeting(AGREED));
    const p = text(agreed, "protokollsutdrag.txt");
    expect(p).toContain("Ordföranden konstaterar att det finns ett förslag till beslut och det är förvaltningens. Ordföranden finner att nämnden beslutar enligt förvaltningens förslag.");
    expect(p).not.toContain("ändringen");
  });
});

describe("återremiss, bordläggning, and the later meeting that decides", () => {
  const RETURNED = `sammanträde:\n  datum: 2024-01-23\n  paragraf: 12\n  utfall: återremiss\n  skäl: Nämnden vill att förvaltningen redovisar projektens budgetar mer utförligt.\n${SECRETARY}`;

  it("återremiss writes no letters and no anmälningsärenden; the protokollsutdrag says why and that nothing is decided", async () => {
    const r = await build(withMeeting(RETURNED));
    expect(letters(r)).toHaveLength(0);
    expect(r.files.filter((f) => f.name.startsWith("anmalningsarenden/"))).toHaveLength(0);
    const p = text(r, "protokollsutdrag.txt");
    expect(p).toContain("1. Socialnämnden återremitterar ärendet till förvaltningen. Nämnden vill att förvaltningen redovisar projektens budgetar mer utförligt.");
    expect(p).toContain("Inga medel fördelas och inga beslutsmeddelanden skickas förrän nämnden har beslutat.");
    expect(p).not.toContain("godkänner förvaltningens förslag");
    expect(r.notices.join("\n")).toContain("Inga beslutsmeddelanden och inga anmälningsärenden: nämnden återremitterade ärendet den 2024-01-23.");
  });

  it("bordläggning writes no letters", async () => {
    const r = await build(withMeeting(RETURNED.replace("utfall: återremiss", "utfall: bordläggning").replace(/  skäl: .*\n/, "")));
    expect(letters(r)).toHaveLength(0);
    expect(text(r, "protokollsutdrag.txt")).toContain("1. Socialnämnden bordlägger ärendet.");
  });

  it("a later meeting in the same round decides: letters follow it, and each meeting has its protokollsutdrag", async () => {
    // The återremiss moved from sammanträde: to tidigare_sammanträden:, as the README tells the secretary.
    const earlier = `tidigare_sammanträden:\n${RETURNED.replace("sammanträde:\n", "").replace(/^  /gm, "    ").replace(/^    /, "  - ")}`;
    const later = `sammanträde:\n  datum: 2024-02-06\n  paragraf: 31\n  ändringar:\n    lum:\n      - nr: 9\n        utfall: bifall\n  justeras_omedelbart: true\n${SECRETARY}`;
    const r = await build(withMeeting(earlier + later));
    expect(letters(r).length).toBeGreaterThan(0);
    const first = text(r, "protokollsutdrag-2024-01-23-paragraf-12.txt");
    expect(first).toContain("§ 12");
    expect(first).toContain("återremitterar ärendet till förvaltningen");
    // Its own extract does not speak of itself as an earlier meeting.
    expect(first).not.toContain("återremitterade ärendet");
    const last = text(r, "protokollsutdrag.txt");
    expect(last).toContain("§ 31");
    expect(last).toContain("Socialnämnden återremitterade ärendet till förvaltningen den 23 januari 2024, § 12.");
    expect(last).toContain("med den ändringen att LUM-ansökan nr 9 från Enskede-Årsta-Vantör (”BFS (Boende med förstärkt stöd)”) beviljas 500 000 kronor.");
    expect(last).toContain("Paragrafen justeras omedelbart.");
    expect(text(r, "beslutsmeddelanden/enskede-arsta-vantor.txt")).toMatch(/beslutade den 6 februari 2024, § 31/);
    expect(text(r, "beslutsmeddelanden/enskede-arsta-vantor.txt")).toContain("| 9 | BFS (Boende med förstärkt stöd) | 500 000 | 500 000 | Bifall |");
  });
});

describe("yrkanden with an omröstning", () => {
  it("records the propositionsordning, the votes and the result", async () => {
    const block = `sammanträde:
  datum: 2024-01-23
  paragraf: 12
  ändringar:
    mul:
      - nr: 8
        utfall: avslag
        motivering: Studiebesöket bedöms kunna göras inom förvaltningens egen budget.
  yrkanden:
    - av: Moderaterna
      yrkande: att MUL-ansökan nr 8 avslås.
  omröstning:
    ja: Moderaternas yrkande
    nej: förvaltningens förslag
    ja_röster: 7
    nej_röster: [Cecilia Berg (V), Gustav Ek (S), Hanna Lo (S), Ida Ny (MP), Jon Åberg (S), Kim Ruiz (V)]
    avstår: 1
  reservationer:
    - av: [Gustav Ek (S), Hanna Lo (S), Jon Åberg (S)]
  särskilda_uttalanden:
    - av: Ida Ny (MP)
      text: Miljöpartiet vill att studiebesöken redovisas samlat nästa år.
  justeras_omedelbart: true
${SECRETARY}`;
    const r = await build(withMeeting(block));
    const p = text(r, "protokollsutdrag.txt");
    expect(p).toContain("Moderaterna yrkar att MUL-ansökan nr 8 avslås.");
    expect(p).toContain(
      "Omröstning begärs. Den som vill bifalla Moderaternas yrkande röstar ja, den som vill bifalla förvaltningens förslag röstar nej. Omröstningen utfaller med 7 ja-röster mot 6 nej-röster; 1 avstår från att rösta. Nej röstar Cecilia Berg (V), Gustav Ek (S), Hanna Lo (S), Ida Ny (MP), Jon Åberg (S) och Kim Ruiz (V). Nämnden har därmed beslutat enligt Moderaternas yrkande.",
    );
    expect(p).toContain("Reservation anförs av Gustav Ek (S), Hanna Lo (S) och Jon Åberg (S) till förmån för eget förslag.");
    expect(p).toContain("Särskilt uttalande görs av Ida Ny (MP), enligt följande:\n\nMiljöpartiet vill att studiebesöken redovisas samlat nästa år.");
    expect(p).toContain("med den ändringen att MUL-ansökan nr 8 från Socialförvaltningen (studiebesök till Göteborg) avslås.");
    const letter = text(r, "beslutsmeddelanden/socialforvaltningen.txt");
    expect(letter).toContain("| 8 | Verksamhetsbesök, Göteborg. | 25 000 | 0 | Avslag / Bedöms kunna göras inom förvaltningens egen budget. |");
    expect(letter).toContain("Socialförvaltningen beviljas därmed inga medel för 2024.");
  });
});

describe("check follows the decision", () => {
  it("is quiet about the example round, apart from nothing", async () => {
    const found = await problems(source);
    expect(found.filter((d) => d.severity !== "varning" || d.code !== "platshallare").map((d) => d.code)).toEqual([]);
  });

  it("notes a decided meeting without justering", async () => {
    const found = await problems(withMeeting(AGREED.replace(/  justering:\n(    .*\n)+/, "")));
    expect(found.map((d) => d.code)).toContain("justering-saknas");
  });

  it("the nämnd may exceed the frame with its reason: a note, not an error", async () => {
    const over = withMeeting(`sammanträde:\n  datum: 2024-01-23\n  paragraf: 12\n  ändringar:\n    lum:\n      - nr: 9\n        utfall: bifall\n  ram_överskrids: Nämnden prioriterade boendestödet.\n  justeras_omedelbart: true\n${SECRETARY}`).replace(
      "  max_år_i_rad: 3\n",
      "  max_år_i_rad: 3\n  ram: 3 500 000\n",
    );
    const found = await problems(over);
    const note = found.find((d) => d.code === "beslut-ram-overskriden");
    expect(note?.severity).toBe("notering");
    expect(plain(note?.message ?? "")).toBe("Nämndens beslut beviljar totalt 3 698 400 kronor, 198 400 kronor mer än ramen på 3 500 000 kronor. Skäl: Nämnden prioriterade boendestödet.");
    expect(found.filter((d) => d.severity === "fel")).toEqual([]);
  });

  it("an anmälningsärende dated or approved before the decision it reports is an error at its line", async () => {
    const late = withMeeting(AGREED.replace("datum: 2024-01-23", "datum: 2024-02-16").replace("datum: 2024-01-30", "datum: 2024-02-16"));
    const found = (await problems(late)).filter((d) => d.code === "datum-ordning");
    expect(found.map((d) => plain(d.message))).toEqual([
      "Datumet då Eva Eriksson godkände anmälningsärendet (2024-02-14) ska vara samma dag som eller efter nämndens beslut (2024-02-16).",
      "Datumet då Olle Olsson godkände anmälningsärendet (2024-02-12) ska vara samma dag som eller efter nämndens beslut (2024-02-16).",
      "Datumet då Eva Eriksson godkände anmälningsärendet (2024-02-14) ska vara samma dag som eller efter nämndens beslut (2024-02-16).",
    ]);
    expect(found.map((d) => d.line)).toEqual(late.split("\n").flatMap((l, i) => (/godkänt: 2024-02-1[24]/.test(l) ? [i + 1] : [])));
  });

  it("a change that repeats the proposal is a warning at the change", async () => {
    const found = await problems(withMeeting(`sammanträde:\n  datum: 2024-01-23\n  paragraf: 12\n  ändringar:\n    lum:\n      - nr: 2\n        utfall: bifall\n  justeras_omedelbart: true\n${SECRETARY}`));
    const warning = found.find((d) => d.code === "andring-som-forslaget");
    expect(plain(warning?.message ?? "")).toBe("Ändringen av LUM-ansökan nr 2 ger samma utfall och belopp som förvaltningens förslag (bifall, 300 000 kronor).");
  });
});

describe("npm run diff", () => {
  it("says where the decision departs from the proposal, apart from changes to the proposal", async () => {
    const dir = mkdtempSync(join(tmpdir(), "lum-sammantrade-diff-"));
    writeFileSync(join(dir, "fore.yaml"), withMeeting(AGREED));
    // The newer version changes the proposal for LUM nr 3 too, and records the nämnd's change and the withdrawal.
    writeFileSync(join(dir, "efter.yaml"), source.replace("    sökt: 500 000\n    beslut:\n      utfall: bifall\n\n  - nr: 4", "    sökt: 500 000\n    beslut:\n      utfall: delvis_bifall\n      belopp: 400 000\n      motivering: bedöms kunna genomföras med en reducerad summa.\n\n  - nr: 4"));
    const out: string[] = [];
    const code = await diffMain(["fore.yaml", "efter.yaml"], { out: (t) => out.push(t), err: () => {}, cwd: dir, colour: false });
    expect(code).toBe(0);
    const report = plain(out.join(""));
    const proposal = report.slice(report.indexOf("Ändrat i förvaltningens förslag"), report.indexOf("Nämndens beslut"));
    const decision = report.slice(report.indexOf("Nämndens beslut"), report.indexOf("Summor"));
    expect(proposal).toContain("LUM nr 3");
    expect(proposal).not.toContain("Tidigt stöd");
    expect(decision).toContain("Nytt: Nämnden ändrade: LUM nr 1 ”Tidigt stöd till minderåriga EU-medborgare” (Norrmalm): 200 000 → 150 000");
    expect(decision).toContain("Nytt: Återtagen före sammanträdet: MUL nr 6 Gotland, Verksamhetsbesök (Hässelby-Vällingby): 25 000 → 0, avskrivs");
    expect(decision).not.toContain("LUM nr 3");
    expect(decision).toContain("Beviljat totalt enligt nämndens beslut: 3 023 400 (−75 000 mot förslaget).");
  });
});

describe("the README's examples for the secretary", () => {
  const readme = readFileSync(join(import.meta.dirname, "..", "README.md"), "utf8");
  const part = readme.slice(readme.indexOf("## När nämnden har sammanträtt"), readme.indexOf("## Ansökningar från ett kalkylark"));
  const blocks = [...part.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]!);
  /** A fragment (indented keys) goes into the plain meeting, before its secretary; a block ending in … gets the secretary. */
  const whole = (block: string) =>
    block.startsWith("  ") ? AGREED.replace("  sekreterare:", `${block}  sekreterare:`) : block.replace("  …\n", `  justeras_omedelbart: true\n${SECRETARY}`);

  it("has an example of each outcome", () => {
    expect(blocks.length).toBeGreaterThanOrEqual(6);
    for (const key of ["ändringar:", "återtagna:", "yrkanden:", "omröstning:", "reservationer:", "särskilda_uttalanden:", "jäv:", "utfall: återremiss", "tidigare_sammanträden:", "justering:"]) {
      expect(blocks.some((b) => b.includes(key)), key).toBe(true);
    }
  });

  it.each([0, 1, 2, 3, 4, 5])("example %i builds without errors", async (i) => {
    const r = await build(withMeeting(whole(blocks[i]!)));
    expect(r.files.some((f) => f.name === "protokollsutdrag.txt")).toBe(true);
  });
});

describe("next year's redovisning follows the decision", () => {
  it("reports what the nämnd granted, not what was proposed", async () => {
    const { parseRound } = await import("../src/load/load-round.js");
    const { deriveFigures } = await import("../src/derive/figures.js");
    const decided = parseRound({ path: "2024.yaml", text: source });
    const next = parseRound({
      path: "2025.yaml",
      text: `${readFileSync(join(import.meta.dirname, "..", "rounds", "2025.yaml"), "utf8")}\nredovisningar:\n  - id: tidigt-stod-eu-medborgare\n    förvaltning: Norrmalm\n    godkänd: true\n`,
    });
    if (!decided.ok || !next.ok) throw new Error("the rounds do not load");
    const report = deriveFigures(next.round, decided.round).redovisning.alla[0]!;
    expect(report.beviljatFörraÅret).toBe(150_000);
    // Without the nämnd's change, the proposal's 200 000 would have been granted.
    const agreed = parseRound({ path: "2024.yaml", text: withMeeting(AGREED) });
    if (!agreed.ok) throw new Error("does not load");
    expect(deriveFigures(next.round, agreed.round).redovisning.alla[0]!.beviljatFörraÅret).toBe(200_000);
  });
});

describe("the beslutsgång agrees with the decision", () => {
  const changed = `  ändringar:\n    lum:\n      - nr: 9\n        utfall: centrala_medel\n        motivering: Nämnden vill pröva boendestödet i hela staden.\n`;
  const vote = (extra: string) =>
    withMeeting(
      `sammanträde:\n  datum: 2024-01-23\n  paragraf: 12\n${changed}  yrkanden:\n    - av: Socialdemokraterna\n      yrkande: att LUM-ansökan nr 9 finansieras med centrala utvecklingsmedel.\n  omröstning:\n    ja: förvaltningens förslag\n    nej: Socialdemokraternas yrkande\n    ja_röster: 7\n    nej_röster: 7\n${extra}  justeras_omedelbart: true\n${SECRETARY}`,
    );

  it("a tie needs the chair's casting vote, and the protokoll names it", async () => {
    const missing = await problems(vote(""));
    expect(missing.map((d) => plain(d.message))).toContain(
      '"sammanträde.omröstning.utslagsröst" saknas (omröstningen slutade lika; ange vilken sida ordförandens utslagsröst gav, ja eller nej).',
    );
    const r = await build(vote("    utslagsröst: nej\n"));
    expect(text(r, "protokollsutdrag.txt")).toContain(
      "Omröstningen utfaller med 7 ja-röster mot 7 nej-röster. Röstetalet är lika, och ordföranden ger sin utslagsröst för nej. Nämnden har därmed beslutat enligt Socialdemokraternas yrkande.",
    );
  });

  it("a vote won by the proposal above a changed decision is an error: the protokoll would contradict itself", async () => {
    const found = await problems(vote("    utslagsröst: ja\n"));
    const error = found.find((d) => d.code === "beslutsgang-motsager-andringar");
    expect(error?.severity).toBe("fel");
    expect(error?.message).toContain("Beslutsgången säger att nämnden beslutade enligt förvaltningens förslag, men under ändringar: står en ändring av förslaget.");
  });

  it("a yrkande adopted with no change recorded is a warning: the letters would follow the proposal", async () => {
    const found = await problems(withMeeting(AGREED.replace("  justering:", "  yrkanden:\n    - av: Anna Ek (M)\n      yrkande: att ansökan nr 2 avslås.\n      bifalls: true\n  justering:")));
    expect(found.find((d) => d.code === "beslutsgang-utan-andringar")?.severity).toBe("varning");
  });
});
