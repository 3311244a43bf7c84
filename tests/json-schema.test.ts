// Editors check round files against rounds/round.schema.json; it must say
// what the zod schema says, and every round file must point at it.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DIAGNOSTICS_DOC_FILE, diagnosticsMarkdown } from "../src/diagnostics/document.js";
import { JSON_SCHEMA_FILE, roundJsonSchema } from "../src/schema/json-schema.js";

const ROOT = join(import.meta.dirname, "..");

describe("JSON Schema for editors", () => {
  it("is up to date with the zod schema (run npm run generate if not)", () => {
    expect(readFileSync(join(ROOT, JSON_SCHEMA_FILE), "utf8")).toBe(roundJsonSchema());
  });

  it("is named on the first line of every round file", () => {
    const files = readdirSync(join(ROOT, "rounds")).filter((f) => f.endsWith(".yaml"));
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) {
      expect(readFileSync(join(ROOT, "rounds", f), "utf8").split("\n")[0], f).toBe("# yaml-language-server: $schema=./round.schema.json");
    }
  });

  it("knows the keys a secretary types, and no others", () => {
    const schema = JSON.parse(roundJsonSchema());
    expect(schema.additionalProperties).toBe(false);
    expect(Object.keys(schema.properties)).toContain("återbetalning_senast");
    const lum = schema.properties.lum.items;
    expect(lum.additionalProperties).toBe(false);
    expect(lum.properties.beslut.properties.utfall.enum).toEqual(["bifall", "delvis_bifall", "maxbelopp", "avslag", "centrala_medel"]);
    // Amounts may be numbers or text like "500 000 kr".
    expect(lum.properties.sökt.anyOf.map((s: { type: string }) => s.type)).toEqual(["integer", "string"]);
  });
});

describe("page of diagnostics", () => {
  it("lists every code of the catalogue, up to date (run npm run generate if not)", () => {
    expect(readFileSync(join(ROOT, DIAGNOSTICS_DOC_FILE), "utf8")).toBe(diagnosticsMarkdown());
    expect(diagnosticsMarkdown()).toContain("| `max-per-forvaltning` | fel – stoppar bygget (kan undantas) |");
  });
});
