// The editor page's script (src/editor/client/), bundled with esbuild into
// one file when the preview starts: CodeMirror and our code, from
// node_modules, so the page needs no network. esbuild is loaded only here,
// as scripts/run.mjs loads it, and the bundle is kept in memory.
import { join } from "node:path";
import { PROJECT_ROOT } from "../project-root.js";

export const CLIENT_ENTRY = join(PROJECT_ROOT, "src", "editor", "client", "main.ts");

export async function clientBundle(): Promise<string> {
  const { build } = await import("esbuild");
  const result = await build({
    entryPoints: [CLIENT_ENTRY],
    bundle: true,
    write: false,
    format: "iife",
    platform: "browser",
    target: "es2022",
    minify: true,
    legalComments: "none",
    logLevel: "silent",
  });
  return result.outputFiles[0]!.text;
}
