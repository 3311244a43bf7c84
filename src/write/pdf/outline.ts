// Bookmarks (the PDF outline). pdf-lib has no API for them, so the outline
// dictionaries of ISO 32000-1 §12.3.3 are written with its low-level objects.
import { PDFArray, PDFDict, PDFHexString, PDFName, PDFNull, PDFNumber, type PDFDocument, type PDFRef } from "./pdf-lib.js";

export interface OutlineItem {
  title: string;
  page: PDFRef;
  /** Top of the destination, in PDF user space (points from the bottom edge). */
  y: number;
  children: OutlineItem[];
}

/** Writes the items as the document's outline and opens it in the viewer's side panel. */
export function writeOutline(pdf: PDFDocument, items: OutlineItem[]): void {
  if (items.length === 0) return;
  const context = pdf.context;
  const rootRef = context.nextRef();

  const writeLevel = (level: OutlineItem[], parent: PDFRef): { first: PDFRef; last: PDFRef; count: number } => {
    const refs = level.map(() => context.nextRef());
    let count = level.length;
    level.forEach((item, i) => {
      const dict = context.obj({}) as PDFDict;
      dict.set(PDFName.of("Title"), PDFHexString.fromText(item.title));
      dict.set(PDFName.of("Parent"), parent);
      if (i > 0) dict.set(PDFName.of("Prev"), refs[i - 1]!);
      if (i < refs.length - 1) dict.set(PDFName.of("Next"), refs[i + 1]!);
      const dest = PDFArray.withContext(context);
      dest.push(item.page);
      dest.push(PDFName.of("XYZ"));
      dest.push(PDFNull);
      dest.push(PDFNumber.of(Math.round(item.y)));
      dest.push(PDFNull);
      dict.set(PDFName.of("Dest"), dest);
      if (item.children.length > 0) {
        const sub = writeLevel(item.children, refs[i]!);
        dict.set(PDFName.of("First"), sub.first);
        dict.set(PDFName.of("Last"), sub.last);
        // Positive: the item opens showing its children.
        dict.set(PDFName.of("Count"), PDFNumber.of(sub.count));
        count += sub.count;
      }
      context.assign(refs[i]!, dict);
    });
    return { first: refs[0]!, last: refs[refs.length - 1]!, count };
  };

  const { first, last, count } = writeLevel(items, rootRef);
  const root = context.obj({ Type: "Outlines" }) as PDFDict;
  root.set(PDFName.of("First"), first);
  root.set(PDFName.of("Last"), last);
  root.set(PDFName.of("Count"), PDFNumber.of(count));
  context.assign(rootRef, root);
  pdf.catalog.set(PDFName.of("Outlines"), rootRef);
  pdf.catalog.set(PDFName.of("PageMode"), PDFName.of("UseOutlines"));
}
