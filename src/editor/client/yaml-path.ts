// Where in a round file the cursor is, from the text's indentation: the
// keys above it (with "[]" for a list item) and whether a key or a value is
// being typed. The file being edited is often not valid YAML at that moment
// (half a key, a colon not yet typed), so this reads lines, not a parse
// tree: a YAML parser would give up exactly where completion is wanted.
// Block style only, as the round files are written (flow lists are handled
// for the one place they are used: förvaltning: [Farsta, Skarpnäck]).

export interface LineShape {
  /** Column of the first character that is not a space; -1 for a blank or comment line. */
  indent: number;
  /** Columns of the "- " list markers at the start of the line. */
  dashes: number[];
  key: { column: number; name: string; rest: string } | undefined;
}

const KEY = /^("[^"]*"|'[^']*'|[^\s#:"'[\]{},-][^:#]*?|-[^\s:#][^:#]*?)\s*:(?=\s|$)(.*)$/u;

export function shapeOf(line: string): LineShape {
  const indent = line.search(/\S/);
  if (indent < 0 || line[indent] === "#") return { indent: -1, dashes: [], key: undefined };
  const dashes: number[] = [];
  let column = indent;
  for (let m; (m = /^-(?:\s+|$)/.exec(line.slice(column))); ) {
    dashes.push(column);
    column += m[0].length;
    if (m[0].length === 1) break;
  }
  const match = KEY.exec(line.slice(column));
  const key = match ? { column, name: match[1]!.replace(/^["']|["']$/g, ""), rest: match[2]! } : undefined;
  return { indent, dashes, key };
}

/**
 * The keys leading to a key at `column` on line `index` (0-based), nearest
 * last: ["lum", "[]", "beslut"]. `inclusive`: the column is a list marker's,
 * and its parent key may stand at the same column (lum:\n- nr: 1).
 */
export function parentsOf(lines: readonly string[], index: number, column: number, inclusive = false): string[] {
  const path: string[] = [];
  let c = column;
  let incl = inclusive;
  for (let i = index - 1; i >= 0; i--) {
    const shape = shapeOf(lines[i]!);
    if (shape.indent < 0) continue;
    if (shape.key && (shape.key.column < c || (incl && shape.key.column === c))) {
      if (shape.key.rest.trim() !== "" && !/^\s*(#.*)?$/.test(shape.key.rest)) {
        // A key with a value on its line cannot hold the lines below: the structure is broken here.
        if (shape.key.column < c) return [];
      }
      path.unshift(shape.key.name);
      c = shape.key.column;
      incl = false;
    }
    // List markers left of the column: the key is inside a list item.
    for (const dash of [...shape.dashes].reverse()) {
      if (dash < c) {
        path.unshift("[]");
        c = dash;
        incl = true;
      }
    }
    if (shape.indent === 0 && c === 0 && !incl) break;
  }
  return path;
}

/** Keys already written in the mapping that holds a key at `column` on line `index`. */
export function siblingKeys(lines: readonly string[], index: number, column: number): string[] {
  const keys: string[] = [];
  for (let i = index - 1; i >= 0; i--) {
    const shape = shapeOf(lines[i]!);
    if (shape.indent < 0) continue;
    if (shape.key?.column === column) keys.push(shape.key.name);
    if (shape.indent < column) break;
  }
  for (let i = index + 1; i < lines.length; i++) {
    const shape = shapeOf(lines[i]!);
    if (shape.indent < 0) continue;
    if (shape.indent < column) break;
    if (shape.key?.column === column) keys.push(shape.key.name);
  }
  return keys;
}

export type CursorContext =
  /** Typing a key (or nothing yet) in a mapping: `typed` so far starts at `from`. */
  | { kind: "key"; path: string[]; from: number; typed: string; column: number; siblings: string[]; dashHere: boolean }
  /** Typing the value of `path`'s last key, or a list item's value (path ends in "[]"). */
  | { kind: "value"; path: string[]; from: number; typed: string };

/** What is being typed at `column` (0-based, within the line) on line `index`. */
export function contextAt(lines: readonly string[], index: number, column: number): CursorContext | undefined {
  const line = lines[index] ?? "";
  const before = line.slice(0, column);
  if (/^\s*#/.test(before)) return undefined;
  const shape = shapeOf(before);
  const indent = before.search(/\S/) < 0 ? before.length : before.search(/\S/);
  // The list markers on this line, before the cursor.
  const dashes: number[] = [];
  let at = indent;
  for (let m; (m = /^-\s+/.exec(before.slice(at))); ) {
    dashes.push(at);
    at += m[0].length;
  }
  const parentsHere = (col: number) => {
    if (dashes.length === 0) return parentsOf(lines, index, col);
    return [...parentsOf(lines, index, dashes[0]!, true), ...dashes.map(() => "[]")];
  };
  if (shape.key) {
    // A value after "key:" (in a flow list, the name being typed after [ or ,).
    const valueStart = shape.key.column + before.slice(shape.key.column).indexOf(":") + 1;
    const value = before.slice(valueStart);
    const flow = /[[,]\s*([^,[\]]*)$/.exec(value);
    const typed = flow ? flow[1]! : value.trimStart();
    const path = [...parentsHere(shape.key.column), shape.key.name, ...(flow ? ["[]"] : [])];
    return { kind: "value", path, from: column - typed.length, typed };
  }
  const rest = before.slice(at);
  if (/^[^\s:#"'[\]{},][^:#]*$/u.test(rest) || rest === "") {
    const path = parentsHere(at);
    return { kind: "key", path, from: at, typed: rest, column: at, siblings: siblingKeys(lines, index, at), dashHere: dashes.length > 0 };
  }
  return undefined;
}
