// Every field a template names is checked against the described context
// before anything is rendered (a misspelt field would otherwise print
// nothing), the field reference for secretaries is generated from that same
// description and is current, and a document dokument.yaml leaves out is
// named in the build's output with the line of its condition.
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Handlebars from "handlebars";
import { afterAll, describe, expect, it } from "vitest";
import { checkRounds } from "../src/pipeline/index.js";
import { unknownFields } from "../src/check/fields.js";
import { checkWording } from "../src/check/wording.js";
import { composeRound, TEMPLATE_ROOT } from "../src/compose/compose.js";
import { CONTEXT_DOC_FILE, contextMarkdown } from "../src/compose/context-document.js";
import { templateContext, undescribedRoundFields } from "../src/compose/context.js";
import { helperReference, helpers } from "../src/compose/helpers.js";
import { deriveFigures } from "../src/derive/figures.js";
import type { Diagnostic } from "../src/diagnostics/catalogue.js";
import { loadRoundFile } from "../src/load/load-round.js";

const ROOT = join(import.meta.dirname, "..");
const tmp = mkdtempSync(join(tmpdir(), "lum-falt-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function loaded(file: string) {
  const { rounds, diagnostics } = await checkRounds([file]);
  expect(diagnostics.filter((d) => d.severity === "fel")).toEqual([]);
  return rounds[0]!;
}

/** A copy of templates/ with `edits` applied to files of the 2024 set (name → edit). */
function editedRoot(name: string, edits: Record<string, (text: string) => string>): string {
  const root = join(tmp, name);
  cpSync(TEMPLATE_ROOT, root, { recursive: true });
  for (const [file, edit] of Object.entries(edits)) {
    const path = join(root, "2024", file);
    writeFileSync(path, edit(readFileSync(path, "utf8")));
  }
  return root;
}

const where = (d: Diagnostic) => `${d.file.split("/2024/").at(-1)}:${d.line}:${d.column}`;
const lineOf = (text: string, needle: string) => text.slice(0, text.indexOf(needle)).split("\n").length;
const columnOf = (text: string, needle: string) => text.slice(0, text.indexOf(needle)).split("\n").at(-1)!.length + 1;

describe("a field the context lacks", () => {
  it("the shipped templates of every set name no unknown field (with each shipped round)", async () => {
    const files = readdirSync(join(ROOT, "rounds")).filter((f) => f.endsWith(".yaml")).map((f) => `rounds/${f}`);
    const { diagnostics } = await checkRounds(files);
    expect(diagnostics.filter((d) => d.code === "mall-fel").map((d) => `${d.file}:${d.line}: ${d.message}`)).toEqual([]);
  });

  it("is refused in each kind of template, at its line and column, with the nearest field", async () => {
    const { round, previous } = await loaded("rounds/2024.yaml");
    const add = (needle: string, insert: string) => (t: string) => {
      expect(t).toContain(needle);
      return t.replace(needle, `${needle}${insert}`);
    };
    const root = editedRoot("alla-slag", {
      "tjansteutlatande.md.hbs": add("## Bakgrund\n", "\nTest {{f.finnsInte.alls}} och {{kronor f.lum.sökd}}.\n"),
      "bilaga-1-lum.md.hbs": add("{{#each f.lum.alla}}", "{{projektt}}"),
      "beslutsmeddelande.md.hbs": add("{{post.förvaltning}}", " {{post.formelt}}"),
      "anmalningsarende.md.hbs": add("{{post.avdelning}}", " {{post.avdelningg}}"),
      "redovisning.md.hbs": add("{{#each f.redovisning.genomförda}}", "{{#if godkänd}}{{../f.redovisning.årr}}{{/if}}"),
      "inriktning.md.hbs": add("{{round.nämnd}}", "{{round.nämd}}"),
      "delar/utfall.md.hbs": (t) => t.replace("{{else if avslås}}", "{{else if avslåss}}"),
      "dokument.yaml": (t) => t.replace('ämne: "Redovisning till {{round.nämnd}}, dnr {{round.dnr}}"', 'ämne: "Redovisning {{f.redovisning.åår}} till {{round.nämnd}}"'),
    });
    const diagnostics = checkWording(round, deriveFigures(round, previous), root);
    const errors = diagnostics.filter((d) => d.code === "mall-fel");
    const text = (file: string) => readFileSync(join(root, "2024", file), "utf8");
    const at = (file: string, needle: string) => `${file}:${lineOf(text(file), needle)}:${columnOf(text(file), needle)}`;
    const found = new Map(errors.map((d) => [where(d), d.message]));
    const expected: [string, string][] = [
      [at("tjansteutlatande.md.hbs", "f.finnsInte.alls"), "fältet f.finnsInte finns inte"],
      [at("tjansteutlatande.md.hbs", "f.lum.sökd"), "fältet f.lum.sökd finns inte (menade du f.lum.sökt?)"],
      [at("bilaga-1-lum.md.hbs", "projektt"), "fältet projektt finns inte (menade du projekt?)"],
      [at("beslutsmeddelande.md.hbs", "post.formelt"), "fältet post.formelt finns inte (menade du post.formellt?)"],
      [at("anmalningsarende.md.hbs", "post.avdelningg"), "fältet post.avdelningg finns inte (menade du post.avdelning?)"],
      [at("redovisning.md.hbs", "../f.redovisning.årr"), "fältet ../f.redovisning.årr finns inte (menade du ../f.redovisning.år?)"],
      [at("inriktning.md.hbs", "round.nämd"), "fältet round.nämd finns inte (menade du round.nämnd?)"],
      [at("delar/utfall.md.hbs", "avslåss"), "fältet avslåss finns inte (menade du avslås?)"],
      [at("dokument.yaml", "f.redovisning.åår"), "fältet f.redovisning.åår finns inte (menade du f.redovisning.år?)"],
    ];
    for (const [position, message] of expected) expect(found.get(position), `${position}\n${[...found.keys()].join("\n")}`).toContain(message);
    expect(errors).toHaveLength(expected.length);
    // Nothing was rendered: the check stops before composing.
    expect(errors.every((d) => d.severity === "fel")).toBe(true);
  });

  it("stops the build with exit code 1 and the message at the template's line", async () => {
    const root = editedRoot("bygget", { "tjansteutlatande.md.hbs": (t) => t.replace("## Bakgrund\n", "## Bakgrund\n\n{{f.finnsInte.alls}}\n") });
    const { round, previous } = await loaded("rounds/2024.yaml");
    const d = checkWording(round, deriveFigures(round, previous), root).find((x) => x.code === "mall-fel");
    expect(d?.message).toBe("Texten går inte att använda: fältet f.finnsInte finns inte.");
    expect(d?.hint).toContain("docs/mallfalt.md");
  });
});

describe("the context as Handlebars resolves it", () => {
  const known = new Set([...Object.keys(helpers), "if", "unless", "each", "with", "lookup", "log"]);
  const sources = (partials: Record<string, string> = {}, parameters: Record<string, string[]> = {}) => ({
    partial: (name: string) => (partials[name] === undefined ? undefined : { ast: Handlebars.parse(partials[name]!) as never, where: `delar/${name}.md.hbs` }),
    partialParameters: new Map(Object.entries(parameters).map(([k, v]) => [k, new Set(v)])),
  });
  const unknown = (source: string, forEach?: "sökande" | "anmälningar", partials?: Record<string, string>, parameters?: Record<string, string[]>) =>
    unknownFields(Handlebars.parse(source), "mall", templateContext(forEach), known, sources(partials, parameters)).map((u) => u.detalj);

  it("accepts what Handlebars would find", () => {
    const ok = [
      "{{#each f.lum.alla}}{{projekt}} {{this.projekt}} {{@index}} {{#if @first}}{{../round.år}}{{/if}}{{#if beviljas}}{{../round.nämnd}}{{/if}}{{/each}}",
      "{{#each f.lum.alla as |a i|}}{{a.projekt}} {{i}} {{#each a.förvaltningar}}{{this}} {{../projekt}} {{a.nr}}{{/each}}{{/each}}",
      "{{#with round.handläggare}}{{namn}} {{telefon}} {{../round.dnr}}{{/with}}",
      "{{#each f.lum.alla}}{{projekt}}{{else}}{{round.år}}{{/each}}",
      "{{@root.round.år}} {{#each f.sökande}}{{@root.f.lum.antal}}{{/each}}",
      "{{förvaltningar.[0]}}".replace("{{", "{{#each f.lum.alla}}{{") + "{{/each}}",
      "{{#if f.lum.centrala.[1]}}x{{/if}} {{f.lum.alla.length}}",
      "{{sida}} ({{sidor}}) {{kronor f.totalt.sökt}} {{uppräkning f.redovisning.fortsätter \"kortnamn\"}} {{antal (gemen round.nämnd)}}",
      "{{post.förvaltning}} {{#each post.lum}}{{projekt}}{{/each}}",
      "{{f.redovisning.fortsättningsår}} {{f.redovisning.ärende.titel}} {{f.redovisning.ärende.handläggare.namn}}",
    ];
    for (const source of ok) expect(unknown(source, source.includes("post.") ? "sökande" : undefined), source).toEqual([]);
    expect(unknown("{{post.titel}} {{#each post.redovisningar}}{{kortnamn}}{{/each}}", "anmälningar")).toEqual([]);
  });

  it("refuses what Handlebars would print as nothing", () => {
    expect(unknown("{{#each f.lum.alla}}{{round.år}}{{/each}}")).toEqual(["fältet round finns inte"]);
    expect(unknown("{{#each f.lum.alla}}{{#if beviljas}}{{../../round.år}}{{/if}}{{/each}}")).toEqual([
      "../../round.år går utanför mallen: det finns inte så många ../ att gå tillbaka",
    ]);
    expect(unknown("{{#each f.lum.alla as |a|}}{{a.projket}}{{/each}}")).toEqual(["fältet a.projket finns inte (menade du a.projekt?)"]);
    expect(unknown("{{#each f.lum.alla}}{{@indx}}{{/each}}")).toEqual(["fältet @indx finns inte (menade du @index?)"]);
    expect(unknown("{{f.lum.sökt.belopp}}")).toEqual(["fältet f.lum.sökt.belopp finns inte: f.lum.sökt är ett värde (belopp) utan underfält"]);
    expect(unknown("{{#each f.lum.alla}}{{else}}{{projekt}}{{/each}}")).toEqual(["fältet projekt finns inte"]);
    expect(unknown("{{post.förvaltning}}")).toEqual(["fältet post finns inte"]);
  });

  it("checks a partial where it is called, with the hash arguments any call passes", () => {
    const partials = { cell: "{{#if avslås}}Avslag{{/if}}{{#if justera}}J{{/if}}{{motiveringg}}" };
    expect(unknown("{{#each f.lum.alla}}{{> cell}}{{/each}}", undefined, partials, { cell: ["justera"] })).toEqual([
      "fältet motiveringg finns inte (menade du motivering?)",
    ]);
    // Called outside any list, the same partial's fields are not there.
    expect(unknown("{{> cell}}", undefined, { cell: "{{avslås}}" })).toEqual(["fältet avslås finns inte"]);
  });
});

describe("the field reference", () => {
  it("is current (run npm run generate if not) and linked from the README", () => {
    expect(readFileSync(join(ROOT, CONTEXT_DOC_FILE), "utf8")).toBe(contextMarkdown());
    expect(readFileSync(join(ROOT, "README.md"), "utf8")).toContain("(docs/mallfalt.md)");
  });

  it("describes every field of the round file and every helper", () => {
    expect(undescribedRoundFields()).toEqual([]);
    expect(Object.keys(helperReference).sort()).toEqual(Object.keys(helpers).sort());
    const page = contextMarkdown();
    for (const path of ["f.redovisning.fortsättningsår", "f.redovisning.alla[].projekt", "f.lum.alla[].kortnamn", "round.anmälningsärenden[].titel", "f.sökande[].formellt"]) {
      expect(page).toContain(`| \`${path}\` |`);
    }
    for (const helper of Object.values(helperReference)) expect(page).toContain(helper.anrop);
  });
});

describe("a document dokument.yaml leaves out", () => {
  it("is named in the build's output with the reason and the line of its när:", async () => {
    const { round, previous } = await loaded("rounds/2024.yaml");
    const { notices } = composeRound(round, deriveFigures(round, previous));
    expect(notices).toContain("Byggs inte, eftersom filen har ansökningar: inriktning (villkoret när: i templates/2024/dokument.yaml, rad 85).");
    expect(readFileSync(join(TEMPLATE_ROOT, "2024", "dokument.yaml"), "utf8").split("\n")[84]).toBe("  när: [inga_ansökningar]");
  });

  it("groups documents left out for the same reason", async () => {
    const { round, previous } = await loaded("rounds/2025.yaml");
    const { notices } = composeRound(round, deriveFigures(round, previous));
    expect(notices).toContain(
      "Byggs inte, eftersom filen inte har några ansökningar (lum: och mul: är tomma): tjansteutlatande, bilaga-1-ansokningar-lum, bilaga-2-ansokningar-mul (villkoret när: i templates/2024/dokument.yaml, rad 22, 29 och 37).",
    );
  });
});

describe("the facts a round needs follow the papers it makes", () => {
  /** A set for `year` whose dokument.yaml keeps only the entries whose fil matches `keep`, copied from the 2022 or 2024 set. */
  function setWith(name: string, from: string, year: number, keep: RegExp): string {
    const root = join(tmp, name);
    cpSync(TEMPLATE_ROOT, root, { recursive: true });
    cpSync(join(root, from), join(root, String(year)), { recursive: true });
    const manifest = readFileSync(join(root, String(year), "dokument.yaml"), "utf8");
    const [head, ...entries] = manifest.split(/^(?=- fil:)/m);
    writeFileSync(join(root, String(year), "dokument.yaml"), [head, ...entries.filter((e) => keep.test(e.split("\n")[0]!))].join(""));
    return root;
  }
  async function load(name: string, text: string) {
    const path = join(tmp, `${name}.yaml`);
    writeFileSync(path, text);
    const loaded = await loadRoundFile(path);
    return loaded;
  }
  const anmälningsärendeOnly = `år: 2021
nämnd: Socialnämnden
förvaltning: Socialförvaltningen
avdelning: Avdelningen för stadsövergripande sociala frågor
huvudkriterier:
  - att de kan bidra med strategiskt värde för staden som helhet
redovisning:
  år: 2020
  antal_beviljade: 1
redovisningar:
  - id: forandringsarbete
    förvaltning: Hässelby-Vällingby
    projekt: Ett förändringsarbete för en modern socialtjänst
    godkänd: true
  - id: aldrig-startat
    förvaltning: Farsta
    projekt: Ett projekt som aldrig startade
    status: ej_påbörjat
    återbetalt: 100000
anmälningsärenden:
  - titel: Redovisning av lokala utvecklingsprojekt 2020 – anmälningsärende
    nämnd: Hässelby-Vällingby stadsdelsnämnd
    förvaltning: Hässelby-Vällingby stadsdelsförvaltning
    sökande: Hässelby-Vällingby
    avdelning: Avdelningen för vuxna
    datum: 2021-08-19
    handläggare: { namn: Per Persson, telefon: 08-508 05 000 }
    undertecknare:
      - { namn: Susanna Halldin Olsson, titel: Stadsdelsdirektör, godkänt: 2021-08-05 }
lum: []
mul: []
`;

  it("a round that makes only an anmälningsärende needs no title, Dnr, date, handläggare, signatories, rules or beredning of the allocation paper", async () => {
    const root = setWith("bara-anmalan", "2022", 2021, /anmalningsarenden/);
    const loaded = await load("bara-anmalan", anmälningsärendeOnly);
    expect(loaded.ok ? [] : loaded.diagnostics.map((d) => d.message)).toEqual([]);
    if (!loaded.ok) return;
    const figures = deriveFigures(loaded.round);
    expect(checkWording(loaded.round, figures, root, undefined, loaded.locate).filter((d) => d.severity === "fel")).toEqual([]);
    const { documents } = composeRound(loaded.round, figures, root);
    expect(documents.map((d) => d.name)).toEqual(["anmalningsarenden/hasselby-vallingby-stadsdelsnamnd"]);
    // Its own title, and godkänd not asked of the project that never started.
    expect(documents[0]!.model.meta.title).toBe("Redovisning av lokala utvecklingsprojekt 2020 – anmälningsärende");
  });

  it("what such a paper prints is still required, named at the round file with the template line", async () => {
    const root = setWith("bara-anmalan-utan", "2022", 2021, /anmalningsarenden/);
    const loaded = await load("bara-anmalan-utan", anmälningsärendeOnly.replace(/huvudkriterier:\n.*\n/, ""));
    if (!loaded.ok) throw new Error("the round should load");
    const found = checkWording(loaded.round, deriveFigures(loaded.round), root, undefined, loaded.locate).filter((d) => d.severity === "fel");
    const template = readFileSync(join(root, "2021", "anmalningsarende.md.hbs"), "utf8");
    expect(found.map((d) => [d.code, d.file.endsWith("bara-anmalan-utan.yaml"), d.message])).toEqual([
      [
        "uppgift-saknas-for-dokument",
        true,
        `huvudkriterier saknas i filen, men anmalningsarenden/… skriver ut det (${found[0]?.message.match(/\((\S+anmalningsarende\.md\.hbs)/)?.[1]}, rad ${lineOf(template, "round.huvudkriterier}}")}).`,
      ],
    ]);
  });

  it("a redovisning paper needs its Dnr from the report or the round, and its godkänd only for a project that started", async () => {
    const root = setWith("bara-redovisning", "2024", 2021, /^- fil: redovisning$/);
    const text = anmälningsärendeOnly.replace(/anmälningsärenden:[\s\S]*?(?=lum:)/, "");
    const withoutDnr = await load("redovisning-utan-dnr", text);
    if (!withoutDnr.ok) throw new Error("the round should load");
    const found = checkWording(withoutDnr.round, deriveFigures(withoutDnr.round), root, undefined, withoutDnr.locate).filter((d) => d.severity === "fel");
    expect(found.map((d) => d.message)).toContain(
      `redovisning.dnr eller dnr saknas i filen, men redovisning skriver ut det (${found[0]?.message.match(/\((\S+redovisning\.md\.hbs)/)?.[1]}, rad ${lineOf(readFileSync(join(root, "2021", "redovisning.md.hbs"), "utf8"), "f.redovisning.ärende.dnr")}).`,
    );
    const notApproved = await load("godkand-saknas", text.replace("    godkänd: true\n", ""));
    expect(notApproved.ok ? [] : notApproved.diagnostics.map((d) => `${d.line}: ${d.message}`)).toEqual([
      expect.stringMatching(/^11: "godkänd" i redovisning 1 i listan saknas/),
    ]);
  });
});

describe("what the format can now say", () => {
  it("the shipped redovisning prints the year after the reported one, not the round's year", async () => {
    const { round, previous } = await loaded("rounds/2024.yaml");
    // As in 2019's paper about 2018: the round is for a later year than the one after the report.
    const moved = { ...round, redovisning: { ...round.redovisning, år: 2021 } };
    const { documents } = composeRound(moved, deriveFigures(moved, previous));
    const text = JSON.stringify(documents.find((d) => d.name === "redovisning")!.model.blocks);
    expect(text).toContain("även beviljats medel för att fortsätta driva projekten under 2022.");
    expect(text).not.toContain("fortsätta driva projekten under 2024");
  });

  it("a project's short name is used where the paper lists projects, its full name elsewhere", async () => {
    const { round, previous } = await loaded("rounds/2024.yaml");
    const reports = round.redovisningar!.map((r) => (r.id === "prata-om-det" ? { ...r, kortnamn: "Prata om det" } : r));
    const withShort = { ...round, redovisningar: reports };
    const figures = deriveFigures(withShort, previous);
    expect(figures.redovisning.alla.find((r) => r.id === "prata-om-det")?.kortnamn).toBe("Prata om det");
    const text = JSON.stringify(composeRound(withShort, figures).documents.find((d) => d.name === "redovisning")!.model.blocks);
    expect(text).toMatch(/och Prata om det även beviljats medel/);
    expect(text).toContain("Prata om det – barn som anhöriga");
  });
});

describe("the helpers' examples in the reference", () => {
  it("print what the reference says, where they are written with literal values", () => {
    const hb = Handlebars.create();
    for (const [name, fn] of Object.entries(helpers)) hb.registerHelper(name, fn as Handlebars.HelperDelegate);
    const literal = Object.values(helperReference)
      .flatMap((h) => h.ex.split("; "))
      .filter((ex) => /\{\{\p{L}+ \d/u.test(ex))
      .map((ex) => ex.split(" → ") as [string, string]);
    expect(literal.length).toBeGreaterThanOrEqual(3);
    for (const [call, printed] of literal) expect(hb.compile(call, { noEscape: true })({}).replace(/\u00a0/g, " "), call).toBe(printed);
  });
});

describe("a mistake in dokument.yaml", () => {
  it("is named at its line and column with the nearest known word, and nothing follows from it", async () => {
    const root = editedRoot("dokument-fel", {
      "dokument.yaml": (t) =>
        t.replace("  när: [inga_ansökningar]", "  när: [inga_ansokningar]").replace("  för_varje: sökande", "  för_varje: sokande").replace(/^ {2}bilaga: 1$/m, "  bilagga: 1"),
    });
    const { round, previous } = await loaded("rounds/2025.yaml");
    const found = checkWording(round, deriveFigures(round, previous), root).filter((d) => d.severity === "fel");
    const text = readFileSync(join(root, "2024", "dokument.yaml"), "utf8");
    expect(found.map((d) => [where(d), d.message])).toEqual([
      [`dokument.yaml:${lineOf(text, "bilagga")}:3`, "Texten går inte att använda: nyckeln bilagga finns inte (menade du bilaga?)."],
      [`dokument.yaml:${lineOf(text, "sokande")}:14`, "Texten går inte att använda: listan sokande finns inte (menade du sökande?)."],
      [`dokument.yaml:${lineOf(text, "inga_ansokningar")}:9`, "Texten går inte att använda: villkoret inga_ansokningar finns inte (menade du inga_ansökningar?)."],
    ]);
  });
});
