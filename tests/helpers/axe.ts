// Runs axe-core (the accessibility rules) on an HTML page inside jsdom, with
// no browser. Returns each violation as one readable line.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { JSDOM, VirtualConsole } from "./jsdom.js";

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

export async function axeViolations(html: string): Promise<string[]> {
  // jsdom has no canvas; axe's probe for one is noise, not a finding.
  const virtualConsole = new VirtualConsole();
  const dom = new JSDOM(html, { runScripts: "outside-only", pretendToBeVisual: true, virtualConsole });
  try {
    dom.window.eval(axeSource);
    const axe = (dom.window as unknown as { axe: typeof import("axe-core") }).axe;
    // jsdom cannot compute colours from a style sheet reliably; axe reports
    // contrast as "incomplete" there, not as a pass, so it is not claimed here,
    // and the rule is not run: on a long page it took two thirds of axe's time.
    const result = await axe.run(dom.window.document, { resultTypes: ["violations"], rules: { "color-contrast": { enabled: false } } });
    return result.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${v.help} — ${n.target.join(" ")}`));
  } finally {
    dom.window.close();
  }
}
