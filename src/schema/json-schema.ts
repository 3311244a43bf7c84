// The JSON Schema of a round file, generated from the zod schema, for editors
// (the YAML extension reads it through the `# yaml-language-server:` line).
import { z } from "zod";
import { round } from "./round.js";

export const JSON_SCHEMA_FILE = "rounds/round.schema.json";

export function roundJsonSchema(): string {
  const schema = z.toJSONSchema(round, { io: "input", target: "draft-7" });
  const described = {
    ...schema,
    title: "Omgångsfil för LUM och MUL",
    description: "Ett års ansökningar och beslut om lokala utvecklingsmedel (LUM) och medel för utveckling och lärande (MUL). Genererad från src/schema/round.ts med npm run generate; ändra inte för hand.",
  };
  return `${JSON.stringify(described, null, 2)}\n`;
}
