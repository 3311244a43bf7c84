// Once per `vitest run`: a folder where the reference rounds, once rendered
// by any test file, are kept for the other files (tests/helpers/build.ts).
// Rendering a round takes seconds; a dozen files read the same 2024 round.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    renderCache: string;
  }
}

export default function setup(project: TestProject): () => void {
  const dir = mkdtempSync(join(tmpdir(), "lum-render-cache-"));
  project.provide("renderCache", dir);
  return () => rmSync(dir, { recursive: true, force: true });
}
