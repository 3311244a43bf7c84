// Test and bench helpers for the preview server: a copy of rounds/ to edit,
// and a client of its server-sent events, over real HTTP.
import { cpSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { bounded } from "./bounded.js";

export const ROOT = join(import.meta.dirname, "..", "..");

/** A working folder with a copy of the project's rounds/ (and of templates/, when asked). */
export function roundsCopy(withTemplates = false): string {
  const dir = mkdtempSync(join(tmpdir(), "lum-preview-"));
  cpSync(join(ROOT, "rounds"), join(dir, "rounds"), { recursive: true });
  if (withTemplates) cpSync(join(ROOT, "templates"), join(dir, "templates"), { recursive: true });
  return dir;
}

/** Listens to the preview's events; `next(stem)` resolves at the next "byggt" for that round file. */
export async function events(url: string): Promise<{ next: (stem: string) => Promise<void>; close: () => void }> {
  const controller = new AbortController();
  const response = await fetch(new URL("/handelser", url), { signal: controller.signal });
  const reader = response.body!.getReader();
  const waiting: { stem: string; resolve: () => void }[] = [];
  let buffer = "";
  void (async () => {
    const decoder = new TextDecoder();
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += decoder.decode(value, { stream: true });
        let end: number;
        while ((end = buffer.indexOf("\n\n")) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (event !== "byggt") continue;
          for (const w of waiting.filter((w) => w.stem === data)) {
            waiting.splice(waiting.indexOf(w), 1);
            w.resolve();
          }
        }
      }
    } catch {
      // Aborted by close().
    }
  })();
  return {
    next: (stem) => bounded(new Promise<void>((resolve) => waiting.push({ stem, resolve })), `the preview's "byggt" event for ${stem}`),
    close: () => controller.abort(),
  };
}
