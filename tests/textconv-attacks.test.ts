// The hostile .docx and .pdf files that once hung textconv or used gigabytes,
// made here (some are hundreds of megabytes unpacked, so they are not kept as
// files), each with what textconv must do: print the text, or stop at a limit
// with a Swedish message and exit code 1. None may take minutes: the fixes
// bound the work (linear scanning, counted inflation, page and number caps),
// and the tests assert the outcome, not the time. The limits are injected at
// a megabyte or so (LIMITS), so the bombs are megabytes, not gigabytes; the
// command's own limits are the same code with larger numbers (TEXT_LIMITS).
import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { strToU8, zipSync, zlibSync } from "fflate";
import { describe, expect, it } from "vitest";
import { TEXT_LIMITS, type TextLimits } from "../src/diff/limits.js";
import { run } from "../src/textconv.js";

const ROOT = join(import.meta.dirname, "..");
const dir = mkdtempSync(join(tmpdir(), "lum-textconv-"));
const MB = 1024 * 1024;
const LIMITS: TextLimits = { part: 1 * MB, parts: 4 * MB, stream: 2 * MB, streams: 8 * MB, pages: 20, file: 16 * MB };

/** textconv run in this process, on a file holding `bytes`, with the small limits (or those given). */
async function textconv(bytes: Uint8Array, limits = LIMITS): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const path = join(dir, `fil-${Math.random().toString(36).slice(2)}`);
  writeFileSync(path, bytes);
  let stdout = "";
  let stderr = "";
  const code = await run([path], { out: (t) => (stdout += t), err: (t) => (stderr += t) }, limits);
  return { code, stdout, stderr };
}

/** textconv as git runs it: its own process, with the command's limits. */
function textconvCommand(bytes: Uint8Array): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const path = join(dir, `fil-${Math.random().toString(36).slice(2)}`);
  writeFileSync(path, bytes);
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [join(ROOT, "scripts", "run.mjs"), "textconv", path], { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    p.stdout.on("data", (d) => (stdout += d));
    p.stderr.on("data", (d) => (stderr += d));
    p.on("error", reject);
    p.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
const listItem = (text: string, ilvl = 0) => `<w:p><w:pPr><w:numPr><w:ilvl w:val="${ilvl}"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>${text}</w:t></w:r></w:p>`;
const documentXml = (body: string) => `<?xml version="1.0"?><w:document ${W}><w:body>${body}</w:body></w:document>`;
const docx = (parts: Record<string, string | Uint8Array>) =>
  zipSync(Object.fromEntries(Object.entries(parts).map(([k, v]) => [k, typeof v === "string" ? strToU8(v) : v])), { level: 9 });

/** A minimal PDF from its objects (numbered from 1), with a correct cross-reference table. */
function pdf(objects: (string | Uint8Array)[]): Uint8Array {
  const chunks: Buffer[] = [Buffer.from("%PDF-1.7\n")];
  let length = chunks[0]!.length;
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(length);
    const head = Buffer.from(`${i + 1} 0 obj\n`);
    const body = typeof o === "string" ? Buffer.from(o) : Buffer.from(o);
    const tail = Buffer.from("\nendobj\n");
    chunks.push(head, body, tail);
    length += head.length + body.length + tail.length;
  });
  const xref = `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("")}`;
  chunks.push(Buffer.from(`${xref}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${length}\n%%EOF\n`));
  return Buffer.concat(chunks);
}

const stream = (dict: string, data: Uint8Array) => Buffer.concat([Buffer.from(`${dict.replace(">>", ` /Length ${data.length} >>`)}\nstream\n`), Buffer.from(data), Buffer.from("\nendstream")]);

