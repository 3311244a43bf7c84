// Finds the line of a structural mistake in a round file that yaml reports
// elsewhere: yaml notices an unclosed [ or { where the next key begins, an
// indentation one space too deep on the line above (it reads the line as
// the continuation of a value), and a colon inside a value as a key without
// a colon. This scan reads the lines as the secretary wrote them — keys,
// list items, their indentation — and names the first line that does not
// fit, in her words. It is consulted only when yaml has found an error, so
// a valid file is never second-guessed.
import { countInWords } from "../format/swedish.js";

export interface StructureMistake {
  /** Offset in the text of the spot to mark. */
  offset: number;
  length: number;
  /** Swedish, after "Filen går inte att läsa som YAML: ". */
  detail: string;
}

interface Line {
  index: number;
  offset: number;
  text: string;
  indent: number;
}

const spaces = (n: number) => `${countInWords(n, true)} mellanslag`;
/** Keys as a message names them: "utfall", or "utfall" och "belopp". */
const keyList = (keys: string[]) => {
  const quoted = keys.map((k) => `"${k}"`);
  return quoted.length === 1 ? quoted[0]! : `${quoted.slice(0, -1).join(", ")} och ${quoted.at(-1)}`;
};

/** The text with quoted parts blanked out and a trailing comment removed, same length up to the comment. */
function code(text: string): string {
  let out = "";
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === quote) quote = undefined;
      out += c === quote || quote === undefined ? c : " ";
      continue;
    }
    if ((c === '"' || c === "'") && (i === 0 || /[\s[{,:]/.test(text[i - 1]!))) quote = c;
    else if (c === "#" && (i === 0 || /\s/.test(text[i - 1]!))) break;
    out += c;
  }
  return out.trimEnd();
}

