// Writes rounds/round.schema.json from the zod schema: `npm run schema`.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { JSON_SCHEMA_FILE, roundJsonSchema } from "../src/schema/json-schema.js";

writeFileSync(join(import.meta.dirname, "..", JSON_SCHEMA_FILE), roundJsonSchema());
console.log(`Skrev ${JSON_SCHEMA_FILE}`);
