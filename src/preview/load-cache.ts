// A round file loader that remembers: the preview checks a changed round
// against the other round files in its folder (last year's rules), and
// reading and validating each of them again on every save would cost more
// than the save's own round. A file is read from disk each time (cheap) and
// its loaded result reused while its bytes are unchanged.
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { loadRoundFile, type LoadResult } from "../load/load-round.js";

export function cachingLoader(): typeof loadRoundFile {
  const cache = new Map<string, { bytes: Buffer; result: LoadResult }>();
  return async (path: string, shown: string = path, root?: string): Promise<LoadResult> => {
    const key = `${resolve(path)}\0${shown}\0${root ?? ""}`;
    const before = await readFile(path).catch(() => undefined);
    const hit = cache.get(key);
    if (before && hit?.bytes.equals(before)) return hit.result;
    const result = await loadRoundFile(path, shown, root);
    // Kept only when the file did not change while it was being read.
    const after = await readFile(path).catch(() => undefined);
    if (result.ok && before && after?.equals(before)) cache.set(key, { bytes: after, result });
    else cache.delete(key);
    return result;
  };
}
