// What makes the PDF an archival (PDF/A-2u, ISO 19005-2) and accessible
// (PDF/UA-1, ISO 14289-1) file beside its tagging (structure.ts): XMP
// metadata that repeats the document information dictionary and declares both
// parts, and an sRGB output intent for the colours the writer uses (table
// rules and shading are DeviceRGB).
//
// The sRGB profile is the ICC's sRGB2014 profile (sRGB IEC61966-2.1),
// shipped in the repository at data/icc/ with its licence (the ICC lets it
// be copied and embedded without restriction); nothing is downloaded.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { DocumentMeta } from "../../model/document.js";
import { PROJECT_ROOT } from "../../project-root.js";
import { PDFArray, PDFName, PDFString, type PDFDocument } from "./pdf-lib.js";

/** Where the profile lives: data/icc/ in the project (see its README for the licence). */
export const SRGB_PROFILE_PATH = join(PROJECT_ROOT, "data", "icc", "sRGB2014.icc");

/** The profile's bytes, read when first needed. */
let srgbProfile: Uint8Array | undefined;
function srgb(): Uint8Array {
  srgbProfile ??= new Uint8Array(readFileSync(SRGB_PROFILE_PATH));
  return srgbProfile;
}

export const OUTPUT_CONDITION = "sRGB IEC61966-2.1";

const xml = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** A date as XMP writes it; the same instant, to the second and in UTC, as the info dictionary's D:…Z string. */
const xmpDate = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, "Z");

/**
 * The XMP packet (ISO 16684-1). PDF/A-2 requires every entry of the info
 * dictionary to be repeated here with the same value (ISO 19005-2 §6.6.3),
 * and a property of a schema PDF/A does not predefine (pdfuaid) to be
 * described by an extension schema (§6.6.2.3), which comes first: PDFBox's
 * preflight reads the packet in order and rejects a property of a schema it
 * has not yet seen declared.
 */
export function xmpPacket(meta: DocumentMeta, info: { keywords: string; producer: string; creator: string }): string {
  const date = xmpDate(meta.date);
  return `<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"
    xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#"
    xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
   <pdfaExtension:schemas>
    <rdf:Bag>
     <rdf:li rdf:parseType="Resource">
      <pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>
      <pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>
      <pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
      <pdfaSchema:property>
       <rdf:Seq>
        <rdf:li rdf:parseType="Resource">
         <pdfaProperty:name>part</pdfaProperty:name>
         <pdfaProperty:valueType>Integer</pdfaProperty:valueType>
         <pdfaProperty:category>internal</pdfaProperty:category>
         <pdfaProperty:description>Indicates, which part of ISO 14289 standard is followed</pdfaProperty:description>
        </rdf:li>
       </rdf:Seq>
      </pdfaSchema:property>
     </rdf:li>
    </rdf:Bag>
   </pdfaExtension:schemas>
  </rdf:Description>
  <rdf:Description rdf:about=""
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"
    xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">${xml(meta.title)}</rdf:li></rdf:Alt></dc:title>
   <dc:creator><rdf:Seq><rdf:li>${xml(meta.author)}</rdf:li></rdf:Seq></dc:creator>
   <dc:description><rdf:Alt><rdf:li xml:lang="x-default">${xml(meta.subject)}</rdf:li></rdf:Alt></dc:description>
   <dc:language><rdf:Bag><rdf:li>${xml(meta.language)}</rdf:li></rdf:Bag></dc:language>
   <pdf:Keywords>${xml(info.keywords)}</pdf:Keywords>
   <pdf:Producer>${xml(info.producer)}</pdf:Producer>
   <xmp:CreatorTool>${xml(info.creator)}</xmp:CreatorTool>
   <xmp:CreateDate>${date}</xmp:CreateDate>
   <xmp:ModifyDate>${date}</xmp:ModifyDate>
   <xmp:MetadataDate>${date}</xmp:MetadataDate>
   <pdfaid:part>2</pdfaid:part>
   <pdfaid:conformance>U</pdfaid:conformance>
   <pdfuaid:part>1</pdfuaid:part>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>`;
}

/** Adds the XMP metadata stream (uncompressed, as PDF/A requires) and the sRGB output intent to the catalog. */
export function writeArchival(pdf: PDFDocument, meta: DocumentMeta, info: { keywords: string; producer: string; creator: string }): void {
  const context = pdf.context;
  const metadata = context.stream(Buffer.from(xmpPacket(meta, info), "utf8"), { Type: "Metadata", Subtype: "XML" });
  pdf.catalog.set(PDFName.of("Metadata"), context.register(metadata));

  const profile = context.flateStream(srgb(), { N: 3 });
  const intent = context.obj({
    Type: "OutputIntent",
    S: "GTS_PDFA1",
    OutputConditionIdentifier: PDFString.of(OUTPUT_CONDITION),
    Info: PDFString.of(OUTPUT_CONDITION),
    DestOutputProfile: context.register(profile),
  });
  const intents = PDFArray.withContext(context);
  intents.push(context.register(intent));
  pdf.catalog.set(PDFName.of("OutputIntents"), intents);
}
