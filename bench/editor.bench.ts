// Editor figures, printed (not a timed test): run with `tsx bench/editor.bench.ts`.
// The real command (`npm run forhandsgranska` minus npm) runs in its own
// process on a copy of rounds/ and templates/; Chromium (Debian's, driven by
// puppeteer-core) opens the editor on rounds/2024.yaml and, as the
// secretary would, changes the amount of Farsta's application nr 4:
//   - keystroke → markers: from the last keystroke of an edit (the text
//     changed in the editor) to the markers of the checks on that text drawn
//     in it; this includes the pause after typing (CHECK_DELAY_MS in the
//     page) and the check on the server;
//   - save → preview: from Ctrl+S to the Farsta letter in the preview beside
//     it showing the new sum (saved, rebuilt, reloaded).
// Medians over 20 edits and 20 saves; the goal is 300 ms for each.
import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { hasChromium, launchChromium, SKIP_MESSAGE } from "../tests/helpers/browser.js";
import { ROOT, roundsCopy } from "../tests/helpers/preview.js";

const EDITS = 20;
const WARMUP = 2;
const GOAL_MS = 300;
const bound = { timeout: 5 * 60_000, polling: 5 };

if (!hasChromium) {
  console.log(`redigerare: ${SKIP_MESSAGE}`);
  process.exit(0);
}

const dir = roundsCopy(true);
const child = spawn(process.execPath, [join(ROOT, "scripts", "run.mjs"), "forhandsgranska", "--port", "0"], { cwd: dir, stdio: ["ignore", "pipe", "inherit"] });
// The preview's own log: how long each build of rounds/2024.yaml took, for the breakdown.
let log = "";
const url = await new Promise<string>((resolve, reject) => {
  let text = "";
  child.stdout.on("data", (chunk: Buffer) => {
    text += chunk.toString();
    log += chunk.toString();
    const match = /Redigera omgångsfilerna .*: öppna (http:\/\/\S+)/.exec(text);
    if (match) resolve(match[1]!.replace("/redigera/?", "/redigera/2024/?"));
  });
  child.on("exit", (code) => reject(new Error(`the preview stopped with code ${code}`)));
});
// Whatever happens below, the preview process does not outlive the bench.
process.on("exit", () => child.kill("SIGINT"));

type Timing = { andrad: number; markerad: number; kontroller: number; kontrolltid: number; view: import("@codemirror/view").EditorView };
const chromium = await launchChromium();
const page = await chromium.browser.newPage();
await page.setBypassCSP(true);
await page.setViewport({ width: 1400, height: 900 });
// tsx names functions with a helper (__name) the page does not have: the page gets a stand-in.
await page.evaluateOnNewDocument("globalThis.__name = (f) => f");
await page.goto(url, { waitUntil: "load" });
await page.waitForFunction(() => document.body.dataset.kontroller !== undefined, bound);
await page.select("#dokument", "beslutsmeddelanden/farsta.html");
await page.waitForFunction(() => (document.getElementById("forhandsvisning") as HTMLIFrameElement).contentDocument?.title.includes("Farsta"), bound);

// The cursor at the end of "    sökt: 500 000" in application nr 4.
await page.evaluate(() => {
  const view = (window as unknown as { redigerare: Timing }).redigerare.view;
  const lines = view.state.doc.toString().split("\n");
  const nr4 = lines.indexOf("  - nr: 4");
  const line = lines.findIndex((l, i) => i > nr4 && l.startsWith("    sökt: ")) + 1;
  view.dispatch({ selection: { anchor: view.state.doc.line(line).to } });
  view.focus();
});

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (n: number) => `${n.toFixed(0)} ms`;
const spread = (xs: number[]) => `min ${ms(Math.min(...xs))}, max ${ms(Math.max(...xs))}`;

