// The comparison itself, on small edits of the 2024 round.
import { describe, expect, it } from "vitest";
import { compareLists, compareRounds, type RoundDiff } from "../../src/diff/compare.js";
import { renderDiff } from "../../src/diff/render.js";
import { terminalStyle } from "../../src/diff/style.js";
import { parseRound } from "../../src/load/load-round.js";
import { plain, read2024, replaceOnce, section } from "./helpers.js";

function diffOf(edit: (text: string) => string): RoundDiff {
  const a = parseRound({ path: "före.yaml", text: read2024() });
  const b = parseRound({ path: "efter.yaml", text: edit(read2024()) });
  if (!a.ok || !b.ok) throw new Error(`did not parse: ${JSON.stringify(!b.ok && b.diagnostics.map((d) => d.message))}`);
  return compareRounds({ label: "före.yaml", round: a.round }, { label: "efter.yaml", round: b.round });
}

describe("compareRounds", () => {
  it("takes granted amounts from the derived figures: a new cap moves a maxbelopp grant", () => {
    const diff = diffOf((t) =>
      replaceOnce(replaceOnce(t, "max_belopp_mul: 25 000", "max_belopp_mul: 20 000"), "    sökt: 23 400\n    beslut:\n      utfall: bifall", "    sökt: 23 400\n    beslut:\n      utfall: maxbelopp"),
    );
    expect(diff.regler).toEqual([{ key: "regler.max_belopp_mul", kind: "belopp", before: 25000, after: 20000 }]);
    const changed = diff.mul.matched.filter((m) => m.changes.length > 0);
    expect(changed.map((m) => [m.id, m.changes.map((c) => c.field)])).toEqual([["eav-belgien", ["utfall", "beviljat"]]]);
    expect(changed[0]!.changes[1]).toMatchObject({ before: 23400, after: 20000, difference: -3400 });
    expect(diff.totals.mul.after.beviljat).toBe(198400 - 3400);
    const report = plain(renderDiff(diff, terminalStyle(false)));
    expect(report).toContain("Beviljat: 23 400 → 20 000 (−3 400)");
    expect(report).toContain("Högsta belopp per studiebesök (MUL): 25 000 → 20 000 (−5 000)");
  });

  it("warns when an id is used twice in a file, and still pairs them in order", () => {
    const diff = diffOf((t) => replaceOnce(t, "id: farsta-finland", "id: farsta-goteborg"));
    expect(diff.varningar).toEqual([
      "MUL: id ”farsta-goteborg” används av flera ansökningar i efter.yaml; de jämförs i den ordning de står.",
      "MUL: Finland (Farsta) har id ”farsta-finland” i före.yaml men ”farsta-goteborg” i efter.yaml, och visas därför som borttagen och tillagd. Är det samma ansökan, använd samma id.",
    ]);
    expect(diff.mul.added.map((a) => a.nr)).toEqual([2]);
    expect(diff.mul.removed.map((a) => a.id)).toEqual(["farsta-finland"]);
    expect(renderDiff(diff, terminalStyle(false))).toContain("Obs! MUL: id ”farsta-goteborg” används av flera ansökningar");
  });

  it("points out an application that kept its name but got a new id", () => {
    const diff = diffOf((t) => replaceOnce(t, "id: digital-lots-samsjukliga", "id: digital-lots"));
    expect(diff.lum.added.map((a) => a.id)).toEqual(["digital-lots"]);
    expect(diff.lum.removed.map((a) => a.id)).toEqual(["digital-lots-samsjukliga"]);
    expect(diff.varningar).toEqual([
      "LUM: ”Digital Lots för samsjukliga” har id ”digital-lots-samsjukliga” i före.yaml men ”digital-lots” i efter.yaml, och visas därför som borttagen och tillagd. Är det samma ansökan, använd samma id.",
    ]);
  });
});

describe("parts of the round without a section of their own", () => {
  it("reports a report that is no longer approved, a repayment and a new paragraph number, by id", () => {
    const diff = diffOf((t) =>
      replaceOnce(
        replaceOnce(t, "    status: ej_påbörjat\n    återbetalt: 500 000\n    godkänd: true", "    status: ej_påbörjat\n    återbetalt: 450 000\n    godkänd: false"),
        "  paragraf: 12\n",
        "  paragraf: 14\n",
      ),
    );
    const report = plain(renderDiff(diff, terminalStyle(false)));
    expect(section(report, /^Redovisningar$/)).toEqual([
      "  • agera-tillsammans › återbetalt: 500 000 → 450 000",
      "  • agera-tillsammans › godkänd: ja → nej",
    ]);
    expect(section(report, /^Sammanträde$/)).toEqual(["  • Paragraf: 12 → 14"]);
    expect(section(report, /^Ändrat i förvaltningens förslag/)).toBeUndefined();
  });

  it("reports a rule exception added to a decision under that application", () => {
    const diff = diffOf((t) =>
      replaceOnce(
        t,
        "    projektår: 3\n    sökt: 500 000\n    beslut:\n      utfall: bifall\n",
        "    projektår: 3\n    sökt: 500 000\n    beslut:\n      utfall: bifall\n      undantag:\n        - regel: max-per-forvaltning\n          motivering: Ett samarbete mellan två förvaltningar.\n",
      ),
    );
    const report = plain(renderDiff(diff, terminalStyle(false)));
    expect(section(report, /^Ändrat i förvaltningens förslag \(1\)$/)).toEqual([
      "  • LUM nr 3 ”Utveckla arbetssätt och metoder för strukturerad samverkan och parallella insatser för rehabiliteringsärenden på ekonomiskt bistånd” (Järva)",
      "    – Beslut › undantag › nr 1 (ny): {+regel: max-per-forvaltning; motivering: Ett samarbete mellan två förvaltningar.+}",
    ]);
  });
});

describe("keys the report has no words for yet", () => {
  it("still reports a change in them, so a schema that grows cannot hide a change", () => {
    const a = parseRound({ path: "före.yaml", text: read2024() });
    const b = parseRound({ path: "efter.yaml", text: read2024() });
    if (!a.ok || !b.ok) throw new Error("did not parse");
    // As if the schema had gained a rule and a block this module does not know.
    Object.assign(b.round.regler, { max_antal_resor: 3 });
    Object.assign(b.round, { uppföljning: { datum: "2024-11-01" } });
    const report = plain(renderDiff(compareRounds({ label: "a", round: a.round }, { label: "b", round: b.round }), terminalStyle(false)));
    expect(section(report, /^Övriga regler$/)).toEqual(["  • Max antal resor (ny): {+3+}"]);
    expect(section(report, /^Uppföljning$/)).toEqual(["  • Uppföljning (ny): {+datum: 1 november 2024+}"]);
  });
});

describe("compareLists", () => {
  it("shows a reworded item as changed, and an unrelated replacement as removed and added", () => {
    expect(compareLists(["Förebyggande insatser och tidigt stöd.", "B"], ["Förebyggande insatser eller tidigt stöd.", "B"])).toEqual([
      {
        op: "ändrad",
        before: "Förebyggande insatser och tidigt stöd.",
        after: "Förebyggande insatser eller tidigt stöd.",
        words: [
          { op: "same", text: "Förebyggande insatser " },
          { op: "del", text: "och" },
          { op: "ins", text: "eller" },
          { op: "same", text: " tidigt stöd." },
        ],
      },
    ]);
    expect(compareLists(["Klientcentrering i arbetet."], ["Samordning av stöd för brukare."])).toEqual([
      { op: "del", text: "Klientcentrering i arbetet." },
      { op: "ins", text: "Samordning av stöd för brukare." },
    ]);
  });
});
