// A structural diff of plain data, for the parts of a round the report has no
// special words for (the committee meeting, reports, notices, rule
// exceptions, and whatever the schema gains later). It makes sure no change
// in a round file goes unreported. Lists of objects with an `id` are matched
// by id, other lists by position.
import { isDeepStrictEqual } from "node:util";
import { wordDiff, type WordPart } from "./words.js";

export type GenericChange =
  | { op: "ändrad"; path: string[]; before: unknown; after: unknown; words?: WordPart[] }
  | { op: "ny"; path: string[]; after: unknown }
  | { op: "borttagen"; path: string[]; before: unknown };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const withId = (v: unknown[]): v is { id: string }[] => v.every((x) => isObject(x) && typeof x.id === "string");

export function diffValues(a: unknown, b: unknown, path: string[] = []): GenericChange[] {
  if (isDeepStrictEqual(a, b)) return [];
  // A whole list added or removed: one line per item, so each can be read.
  if (a === undefined && Array.isArray(b) && b.length > 0) return diffValues([], b, path);
  if (b === undefined && Array.isArray(a) && a.length > 0) return diffValues(a, [], path);
  if (a === undefined) return [{ op: "ny", path, after: b }];
  if (b === undefined) return [{ op: "borttagen", path, before: a }];
  if (Array.isArray(a) && Array.isArray(b)) {
    if ((withId(a) || a.length === 0) && (withId(b) || b.length === 0)) {
      const before = new Map(a.map((x) => [x.id, x]));
      const after = new Set(b.map((x) => x.id));
      return [
        ...b.flatMap((x) => diffValues(before.get(x.id), x, [...path, x.id])),
        ...a.filter((x) => !after.has(x.id)).map((x): GenericChange => ({ op: "borttagen", path: [...path, x.id], before: x })),
      ];
    }
    const n = Math.max(a.length, b.length);
    return Array.from({ length: n }, (_, i) => diffValues(a[i], b[i], [...path, String(i + 1)])).flat();
  }
  if (isObject(a) && isObject(b)) {
    const keys = [...Object.keys(a), ...Object.keys(b).filter((k) => !(k in a))];
    return keys.flatMap((k) => diffValues(a[k], b[k], [...path, k]));
  }
  const change: GenericChange = { op: "ändrad", path, before: a, after: b };
  if (typeof a === "string" && typeof b === "string" && Math.min(a.split(/\s+/).length, b.split(/\s+/).length) >= 4) {
    change.words = wordDiff(a, b);
  }
  return [change];
}

/** `value` without the keys in `skip`, for diffing what the specific comparison does not cover. */
export function omit(value: object, skip: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([k]) => !skip.includes(k)));
}
