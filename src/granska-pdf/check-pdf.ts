// Our own preflight of the PDFs the build writes: the conditions of PDF/UA-1
// (as the Matterhorn Protocol numbers them) and PDF/A-2u that a machine can
// check. It reads a PDF as any reader does — pdf-lib for the objects, pdf.js
// for the content streams (marked content and the text drawn in it), fontkit
// for the embedded font programs — and knows nothing of our writers, so it
// judges what was written, not what was meant.
//
// What it checks: every painted glyph is inside marked content that is an
// artifact or has an MCID (Matterhorn 01-005); the parent tree leads every
// MCID to an element whose /K names it, and back (ISO 32000-1 14.7.4.4);
// /MarkInfo /Marked (PDF/UA 7.1); /Lang (11-006); /DisplayDocTitle (07-001,
// 07-002); XMP with dc:title (06-003), pdfuaid:part (06-002) and
// pdfaid:part 2 + conformance U (PDF/A-2 6.6.4), the info /Title equal to
// dc:title (6.6.3); headings that start at H1 and skip no level (14-002,
// 14-003); TH cells with a /Scope (15-003); every font embedded (PDF/A-2
// 6.2.11.4.1, Matterhorn 31-008) with a ToUnicode CMap (6.2.11.7.2, the "u")
// and widths equal to the font program's (6.2.11.5); an sRGB-kind output
// intent with an embedded ICC profile of 3 components (6.2.3).
//
// What it cannot check (a person or veraPDF/PAC must): that the tags mean
// what the page shows, reading order as a human follows it, alternative
// texts, colour contrast, the full PDF/A object rules.
import * as fontkit from "fontkit";
import {
  PDFArray,
  PDFBool,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFNumber,
  PDFRawStream,
  PDFRef,
  PDFStream,
  PDFString,
  decodePDFRawStream,
} from "@cantoo/pdf-lib";
import { getDocument, OPS } from "pdfjs-dist/legacy/build/pdf.mjs";

/** What the check reads of a font program (fontkit's font, of which the types say little). */
interface FontProgram {
  unitsPerEm: number;
  getGlyph(id: number): { advanceWidth: number };
}

export interface Finding {
  /** The rule, as the standards number it. */
  rule: string;
  /** What is wrong, in Swedish. */
  message: string;
}

const text = (o: unknown): string | undefined =>
  o instanceof PDFString || o instanceof PDFHexString ? o.decodeText() : o instanceof PDFName ? o.decodeText() : undefined;

function streamBytes(stream: PDFStream): Uint8Array {
  return stream instanceof PDFRawStream ? decodePDFRawStream(stream).decode() : new Uint8Array();
}