/** Splits "  - - key: value" into the column of the first key (or item) and the rest. */
function parseLine(line: Line) {
  let col = line.indent;
  let rest = code(line.text.slice(line.indent));
  let dashes = 0;
  for (let m = /^-( +|$)/.exec(rest); m; m = /^-( +|$)/.exec(rest)) {
    col += m[0].length;
    rest = rest.slice(m[0].length);
    dashes += 1;
  }
  const key = /^([^\s"'[\]{}#,:][^:]*?|"[^"]*"|'[^']*')\s*:(?:\s+|$)/.exec(rest);
  return { col, rest, dashes, key: key?.[1], value: key ? rest.slice(key[0].length) : rest };
}

/**
 * Whether `key` is a key of the mapping at `path` (keys, with a number for a
 * list item), from the round's schema; lets the scan tell which of two lines
 * is out of place.
 */
export type KnownKey = (path: readonly (string | number)[], key: string) => boolean;

interface Level {
  col: number;
  /** The last key written at this column. */
  key: string | undefined;
  /** The first key written at this column, which the others stand under. */
  first?: string;
  /** Where the collection at this column is in the round: keys, 0 for a list item. */
  path: (string | number)[];
}

export function structureMistake(source: string, known?: KnownKey): StructureMistake | undefined {
  const lines: Line[] = [];
  let offset = 0;
  source.split("\n").forEach((raw, index) => {
    const text = raw.replace(/\r$/, "");
    lines.push({ index, offset, text, indent: /^ */.exec(text)![0].length });
    offset += raw.length + 1;
  });
  const significant = lines.filter((l) => l.text.trim() !== "" && !/^\s*#/.test(l.text) && !/^(---|\.\.\.)\s*$/.test(l.text));

  /** Columns where keys or items of the open collections stand, with the last key written there. */
  const levels: Level[] = [{ col: 0, key: undefined, path: [] }];
  let opener: { col: number; key: string } | undefined;
  let blockScalarAbove: number | undefined;
  /**
   * The line just read stood left of the block above it, and its key belongs
   * in that block rather than where it stands; `first` and `keys` cover the
   * run of such lines it ends (two keys of beslut: both moved out).
   */
  let dedented: { line: Line; first: Line; keys: string[]; block: Level; blockKey: string } | undefined;
  /** The line just read stands level with the key above it that opens a block, and belongs in that block (with the run it ends). */
  let notUnder: { line: Line; first: Line; keys: string[]; blockKey: string; blockPath: (string | number)[] } | undefined;
  for (let i = 0; i < significant.length; i++) {
    const line = significant[i]!;
    if (blockScalarAbove !== undefined && line.indent > blockScalarAbove) continue;
    blockScalarAbove = undefined;
    if (line.text.includes("\t")) return undefined; // yaml's own message on tabs is right
    const parsed = parseLine(line);
    const top = levels[levels.length - 1]!;

    const justDedented = dedented;
    const justNotUnder = notUnder;
    dedented = undefined;
    notUnder = undefined;
    /** This line's key, if it is unknown where it stands (`here`) and known in the block at `there`. */
    const strayKey = (here: readonly (string | number)[], there: readonly (string | number)[]) =>
      known && parsed.dashes === 0 && parsed.key !== undefined && !known(here, parsed.key) && known(there, parsed.key) ? parsed.key : undefined;
    /** Whether this line goes on a run of stray keys ended by the line just before, in its column. */
    const continues = (run: { line: Line } | undefined) => run !== undefined && significant[i - 1] === run.line && line.indent === run.line.indent;
    const underOpener = opener && opener.key !== "-" && line.indent === opener.col ? strayKey(top.path, [...top.path, opener.key]) : undefined;
    const nextNotUnder = !underOpener && continues(justNotUnder) ? strayKey(top.path, justNotUnder!.blockPath) : undefined;
    if (underOpener) {
      notUnder = { line, first: line, keys: [underOpener], blockKey: opener!.key, blockPath: [...top.path, opener!.key] };
    } else if (nextNotUnder) {
      // The next key of the same block, left level with it too.
      notUnder = { ...justNotUnder!, line, keys: [...justNotUnder!.keys, nextNotUnder] };
    }
    if (opener && (line.indent > opener.col || (line.indent === opener.col && parsed.dashes > 0))) {
      levels.push({ col: line.indent, key: undefined, path: [...top.path, ...(opener.key === "-" ? [] : [opener.key])] });
    } else {
      if (opener && !levels.some((l) => l.col === line.indent)) {
        return {
          offset: line.offset + line.indent,
          length: Math.max(1, line.text.length - line.indent),
          detail: `fel indrag: raderna under "${opener.key}:" ska stå längre in än "${opener.key}:" (till exempel ${spaces(2)} till)`,
        };
      }
      if (line.indent > top.col) {
        // Deeper than the open level with nothing above to hold it: a plain
        // value continued on the next line is fine, a key is one space too many.
        if (parsed.key === undefined && parsed.dashes === 0) continue;
        // The line above was moved out of its block and this one, still in
        // the block's column, now looks too deep: the line above is the mistake.
        if (justDedented && significant[i - 1] === justDedented.line && line.indent === justDedented.block.col) {
          const { first: wrong, keys, block, blockKey } = justDedented;
          const many = keys.length > 1;
          return {
            offset: wrong.offset,
            length: Math.max(1, wrong.indent),
            detail: `fel indrag: ${keyList(keys)} hör till "${blockKey}:" men ${many ? "raderna har" : "har"} ${spaces(block.col - wrong.indent)} för lite i början; dra in ${many ? `de ${countInWords(keys.length)} raderna från den här` : "raden"} så att ${many ? "de står" : "den står"} rakt under "${block.first ?? block.key}:" (därför står raden efter ${many ? "dem" : "den"} för långt in)`,
          };
        }
        if (justNotUnder && significant[i - 1] === justNotUnder.line) {
          const { first: wrong, keys, blockKey } = justNotUnder;
          const many = keys.length > 1;
          return {
            offset: wrong.offset,
            length: Math.max(1, wrong.indent),
            detail: `fel indrag: ${keyList(keys)} hör till "${blockKey}:" men ${many ? "står inte indragna" : "står inte indragen"} under den; dra in ${many ? `de ${countInWords(keys.length)} raderna från den här` : "raden"} ${spaces(line.indent - wrong.indent)}${many ? " var" : ""} (därför står raden efter ${many ? "dem" : "den"} för långt in)`,
          };
        }
        return {
          offset: line.offset,
          length: line.indent,
          detail: `fel indrag: raden har ${spaces(line.indent - top.col)} för mycket i början${top.key ? `; den ska börja rakt under "${top.key}:" ovanför` : ""}`,
        };
      }
      let outermostPopped: Level | undefined;
      while (levels.length > 1 && levels[levels.length - 1]!.col > line.indent) outermostPopped = levels.pop();
      const level = levels[levels.length - 1]!;
      const blockKey = outermostPopped?.path.at(-1);
      const outOfBlock = outermostPopped && typeof blockKey === "string" && level.col === line.indent ? strayKey(level.path, outermostPopped.path) : undefined;
      const nextOutOfBlock = !outOfBlock && continues(justDedented) ? strayKey(level.path, justDedented!.block.path) : undefined;
      if (outOfBlock) {
        dedented = { line, first: line, keys: [outOfBlock], block: outermostPopped!, blockKey: blockKey as string };
      } else if (nextOutOfBlock) {
        // The next key of the same block, moved out with it.
        dedented = { ...justDedented!, line, keys: [...justDedented!.keys, nextOutOfBlock] };
      }
      if (level.col !== line.indent) {
        const above = levels.find((l) => l.col > line.indent);
        const expected = above?.col ?? level.col;
        return {
          offset: line.offset,
          length: Math.max(1, line.indent),
          detail: `fel indrag: raden har ${spaces(Math.abs(expected - line.indent))} för lite i början`,
        };
      }
    }
    // The keys of a list item stand after its dash.
    if (parsed.dashes > 0) {
      const list = levels[levels.length - 1]!;
      list.key = undefined;
      levels.push({ col: parsed.col, key: parsed.key, first: parsed.key, path: [...list.path, ...Array<number>(parsed.dashes).fill(0)] });
    } else {
      const level = levels[levels.length - 1]!;
      level.key = parsed.key;
      level.first ??= parsed.key;
    }
    opener = undefined;

    const value = parsed.value.trim();
    if (parsed.key !== undefined) {
      if (value === "") opener = { col: parsed.col, key: parsed.key.replace(/^["']|["']$/g, "") };
      else if (/^[|>][-+0-9]*$/.test(value)) blockScalarAbove = parsed.col;
      else if (/^["']/.test(value)) {
        if (!closes(value)) return undefined; // an unclosed quote has its own message
      } else if (/^[[{]/.test(value)) {
        const unclosed = unbalanced(value);
        if (unclosed !== undefined) {
          const next = significant[i + 1];
          if (!next || next.indent <= parsed.col || /^\s*-\s/.test(next.text) || parseLine(next).key !== undefined) {
            const at = line.text.indexOf(value) + unclosed.index;
            const close = unclosed.bracket === "[" ? "]" : "}";
            return {
              offset: line.offset + at,
              length: 1,
              detail: `${unclosed.bracket === "[" ? "hakparentesen" : "klammerparentesen"} ${unclosed.bracket} som börjar här stängs aldrig med ${close}`,
            };
          }
          return undefined; // a list written over several lines: leave it to yaml
        }
      } else if (/:\s/.test(value) && !/^[|>]/.test(value)) {
        const at = line.text.indexOf(value);
        const key = parsed.key;
        return {
          offset: line.offset + at,
          length: value.length,
          detail: `texten innehåller ett kolon följt av mellanslag, som läses som början på en ny nyckel. Skriv texten inom citattecken: ${key}: "${value.replace(/"/g, '\\"')}"`,
        };
      }
    } else if (parsed.dashes > 0 && value === "") {
      opener = { col: parsed.col - 2, key: "-" };
    }
  }
  return undefined;
}

function closes(value: string): boolean {
  const q = value[0]!;
  const body = value.slice(1);
  return q === "'" ? /'(?!')/.test(body.replace(/''/g, "")) : /(^|[^\\])(\\\\)*"/.test(body);
}

function unbalanced(value: string): { bracket: "[" | "{"; index: number } | undefined {
  const open: { bracket: "[" | "{"; index: number }[] = [];
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (c === "[" || c === "{") open.push({ bracket: c, index: i });
    else if ((c === "]" || c === "}") && open.length > 0) open.pop();
  }
  return open[0];
}
