// How the report looks: in a terminal (optionally with ANSI colour) or as
// Markdown for a pull request. The report is written once, against this
// interface; a style only decides the marks around the words.

import { visible } from "../terminal.js";

export type Align = "left" | "right";

export interface Style {
  kind: "terminal" | "markdown";
  /** Level 1 is the report's title. */
  heading(level: 1 | 2 | 3, text: string): string[];
  /** One list item; `depth` 0 is the outermost. Continuation lines are not wrapped. */
  item(depth: number, text: string): string;
  /** A line of plain prose. */
  line(text: string): string;
  table(header: string[], rows: string[][], align: Align[]): string[];
  /** User text (project names, reasons) made safe for the format. */
  esc(text: string): string;
  del(text: string): string;
  ins(text: string): string;
  strong(text: string): string;
  /** A file name or revision, as code. */
  code(text: string): string;
}

const ANSI = { bold: "\u001b[1m", red: "\u001b[31;9m", green: "\u001b[32m", reset: "\u001b[0m" };

/** Display width of a line: code points, ANSI codes left out. */
function width(s: string): number {
  // eslint-disable-next-line no-control-regex
  return [...s.replace(/\u001b\[[0-9;]*m/g, "")].length;
}

function pad(s: string, n: number, align: Align): string {
  const fill = " ".repeat(Math.max(0, n - width(s)));
  return align === "right" ? fill + s : s + fill;
}

/** Moves leading and trailing white space outside the marks, so `**x**` stays valid Markdown. */
function wrap(text: string, open: string, close: string): string {
  const m = /^(\s*)([\s\S]*?)(\s*)$/.exec(text)!;
  return m[2] === "" ? text : `${m[1]}${open}${m[2]}${close}${m[3]}`;
}

export function terminalStyle(colour: boolean): Style {
  const paint = (code: string, text: string) => (colour ? wrap(text, code, ANSI.reset) : text);
  return {
    kind: "terminal",
    heading(level, text) {
      if (level === 1) return [paint(ANSI.bold, text), "=".repeat(width(text))];
      if (level === 2) return [paint(ANSI.bold, text), "-".repeat(width(text))];
      return [paint(ANSI.bold, text)];
    },
    item: (depth, text) => `${"  ".repeat(depth + 1)}${depth === 0 ? "•" : "–"} ${text}`,
    line: (text) => text,
    table(header, rows, align) {
      const all = [header, ...rows];
      const widths = header.map((_, c) => Math.max(...all.map((r) => width(r[c] ?? ""))));
      const render = (row: string[]) =>
        `  ${row.map((cell, c) => pad(cell, widths[c]!, align[c] ?? "left")).join("  ")}`.trimEnd();
      return [paint(ANSI.bold, render(header)), ...rows.map(render)];
    },
    esc: (text) => visible(text),
    del: (text) => (colour ? paint(ANSI.red, text) : wrap(text, "[-", "-]")),
    ins: (text) => (colour ? paint(ANSI.green, text) : wrap(text, "{+", "+}")),
    strong: (text) => paint(ANSI.bold, text),
    code: (text) => text,
  };
}

export const markdownStyle: Style = {
  kind: "markdown",
  heading: (level, text) => [`${"#".repeat(level + 1)} ${text}`],
  item: (depth, text) => `${"  ".repeat(depth)}- ${text}`,
  line: (text) => text,
  table(header, rows, align) {
    const row = (cells: string[]) => `| ${cells.join(" | ")} |`;
    return [row(header), row(align.map((a) => (a === "right" ? "---:" : "---"))), ...rows.map(row)];
  },
  // Backslash-escape the characters that mean something inline in GitHub Markdown.
  esc: (text) => visible(text).replace(/[\\`*_~[\]<>|#]/g, "\\$&").replace(/\n/g, " "),
  // HTML tags rather than ~~ and **: they need no flanking white space, so a
  // change inside a word ("för~~_~~") still renders. GitHub keeps <del> and <ins>.
  del: (text) => wrap(text, "<del>", "</del>"),
  ins: (text) => wrap(text, "<ins>", "</ins>"),
  strong: (text) => wrap(text, "**", "**"),
  code: (text) => `\`${text.replace(/`/g, "")}\``,
};
