// Writes the files generated from the code: the round file's JSON Schema
// (for editors) and the page of diagnostics. `npm run generate`; a test
// fails when either is out of date.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { DIAGNOSTICS_DOC_FILE, diagnosticsMarkdown } from "../src/diagnostics/document.js";
import { JSON_SCHEMA_FILE, roundJsonSchema } from "../src/schema/json-schema.js";

const root = join(import.meta.dirname, "..");
writeFileSync(join(root, JSON_SCHEMA_FILE), roundJsonSchema());
writeFileSync(join(root, DIAGNOSTICS_DOC_FILE), diagnosticsMarkdown());
console.log(`Skrev ${JSON_SCHEMA_FILE} och ${DIAGNOSTICS_DOC_FILE}`);
