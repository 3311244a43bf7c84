// Unpacking a zip (.docx, .xlsx) that may be hostile: a zip bomb of 3 MB can
// claim anything in its headers and inflate to gigabytes. fflate's streaming
// Unzip is fed the archive a small slice at a time, so that no single step
// can inflate more than about a thousand times a slice (deflate's ceiling),
// and every entry's inflated bytes are counted as they arrive: past a limit
// the entry is terminated and nothing more is inflated. Entries not wanted
// (images, fonts) are never inflated at all.
//
// fflate is already what read-excel-file and our own .docx reader use; its
// one-shot unzipSync inflates an entry whole before anyone can count, and
// pushing the whole archive into Unzip at once does the same (that was the
// hole in textconv's reader), hence the slices.
import { Unzip, UnzipInflate } from "fflate";

export interface UnzipLimits {
  /** Largest inflated size of one entry, in bytes. */
  maxEntry: number;
  /** Largest inflated size of all wanted entries together. */
  maxTotal: number;
  /** Most entries the archive may list (wanted or not). */
  maxEntries: number;
}

/** A limit of unzipBounded was passed: which entry, which limit, its size in bytes. */
export class UnzipLimitError extends Error {
  constructor(
    readonly entry: string,
    readonly limit: "entry" | "total" | "entries",
    readonly max: number,
    /** How many bytes had been inflated when it stopped (for tests: the bound holds as the bytes come, not after). */
    readonly inflated: number,
  ) {
    super(`${entry}: ${limit} > ${max}`);
    this.name = "UnzipLimitError";
  }
}

/** How much of the archive is pushed at a time: 16 kB inflate to at most about 16 MB. */
const SLICE = 16 * 1024;

/**
 * The wanted entries of the zip in `bytes`, inflated within `limits`.
 * Throws UnzipLimitError at a limit, and fflate's own error for a damaged
 * archive.
 */
export function unzipBounded(bytes: Uint8Array, wanted: (name: string) => boolean, limits: UnzipLimits): Map<string, Uint8Array> {
  const entries = new Map<string, Uint8Array>();
  let total = 0;
  let listed = 0;
  let failure: Error | undefined;
  const unzip = new Unzip((file) => {
    if (failure) return;
    if (++listed > limits.maxEntries) {
      failure = new UnzipLimitError(file.name, "entries", limits.maxEntries, total);
      return;
    }
    if (!wanted(file.name)) return;
    const chunks: Uint8Array[] = [];
    let size = 0;
    file.ondata = (error, chunk, final) => {
      if (failure) return;
      if (error) {
        failure = error;
        return;
      }
      size += chunk.length;
      total += chunk.length;
      if (size > limits.maxEntry || total > limits.maxTotal) {
        failure = new UnzipLimitError(file.name, size > limits.maxEntry ? "entry" : "total", size > limits.maxEntry ? limits.maxEntry : limits.maxTotal, total);
        file.terminate();
        return;
      }
      chunks.push(chunk);
      if (final) {
        const whole = new Uint8Array(size);
        let at = 0;
        for (const c of chunks) {
          whole.set(c, at);
          at += c.length;
        }
        entries.set(file.name, whole);
      }
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  for (let at = 0; at < bytes.length && !failure; at += SLICE) {
    const end = Math.min(bytes.length, at + SLICE);
    unzip.push(bytes.subarray(at, end), end === bytes.length);
  }
  if (bytes.length === 0) unzip.push(new Uint8Array(0), true);
  if (failure) throw failure;
  return entries;
}
