// The spreadsheet to hand out (`npm run importera -- --mall ansokningar.xlsx`):
// one sheet with the headers the importer reads and one example row, which
// the importer skips if it is left in.
import writeXlsx from "write-excel-file/node";
import { TEMPLATE_EXAMPLE, TEMPLATE_HEADERS } from "./applications.js";

export async function templateWorkbook(): Promise<Buffer> {
  const header = TEMPLATE_HEADERS.map((value) => ({ value, fontWeight: "bold" as const }));
  const example = TEMPLATE_EXAMPLE.map((value) => (value === null ? null : { value }));
  const columns = [{ width: 8 }, { width: 6 }, { width: 22 }, { width: 22 }, { width: 40 }, { width: 22 }, { width: 50 }, { width: 14 }, { width: 10 }];
  const buffer = await writeXlsx([header, example], { columns, sheet: "Ansökningar", stickyRowsCount: 1 }).toBuffer();
  return buffer;
}