/** Checks one PDF; no findings means every machine-checkable condition holds. */
export async function checkPdf(bytes: Uint8Array): Promise<Finding[]> {
  const findings: Finding[] = [];
  const fail = (rule: string, message: string) => findings.push({ rule, message });
  const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
  const { catalog, context } = pdf;

  // ---- document level ----
  const lang = text(catalog.lookup(PDFName.of("Lang")));
  if (!lang) fail("Matterhorn 11-006", "Dokumentet anger inget språk (/Lang saknas i katalogen).");
  const mark = catalog.lookupMaybe(PDFName.of("MarkInfo"), PDFDict);
  if (mark?.get(PDFName.of("Marked")) !== PDFBool.True) fail("PDF/UA 7.1", "Dokumentet är inte märkt som taggat (/MarkInfo /Marked true saknas).");
  const prefs = catalog.lookupMaybe(PDFName.of("ViewerPreferences"), PDFDict);
  if (prefs?.get(PDFName.of("DisplayDocTitle")) !== PDFBool.True) fail("Matterhorn 07-001", "Fönstret visar inte dokumentets titel (/DisplayDocTitle true saknas).");

  const metadata = catalog.lookupMaybe(PDFName.of("Metadata"), PDFStream);
  const xmp = metadata ? new TextDecoder().decode(streamBytes(metadata)) : "";
  if (!metadata) fail("Matterhorn 06-001", "Dokumentet saknar XMP-metadata.");
  const dcTitle = /<dc:title>\s*<rdf:Alt>\s*<rdf:li[^>]*>([^<]*)<\/rdf:li>/.exec(xmp)?.[1]?.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&amp;/g, "&");
  if (!dcTitle) fail("Matterhorn 06-003", "XMP-metadatan saknar dc:title.");
  if (!/<pdfuaid:part>1<\/pdfuaid:part>|pdfuaid:part="1"/.test(xmp)) fail("Matterhorn 06-002", "XMP-metadatan anger inte PDF/UA-1 (pdfuaid:part).");
  if (!/<pdfaid:part>2<\/pdfaid:part>|pdfaid:part="2"/.test(xmp) || !/<pdfaid:conformance>U<\/pdfaid:conformance>|pdfaid:conformance="U"/.test(xmp)) {
    fail("PDF/A-2 6.6.4", "XMP-metadatan anger inte PDF/A-2u (pdfaid:part 2, pdfaid:conformance U).");
  }
  const info = context.lookupMaybe(context.trailerInfo.Info, PDFDict);
  const infoTitle = info ? text(info.lookup(PDFName.of("Title"))) : undefined;
  if (dcTitle !== undefined && infoTitle !== dcTitle) fail("PDF/A-2 6.6.3", `Titeln i informationsordlistan (${infoTitle ?? "saknas"}) är inte densamma som dc:title (${dcTitle}).`);

  const intents = catalog.lookupMaybe(PDFName.of("OutputIntents"), PDFArray);
  const intent = intents && intents.size() > 0 ? intents.lookup(0, PDFDict) : undefined;
  const profile = intent?.lookupMaybe(PDFName.of("DestOutputProfile"), PDFStream);
  if (!intent || intent.get(PDFName.of("S"))?.toString() !== "/GTS_PDFA1" || !profile) {
    fail("PDF/A-2 6.2.3", "Dokumentet saknar en OutputIntent (GTS_PDFA1) med inbäddad ICC-profil.");
  } else {
    const icc = streamBytes(profile);
    const n = profile.dict.get(PDFName.of("N"));
    if (!(n instanceof PDFNumber) || n.asNumber() !== 3 || new TextDecoder("latin1").decode(icc.subarray(16, 20)) !== "RGB ") {
      fail("PDF/A-2 6.2.3", "OutputIntent-profilen är inte en RGB-profil med tre komponenter.");
    }
  }

  // ---- structure ----
  const treeRoot = catalog.lookupMaybe(PDFName.of("StructTreeRoot"), PDFDict);
  /** For each element, the MCIDs its /K names, by page ref. */
  const named = new Map<PDFDict, Set<string>>();
  const headings: number[] = [];
  if (!treeRoot) fail("Matterhorn 01-001", "Dokumentet saknar strukturträd (/StructTreeRoot).");
  else {
    const walk = (elem: PDFDict, pageOf: PDFRef | undefined) => {
      const role = elem.get(PDFName.of("S"))?.toString().slice(1) ?? "";
      const page = (elem.get(PDFName.of("Pg")) as PDFRef | undefined) ?? pageOf;
      const h = /^H([1-6])$/.exec(role);
      if (h) headings.push(Number(h[1]));
      if (role === "TH") {
        const attributes = elem.lookup(PDFName.of("A"));
        const list = attributes instanceof PDFArray ? attributes.asArray().map((a) => context.lookup(a)) : [attributes];
        if (!list.some((a) => a instanceof PDFDict && a.get(PDFName.of("Scope")))) fail("Matterhorn 15-003", "En rubrikcell (TH) saknar /Scope.");
      }
      const kids = elem.lookup(PDFName.of("K"));
      const list = kids instanceof PDFArray ? kids.asArray() : kids === undefined ? [] : [elem.get(PDFName.of("K"))!];
      const mine = new Set<string>();
      for (const kid of list) {
        if (kid instanceof PDFNumber) mine.add(`${page?.toString()}:${kid.asNumber()}`);
        else {
          const dict = context.lookup(kid);
          if (!(dict instanceof PDFDict)) continue;
          const type = dict.get(PDFName.of("Type"))?.toString();
          if (type === "/MCR") mine.add(`${(dict.get(PDFName.of("Pg")) as PDFRef | undefined)?.toString() ?? page?.toString()}:${(dict.get(PDFName.of("MCID")) as PDFNumber).asNumber()}`);
          else if (type !== "/OBJR") walk(dict, page);
        }
      }
      named.set(elem, mine);
    };
    const k = treeRoot.lookup(PDFName.of("K"));
    for (const kid of k instanceof PDFArray ? k.asArray().map((x) => context.lookup(x)) : [k]) if (kid instanceof PDFDict) walk(kid, undefined);
    if (headings.length > 0 && headings[0] !== 1) fail("Matterhorn 14-002", `Den första rubriken är H${headings[0]}, inte H1.`);
    headings.forEach((level, i) => {
      if (i > 0 && level > headings[i - 1]! + 1) fail("Matterhorn 14-003", `Rubriknivå hoppas över: H${headings[i - 1]} följs av H${level}.`);
    });
  }
  const parentTree = treeRoot?.lookupMaybe(PDFName.of("ParentTree"), PDFDict);
  const parents = new Map<number, PDFArray>();
  const nums = parentTree?.lookupMaybe(PDFName.of("Nums"), PDFArray);
  for (let i = 0; nums && i + 1 < nums.size(); i += 2) {
    const value = nums.lookup(i + 1);
    if (value instanceof PDFArray) parents.set((nums.get(i) as PDFNumber).asNumber(), value);
  }
  if (treeRoot && !parentTree) fail("ISO 32000-1 14.7.4.4", "Strukturträdet saknar /ParentTree.");

  // ---- pages: marked content, through pdf.js ----
  const reader = await getDocument({ data: bytes.slice(), isEvalSupported: false, disableFontFace: true, verbosity: 0 }).promise;
  const pageRefs = pdf.getPages().map((p) => p.ref);
  const drawn = new Set<string>();
  try {
    for (let n = 0; n < reader.numPages; n++) {
      const page = await reader.getPage(n + 1);
      const { fnArray, argsArray } = await page.getOperatorList();
      const stack: { tag: string; mcid: number | null }[] = [];
      let untagged = 0;
      const mcids: number[] = [];
      fnArray.forEach((fn, i) => {
        if (fn === OPS.beginMarkedContent) stack.push({ tag: String(argsArray[i]?.[0] ?? ""), mcid: null });
        else if (fn === OPS.beginMarkedContentProps) {
          const [tag, mcid] = argsArray[i] as [string, number | null];
          stack.push({ tag, mcid: typeof mcid === "number" ? mcid : null });
          if (typeof mcid === "number") mcids.push(mcid);
        } else if (fn === OPS.endMarkedContent) stack.pop();
        else if (fn === OPS.showText || fn === OPS.showSpacedText || fn === OPS.nextLineShowText || fn === OPS.nextLineSetSpacingShowText) {
          if (!stack.some((m) => m.tag === "Artifact" || m.mcid !== null)) untagged++;
        }
      });
      if (untagged > 0) fail("Matterhorn 01-005", `Sida ${n + 1}: ${untagged} textbitar är varken taggat innehåll eller artefakt.`);
      const pageRef = pageRefs[n]!;
      const key = pdf.getPages()[n]!.node.get(PDFName.of("StructParents"));
      const owners = key instanceof PDFNumber ? parents.get(key.asNumber()) : undefined;
      if (mcids.length > 0 && !owners) fail("ISO 32000-1 14.7.4.4", `Sida ${n + 1}: sidans märkta innehåll saknar post i /ParentTree.`);
      for (const mcid of mcids) {
        drawn.add(`${pageRef.toString()}:${mcid}`);
        const owner = owners ? context.lookup(owners.get(mcid)) : undefined;
        if (!(owner instanceof PDFDict) || !named.get(owner)?.has(`${pageRef.toString()}:${mcid}`)) {
          fail("ISO 32000-1 14.7.4.4", `Sida ${n + 1}: MCID ${mcid} leder inte i /ParentTree till ett element som pekar tillbaka på det.`);
        }
      }
    }
  } finally {
    await reader.destroy();
  }
  for (const mine of named.values()) {
    for (const ref of mine) if (!drawn.has(ref)) fail("ISO 32000-1 14.7.4.4", `Ett strukturelement pekar på innehåll (${ref}) som inte finns på sidan.`);
  }

  // ---- fonts ----
  const seen = new Set<string>();
  for (const page of pdf.getPages()) {
    const fonts = page.node.Resources()?.lookupMaybe(PDFName.of("Font"), PDFDict);
    for (const [name, ref] of fonts?.entries() ?? []) {
      const id = ref.toString();
      if (seen.has(id)) continue;
      seen.add(id);
      const font = context.lookup(ref, PDFDict);
      const base = font.get(PDFName.of("BaseFont"))?.toString().slice(1) ?? name.toString();
      if (!font.get(PDFName.of("ToUnicode"))) fail("PDF/A-2 6.2.11.7.2", `Typsnittet ${base} saknar ToUnicode.`);
      const descendants = font.lookupMaybe(PDFName.of("DescendantFonts"), PDFArray);
      const cidFont = descendants ? descendants.lookup(0, PDFDict) : font;
      const descriptor = cidFont.lookupMaybe(PDFName.of("FontDescriptor"), PDFDict);
      const program = descriptor && (["FontFile2", "FontFile3", "FontFile"].map((k) => descriptor.lookupMaybe(PDFName.of(k), PDFStream)).find((s) => s) as PDFStream | undefined);
      if (!program) {
        fail("PDF/A-2 6.2.11.4.1", `Typsnittet ${base} är inte inbäddat.`);
        continue;
      }
      if (!descendants) continue;
      // CIDFontType2 with Identity CIDToGIDMap: W gives each CID's (= glyph's) width in 1/1000 em.
      const parsed = fontkit.create(Buffer.from(streamBytes(program))) as unknown as FontProgram;
      const widths = cidFont.lookupMaybe(PDFName.of("W"), PDFArray);
      const w = widths?.asArray().map((x) => context.lookup(x)) ?? [];
      let wrong = 0;
      for (let i = 0; i < w.length; ) {
        const first = (w[i] as PDFNumber).asNumber();
        const next = w[i + 1];
        const check = (cid: number, width: number) => {
          const expected = (parsed.getGlyph(cid).advanceWidth * 1000) / parsed.unitsPerEm;
          if (Math.abs(expected - width) > 1) wrong++;
        };
        if (next instanceof PDFArray) {
          next.asArray().forEach((x, k) => check(first + k, (context.lookup(x) as PDFNumber).asNumber()));
          i += 2;
        } else {
          const last = (next as PDFNumber).asNumber();
          const width = (w[i + 2] as PDFNumber).asNumber();
          for (let cid = first; cid <= last; cid++) check(cid, width);
          i += 3;
        }
      }
      if (wrong > 0) fail("PDF/A-2 6.2.11.5", `Typsnittet ${base}: ${wrong} glyfbredder i /W skiljer sig från typsnittsfilens.`);
    }
  }
  return findings;
}
