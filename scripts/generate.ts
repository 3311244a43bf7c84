// Writes the files generated from the code: the round file's JSON Schema
// (for editors), the page of diagnostics, the
// templates' field reference and the fonts' metrics.
// `npm run generate`; a test fails when any of them is out of date.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { DIAGNOSTICS_DOC_FILE, diagnosticsMarkdown } from "../src/diagnostics/document.js";
import { CONTEXT_DOC_FILE, contextMarkdown } from "../src/compose/context-document.js";
import { JSON_SCHEMA_FILE, roundJsonSchema } from "../src/schema/json-schema.js";
import { FONT_METRICS_FILE } from "../src/write/pdf/font-metrics.js";
import { fontMetricsJson } from "../src/write/pdf/measure-fonts.js";

const root = join(import.meta.dirname, "..");
writeFileSync(join(root, JSON_SCHEMA_FILE), roundJsonSchema());
writeFileSync(join(root, DIAGNOSTICS_DOC_FILE), diagnosticsMarkdown());
writeFileSync(join(root, CONTEXT_DOC_FILE), contextMarkdown());
writeFileSync(join(root, FONT_METRICS_FILE), fontMetricsJson());
console.log(`Skrev ${JSON_SCHEMA_FILE}, ${DIAGNOSTICS_DOC_FILE}, ${CONTEXT_DOC_FILE} och ${FONT_METRICS_FILE}`);
