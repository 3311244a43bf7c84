// A build's write step without the build: run as a child process by
// tests/output-crash.test.ts, which kills it at every step
// (LUM_AVBRYT_VID_STEG). `write OUT STAMP` replaces out/2023–2025 with three
// files each holding STAMP; `recover OUT` only recovers.
import { recoverOutput, replaceFolders, withOutputLock } from "../../src/write/output.js";

const [mode, outDir, stamp = ""] = process.argv.slice(2);
if (!outDir) throw new Error("usage: output-child write|recover OUT [STAMP]");
await withOutputLock(outDir, async () => {
  await recoverOutput(outDir);
  if (mode === "write") {
    const files = ["a.docx", "a.pdf", "sub/b.txt"].map((name) => ({ name, bytes: new TextEncoder().encode(`${stamp} ${name}`) }));
    await replaceFolders(outDir, ["2023", "2024", "2025"].map((folder) => ({ folder, files })));
  }
});
