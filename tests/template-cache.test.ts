// Templates are compiled once and kept (src/compose/template-cache.ts): what
// comes out must be what Handlebars' own compile makes, also for partials
// (no HTML escaping creeping back), an edited template must not be served
// from the cache, and a damaged cache file must not break the build.
import { existsSync, rmSync, writeFileSync } from "node:fs";
import Handlebars from "handlebars";
import { afterAll, describe, expect, it } from "vitest";
import { cachePath, compileCached } from "../src/compose/template-cache.js";

const options = { noEscape: true };
const unique = `${process.pid}-${Date.now()}`;

const made: string[] = [];
afterAll(() => {
  for (const source of made) rmSync(cachePath(source, options), { force: true });
});

function env() {
  const hb = Handlebars.create();
  hb.registerPartial("del", "{{namn}} & <{{belopp}}>");
  return hb;
}

describe("compiled templates kept between runs", () => {
  it("render as Handlebars' compile does, partials included, without HTML escaping", () => {
    const source = `Beslut ${unique}: {{> del}} – {{#each rader}}{{this}};{{/each}}`;
    made.push(source);
    const view = { namn: "Farsta & Vantör", belopp: "500 000", rader: ["a<b", "c"] };
    const expected = env().compile(source, options)(view);
    expect(expected).toBe(`Beslut ${unique}: Farsta & Vantör & <500 000> – a<b;c;`);
    expect(existsSync(cachePath(source, options))).toBe(false);
    expect(compileCached(env(), source, options)(view)).toBe(expected);
    // The second time it comes from the cache folder.
    expect(existsSync(cachePath(source, options))).toBe(true);
    expect(compileCached(env(), source, options)(view)).toBe(expected);
  });

  it("compile an edited template anew, and get past a damaged cache file", () => {
    made.push(`Före ${unique} {{x}}`, `Efter ${unique} {{x}}`);
    const before = compileCached(env(), `Före ${unique} {{x}}`, options)({ x: 1 });
    const after = compileCached(env(), `Efter ${unique} {{x}}`, options)({ x: 1 });
    expect([before, after]).toEqual([`Före ${unique} 1`, `Efter ${unique} 1`]);
    writeFileSync(cachePath(`Efter ${unique} {{x}}`, options), "{ trasig");
    expect(compileCached(env(), `Efter ${unique} {{x}}`, options)({ x: 2 })).toBe(`Efter ${unique} 2`);
  });
});