describe("textconv on hostile files", () => {
  it("huge list numbering (start 10^15 in roman numerals, level 10^9): prints the text with bounded markers", async () => {
    const numbering = `<w:numbering ${W}><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1000000000000000"/><w:numFmt w:val="lowerRoman"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>`;
    const result = await textconv(docx({ "word/document.xml": documentXml(listItem("första") + listItem("djup", 1_000_000_000)), "word/numbering.xml": numbering }));
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("1000000. första");
    expect(result.stdout).toContain("djup");
    expect(result.stdout.length).toBeLessThan(200);
  });

  it("a numbering.xml of 200 000 unclosed elements (a quadratic regex): prints the text", async () => {
    const numbering = `<w:numbering ${W}>${"<w:abstractNum w:abstractNumId=\"0\"><w:lvl w:ilvl=\"0\">".repeat(200_000)}</w:numbering>`;
    // At the command's limits: the file is over a megabyte, and the point is how it is scanned.
    const result = await textconv(docx({ "word/document.xml": documentXml(listItem("punkt")), "word/numbering.xml": numbering }), TEXT_LIMITS);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("punkt");
  });

  it("a document.xml of 300 000 unclosed tags: prints what text there is", async () => {
    const result = await textconv(docx({ "word/document.xml": documentXml(`<w:p><w:r><w:t>början</w:t></w:r></w:p>${"<w:p ".repeat(300_000)}`) }), TEXT_LIMITS);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("början");
  });

  it("many inflated entries (20 parts, each under the limit of a part, together past the limit of all): stops with a Swedish message", async () => {
    const zeros = new Uint8Array(MB / 2).fill(0x20);
    const parts: Record<string, string | Uint8Array> = { "word/document.xml": documentXml("<w:p><w:r><w:t>x</w:t></w:r></w:p>") };
    for (let i = 1; i <= 20; i++) parts[`word/header${i}.xml`] = zeros;
    const result = await textconv(docx(parts));
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^fel: Kan inte läsa texten i .*: word\/header\d+\.xml packas upp till mer än 4 MB\.$/m);
  });

  it("one part that inflates past the limit of a part (four times it): stops at the limit", async () => {
    const result = await textconv(docx({ "word/document.xml": new Uint8Array(4 * MB).fill(0x20) }));
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("word/document.xml packas upp till mer än 1 MB.");
  });

  it("a PDF stream that inflates to twice the limit of a stream: stops at the limit", async () => {
    const content = zlibSync(new Uint8Array(4 * MB).fill(0x20), { level: 9 });
    const file = pdf([
      "<< /Type /Catalog /Pages 2 0 R >>",
      "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
      stream("<< /Filter /FlateDecode >>", content),
    ]);
    const result = await textconv(file);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("en ström i filen packas upp till mer än 2 MB.");
  });

  it("a PDF of 200 000 pages: stops at the page limit", async () => {
    const file = pdf([
      "<< /Type /Catalog /Pages 2 0 R >>",
      `<< /Type /Pages /Kids [${"3 0 R ".repeat(200_000)}] /Count 200000 >>`,
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
    ]);
    const result = await textconv(file);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("filen har 200 000 sidor, fler än de 20 som läses.");
  });

  it("the command's own limits are those above, larger: a part of 32 MB, all parts 128 MB, a stream 64 MB, 2 000 pages", () => {
    expect(TEXT_LIMITS).toEqual({ part: 32 * MB, parts: 128 * MB, stream: 64 * MB, streams: 256 * MB, pages: 2000, file: 256 * MB });
  });

  it("a broken file, through the command as git runs it: a Swedish message, no English from the library", async () => {
    const result = await textconvCommand(Buffer.from("%PDF-1.7\ntrasig"));
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^fel: Kan inte läsa texten i .*: filen är skadad eller inte ett Word- eller PDF-dokument som går att läsa\.$/m);
  });

  it("shows control characters from the text escaped, never raw", async () => {
    const result = await textconv(docx({ "word/document.xml": documentXml("<w:p><w:r><w:t>röd&#27;[31m text&#x202E;vänd</w:t></w:r></w:p>") }));
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("röd\\x1B[31m text\\u202Evänd");
    expect(result.stdout).not.toMatch(/[\u001b\u202e]/);
  });
});
