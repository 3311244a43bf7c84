// docx stamps the current time into docProps/core.xml and into every zip
// entry. This rewrites both from the round's date so that the same input
// gives the same bytes.
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from "fflate";

export function normalizeZip(packed: Uint8Array, date: Date): Uint8Array {
  const entries = unzipSync(packed);
  const stamp = date.toISOString().replace(/\.\d{3}Z$/, "Z");
  // Zip entries hold local wall-clock time; noon local time on the round's
  // date is the same wall time in every time zone, so the bytes are too.
  const mtime = new Date(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate(), 12, 0, 0);
  const files: Zippable = {};
  // [Content_Types].xml first, as Word writes it; the rest in docx's order.
  const names = Object.keys(entries).sort((a, b) => Number(b === "[Content_Types].xml") - Number(a === "[Content_Types].xml"));
  for (const name of names) {
    const content = entries[name]!;
    if (name.endsWith("/")) continue;
    let data = content;
    if (name === "docProps/core.xml") {
      data = strToU8(
        strFromU8(content)
          .replace(/(<dcterms:created[^>]*>)[^<]*(<\/dcterms:created>)/, `$1${stamp}$2`)
          .replace(/(<dcterms:modified[^>]*>)[^<]*(<\/dcterms:modified>)/, `$1${stamp}$2`),
      );
    }
    files[name] = [data, { mtime, level: 6 }];
  }
  return zipSync(files);
}
