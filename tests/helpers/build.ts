// Shared test helpers: build a round in memory, read a .docx's text.
import { createHash } from "node:crypto";
import { readFileSync, renameSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { deserialize, serialize } from "node:v8";
import { strFromU8, unzipSync } from "fflate";
import { inject } from "vitest";
import { checkRounds, renderRound, type RenderedRound } from "../../src/pipeline/index.js";

const rendered = new Map<string, Promise<RenderedRound>>();

/**
 * Renders a round file once per test run (rendering is deterministic): the
 * first test file to ask renders it and leaves the result in the run's cache
 * folder (tests/helpers/global-setup.ts); the others read it from there. Each
 * caller gets its own copy.
 */
export function renderFile(file: string): Promise<RenderedRound> {
  let result = rendered.get(file);
  if (!result) {
    result = cachedRender(file);
    rendered.set(file, result);
  }
  return result;
}

async function cachedRender(file: string): Promise<RenderedRound> {
  const dir = inject("renderCache");
  if (!dir) return renderFresh(file);
  // The source's bytes are part of the key, so a test that edits a round file gets a fresh render.
  const source = readFileSync(file);
  const key = createHash("sha256").update(resolve(file)).update("\0").update(source).digest("hex").slice(0, 32);
  const path = `${dir}/${key}.v8`;
  try {
    return deserialize(readFileSync(path)) as RenderedRound;
  } catch {
    const result = await renderFresh(file);
    // Written aside and renamed, so another worker never reads half a file.
    const temp = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}`;
    writeFileSync(temp, serialize(result));
    renameSync(temp, path);
    return result;
  }
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
      [...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>|<w:instrText[^>]*>([^<]*)<\/w:instrText>|(<w:tab\/>)/g)]
        // A tab (the columns of the signature lines) reads as a tab.
        .map((m) => (m[1] !== undefined ? decodeXml(m[1]) : m[3] !== undefined ? "\t" : ""))
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