// Keystroke → markers: the last digit of the amount typed anew, 0–9 in turn.
const markers: number[] = [];
const serverSide: number[] = [];
for (let i = 0; i < EDITS + WARMUP; i++) {
  const before = await page.evaluate(() => (window as unknown as { redigerare: Timing }).redigerare.kontroller);
  await page.keyboard.press("Backspace");
  await page.keyboard.type(String(i % 10));
  await page.waitForFunction(
    (n) => {
      const r = (window as unknown as { redigerare: Timing }).redigerare;
      return r.kontroller > n && r.markerad > r.andrad;
    },
    bound,
    before,
  );
  const { andrad, markerad, kontrolltid } = await page.evaluate(() => {
    const { andrad, markerad, kontrolltid } = (window as unknown as { redigerare: Timing }).redigerare;
    return { andrad, markerad, kontrolltid };
  });
  if (i >= WARMUP) {
    markers.push(markerad - andrad);
    serverSide.push(kontrolltid);
  }
  await sleep(300);
}

// Save → preview: the amount becomes 300 000 + 1 000 × i; Farsta's letter sums it with its two study visits (25 000 each).
const saves: number[] = [];
log = "";
for (let i = 0; i < EDITS + WARMUP; i++) {
  const amount = 300_000 + 1_000 * i;
  await page.evaluate((amount) => {
    const view = (window as unknown as { redigerare: Timing }).redigerare.view;
    const line = view.state.doc.lineAt(view.state.selection.main.head);
    const text = `    sökt: ${amount.toLocaleString("sv-SE").replace(/\s/g, " ")}`;
    view.dispatch({ changes: { from: line.from, to: line.to, insert: text }, selection: { anchor: line.from + text.length } });
  }, amount);
  const expected = (amount + 50_000).toLocaleString("sv-SE").replace(/\s/g, "\\D");
  // Stamps, in the page, the moment Ctrl+S goes down and the moment the preview shows the new sum.
  await page.evaluate((expected) => {
    const w = window as unknown as { sparad?: number; visad?: number };
    w.sparad = undefined;
    w.visad = undefined;
    addEventListener("keydown", () => void (w.sparad ??= performance.now()), { capture: true, once: true });
    const frame = document.getElementById("forhandsvisning") as HTMLIFrameElement;
    const pattern = new RegExp(`Sammanlagt beviljas Farsta ${expected}\\Dkronor`);
    const look = () => {
      if (pattern.test(frame.contentDocument?.body?.textContent ?? "")) w.visad ??= performance.now();
      else requestAnimationFrame(look);
    };
    frame.addEventListener("load", () => look());
    requestAnimationFrame(look);
  }, expected);
  await page.keyboard.down("Control");
  await page.keyboard.press("s");
  await page.keyboard.up("Control");
  await page.waitForFunction(() => (window as unknown as { visad?: number }).visad !== undefined, bound);
  const { sparad, visad } = await page.evaluate(() => {
    const { sparad, visad } = window as unknown as { sparad: number; visad: number };
    return { sparad, visad };
  });
  if (i >= WARMUP) saves.push(visad - sparad);
  // A secretary saves every few seconds, not back to back: next year's round is rebuilt meanwhile.
  await sleep(1000);
}

await chromium.close();
child.kill("SIGINT");
await new Promise((resolve) => child.on("exit", resolve));
rmSync(dir, { recursive: true, force: true });

console.log(`redigerare, 2024: från sista tangenttryckningen till markeringarna i texten: median ${ms(median(markers))} (${spread(markers)}, ${markers.length} ändringar)`);
console.log(`  varav kontrollen (anrop till servern och svar): median ${ms(median(serverSide))}`);
console.log(`  mål ${GOAL_MS} ms: ${median(markers) <= GOAL_MS ? "uppnått" : "inte uppnått"}`);
console.log(`redigerare, 2024: från Ctrl+S till brevet i förhandsgranskningen med det nya beloppet: median ${ms(median(saves))} (${spread(saves)}, ${saves.length} sparningar)`);
const builds = [...log.matchAll(/rounds\/2024\.yaml: byggd på (\d+) ms/g)].map((m) => Number(m[1])).slice(WARMUP);
if (builds.length > 0) console.log(`  varav förhandsgranskningens ombyggnad av 2024: median ${ms(median(builds))}`);
console.log(`  mål ${GOAL_MS} ms: ${median(saves) <= GOAL_MS ? "uppnått" : "inte uppnått"}`);
