// Shared test helpers: build a round in memory, read a .docx's text.
import { strFromU8, unzipSync } from "fflate";
import { checkRounds, renderRound, type RenderedRound } from "../../src/build.js";

const rendered = new Map<string, Promise<RenderedRound>>();

/** Renders a round file once per test file (rendering is deterministic). */
export function renderFile(file: string): Promise<RenderedRound> {
  let result = rendered.get(file);
  if (!result) {
    result = renderFresh(file);
    rendered.set(file, result);
  }
  return result;
}

export async function renderFresh(file: string): Promise<RenderedRound> {
  const { rounds, diagnostics } = await checkRounds([file]);
  if (diagnostics.some((d) => d.severity === "fel") || !rounds[0]) {
    throw new Error(`${file} did not validate: ${diagnostics.map((d) => d.message).join("; ")}`);
  }
  return renderRound(rounds[0]);
}

export function fileOf(rendered: RenderedRound, name: string): Uint8Array {
  const file = rendered.files.find((f) => f.name === name);
  if (!file) throw new Error(`no ${name} among ${rendered.files.map((f) => f.name).join(", ")}`);
  return file.bytes;
}

/** The paragraphs of a .docx part (document.xml by default) as text lines. */
export async function docxParagraphs(bytes: Uint8Array, part = "word/document.xml"): Promise<string[]> {
  const xml = strFromU8(unzipSync(bytes)[part]!);
  const paragraphs = xml.match(/<w:p[ >][\s\S]*?<\/w:p>/g) ?? [];
  return paragraphs
    .map((p) =>
      [...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>|<w:instrText[^>]*>([^<]*)<\/w:instrText>/g)]
        .map((m) => (m[1] !== undefined ? decodeXml(m[1]) : ""))
        .join(""),
    )
    .filter((t) => t.trim() !== "");
}

export async function docxPart(bytes: Uint8Array, part: string): Promise<string> {
  return strFromU8(unzipSync(bytes)[part]!);
}

function decodeXml(s: string): string {
  return s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, "&");
}

/** Text with non-breaking spaces as plain spaces, for searching figures. */
export const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, " ");
