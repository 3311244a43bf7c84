// A round file loader that remembers: the preview checks a changed round
// against the other round files in its folder (last year's rules), and
// reading and validating each of them again on every save would cost more
// than the save's own round. A file is read from disk each time (cheap),
// through the project's one door (src/files/read-project-file.ts: links out
// of the project, FIFOs, devices and oversized files are refused unread),
// and its loaded result reused while its bytes are unchanged. The bytes
// parsed are the bytes read: the file is never read a second time.
import { resolve } from "node:path";
import { loadRoundBytes, readRoundBytes, type loadRoundFile, type LoadResult } from "../load/load-round.js";

export function cachingLoader(): typeof loadRoundFile {
  const cache = new Map<string, { bytes: Uint8Array; result: LoadResult }>();
  return async (path: string, shown: string = path, root?: string): Promise<LoadResult> => {
    const key = `${resolve(path)}\0${shown}\0${root ?? ""}`;
    const bytes = await readRoundBytes(path, shown, root);
    if ("code" in bytes) {
      cache.delete(key);
      return { ok: false, diagnostics: [bytes] };
    }
    const hit = cache.get(key);
    if (hit && Buffer.from(hit.bytes).equals(bytes)) return hit.result;
    const result = loadRoundBytes(bytes, shown);
    if (result.ok) cache.set(key, { bytes, result });
    else cache.delete(key);
    return result;
  };
}
