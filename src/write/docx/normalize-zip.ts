// docx stamps the current time into docProps/core.xml and into every zip
// entry. This rewrites both from the round's date so that the same input
// gives the same bytes.
import JSZip from "jszip";

export async function normalizeZip(packed: Uint8Array, date: Date): Promise<Uint8Array> {
  const source = await JSZip.loadAsync(packed);
  const out = new JSZip();
  const stamp = date.toISOString().replace(/\.\d{3}Z$/, "Z");
  // Zip timestamps are local DOS times; JSZip reads them back through the
  // local time zone, so pass a date that is the same wall time everywhere.
  const zipDate = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate(), 12, 0, 0));
  const names = Object.keys(source.files).filter((n) => !source.files[n]!.dir);
  for (const name of names) {
    let content: string | Uint8Array = await source.files[name]!.async("uint8array");
    if (name === "docProps/core.xml") {
      content = new TextDecoder()
        .decode(content)
        .replace(/(<dcterms:created[^>]*>)[^<]*(<\/dcterms:created>)/, `$1${stamp}$2`)
        .replace(/(<dcterms:modified[^>]*>)[^<]*(<\/dcterms:modified>)/, `$1${stamp}$2`);
    }
    out.file(name, content, { date: zipDate, createFolders: false });
  }
  const result = await out.generateAsync({
    type: "uint8array",
    compression: "DEFLATE",
    compressionOptions: { level: 6 },
    platform: "UNIX",
  });
  return result;
}
