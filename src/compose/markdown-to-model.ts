// Turns the Markdown that a Handlebars template renders into the document
// model. Markdown is parsed by markdown-it with only the rules templates use
// (headings, lists, emphasis, escapes, line breaks); anything else stays
// literal text. Fenced containers (markdown-it-container) give templates the
// few things Markdown lacks:
//   ::::sidhuvud{sida=första|övriga}  with :::vänster / :::höger columns
//   :::::tabell{justering="v v h" bredd="2 5 2"} with ::::rubrik, ::::rad,
//        ::::summa rows of :::cell cells
//   ::::underskrifter with :::person blocks (one line per paragraph)
// plus a paragraph reading ::sidbrytning, and the page fields that the
// helpers {{sida}} and {{sidor}} write as private-use sentinels.
// (micromark with its directive extension did the same, ten times slower.)
import MarkdownIt from "markdown-it";
import container from "markdown-it-container";
type Token = ReturnType<ReturnType<typeof MarkdownIt>["parse"]>[number];
import type { Block, Cell, FurnitureColumns, Inline, TableColumn } from "../model/document.js";

/** What the {{sida}} and {{sidor}} helpers write; never present in escaped data. */
export const PAGE_FIELD = "\ue000";
export const PAGES_FIELD = "\ue001";

const CONTAINERS = ["sidhuvud", "vänster", "höger", "tabell", "rubrik", "rad", "summa", "cell", "underskrifter", "person"] as const;
type ContainerName = (typeof CONTAINERS)[number];

const markdown = MarkdownIt("zero").enable(["heading", "list", "emphasis", "escape", "newline"]);
for (const name of CONTAINERS) {
  markdown.use(container, name, {
    marker: ":",
    validate: (params: string) => new RegExp(`^${name}(\\{.*\\})?$`, "u").test(params.trim()),
  });
}

/** A mistake in a template: a developer's error, reported with the template's name. */
export class TemplateError extends Error {
  constructor(template: string, message: string, line?: number, options?: ErrorOptions) {
    super(`${template}${line ? `:${line}` : ""}: ${message}`, options);
    this.name = "TemplateError";
  }
}

export interface ComposedMarkdown {
  blocks: Block[];
  furniture: { first: FurnitureColumns | null; rest: FurnitureColumns | null };
}

/** A block-level node: a token with its children, rebuilt from markdown-it's flat stream. */
interface Node {
  token: Token;
  children: Node[];
}

function tree(tokens: Token[]): Node[] {
  const root: Node[] = [];
  const stack: Node[][] = [root];
  for (const token of tokens) {
    const node: Node = { token, children: [] };
    if (token.nesting === 1) {
      stack[stack.length - 1]!.push(node);
      stack.push(node.children);
    } else if (token.nesting === -1) {
      stack.pop();
    } else {
      stack[stack.length - 1]!.push(node);
    }
  }
  return root;
}

function attributes(info: string): Record<string, string> {
  const body = /\{(.*)\}\s*$/u.exec(info)?.[1] ?? "";
  const result: Record<string, string> = {};
  for (const m of body.matchAll(/([\p{L}\w]+)=(?:"([^"]*)"|(\S+))/gu)) result[m[1]!] = m[2] ?? m[3] ?? "";
  return result;
}

const containerName = (node: Node): ContainerName | undefined => {
  const m = /^container_(.+)_open$/u.exec(node.token.type);
  return m ? (m[1] as ContainerName) : undefined;
};

export function markdownToModel(source: string, templateName: string): ComposedMarkdown {
  const fail = (message: string, node?: Node): never => {
    throw new TemplateError(templateName, message, node?.token.map ? node.token.map[0] + 1 : undefined);
  };

  const inlines = (tokens: Token[]): Inline[] => {
    const stack: Inline[][] = [[]];
    const wrappers: ("emphasis" | "strong")[] = [];
    const push = (node: Inline) => stack[stack.length - 1]!.push(node);
    for (const t of tokens) {
      switch (t.type) {
        case "text":
          for (const part of t.content.split(/([\ue000\ue001])/u)) {
            if (part === PAGE_FIELD) push({ type: "field", field: "page" });
            else if (part === PAGES_FIELD) push({ type: "field", field: "pages" });
            else if (part !== "") push({ type: "text", value: part });
          }
          break;
        case "softbreak":
        case "hardbreak":
          push({ type: "text", value: " " });
          break;
        case "em_open":
        case "strong_open":
          wrappers.push(t.type === "em_open" ? "emphasis" : "strong");
          stack.push([]);
          break;
        case "em_close":
        case "strong_close": {
          const children = stack.pop()!;
          push({ type: wrappers.pop()!, children });
          break;
        }
        default:
          fail(`Markdown-elementet ${t.type} stöds inte i text`);
      }
    }
    return mergeText(stack[0]!);
  };

  const paragraphText = (node: Node): Inline[] => {
    const inline = node.children.find((c) => c.token.type === "inline");
    return trimInlines(inlines(inline?.token.children ?? []));
  };

  const paragraphs = (nodes: Node[], context: string): Inline[][] =>
    nodes.map((node) => (node.token.type === "paragraph_open" ? paragraphText(node) : fail(`${context} får bara innehålla stycken`, node)));

  const children = (node: Node, name: ContainerName): Node[] =>
    node.children.map((child) => (containerName(child) === name ? child : fail(`:::${containerName(node)} får bara innehålla :::${name}`, child)));

  const cells = (row: Node): Cell[] => children(row, "cell").map((cell) => paragraphs(cell.children, ":::cell"));

  const table = (node: Node): Block => {
    const attrs = attributes(node.token.info);
    const align = (attrs.justering ?? "").split(/\s+/).filter(Boolean);
    const weights = (attrs.bredd ?? "").split(/\s+/).filter(Boolean).map(Number);
    let header: Cell[] | null = null;
    let sum: Cell[] | null = null;
    const rows: Cell[][] = [];
    for (const row of node.children) {
      const name = containerName(row);
      if (name === "rubrik") header = cells(row);
      else if (name === "rad") rows.push(cells(row));
      else if (name === "summa") sum = cells(row);
      else fail(":::tabell får bara innehålla ::::rubrik, ::::rad och ::::summa", row);
    }
    if (!header) return fail("tabellen saknar ::::rubrik", node);
    const count = header.length;
    for (const row of [...rows, ...(sum ? [sum] : [])]) {
      if (row.length !== count) fail(`en tabellrad har ${row.length} celler men rubriken ${count}`, node);
    }
    if (align.length !== count || weights.length !== count || weights.some((w) => !(w > 0))) {
      fail(`tabellen ska ha justering och bredd för var och en av sina ${count} kolumner`, node);
    }
    const columns: TableColumn[] = align.map((a, i) => ({ align: a === "h" ? "right" : "left", weight: weights[i]! }));
    return { type: "table", columns, header, rows, sum };
  };

  const columns = (node: Node): FurnitureColumns => {
    const result: FurnitureColumns = { left: [], right: [] };
    for (const child of node.children) {
      const name = containerName(child);
      if (name === "vänster") result.left = paragraphs(child.children, ":::vänster");
      else if (name === "höger") result.right = paragraphs(child.children, ":::höger");
      else fail("::::sidhuvud får bara innehålla :::vänster och :::höger", child);
    }
    return result;
  };

  const plainText = (line: Inline[]) => line.map((i) => (i.type === "text" ? i.value : "")).join("");

  const result: ComposedMarkdown = { blocks: [], furniture: { first: null, rest: null } };
  for (const node of tree(markdown.parse(source, {}))) {
    const t = node.token;
    const name = containerName(node);
    if (t.type === "heading_open") {
      const level = Math.min(Number(t.tag.slice(1)), 3) as 1 | 2 | 3;
      result.blocks.push({ type: "heading", level, children: paragraphText(node) });
    } else if (t.type === "paragraph_open") {
      const children = paragraphText(node);
      // Judged on the source, so an escaped "\:\:sidbrytning" from data stays text.
      const source = node.children.find((c) => c.token.type === "inline")?.token.content.trim();
      if (source === "::sidbrytning") result.blocks.push({ type: "pageBreak" });
      else result.blocks.push({ type: "paragraph", children });
    } else if (t.type === "bullet_list_open" || t.type === "ordered_list_open") {
      const ordered = t.type === "ordered_list_open";
      const marker = ordered ? "number" : t.markup === "*" ? "bullet" : "dash";
      const items = node.children.map((item) => {
        const parts = paragraphs(item.children, "en listpunkt");
        return parts.flatMap((p, i) => (i === 0 ? p : [{ type: "text", value: " " } as Inline, ...p]));
      });
      result.blocks.push({ type: "list", marker, start: ordered ? Number(t.attrGet("start") ?? 1) : 1, items });
    } else if (name === "tabell") {
      result.blocks.push(table(node));
    } else if (name === "underskrifter") {
      const signatories = children(node, "person").map((person) => paragraphs(person.children, ":::person").map(plainText));
      result.blocks.push({ type: "signatures", signatories });
    } else if (name === "sidhuvud") {
      const which = attributes(t.info).sida ?? "övriga";
      if (which === "första") result.furniture.first = columns(node);
      else if (which === "övriga") result.furniture.rest = columns(node);
      else fail(`::::sidhuvud{sida=${which}} ska vara sida=första eller sida=övriga`, node);
    } else {
      fail(`${name ? `:::${name}` : `Markdown-elementet ${t.type}`} stöds inte här`, node);
    }
  }
  return result;
}

/** Joins neighbouring text nodes, so a writer sees one run per stretch of plain text. */
function mergeText(nodes: Inline[]): Inline[] {
  const out: Inline[] = [];
  for (const node of nodes) {
    const last = out[out.length - 1];
    if (node.type === "text" && last?.type === "text") out[out.length - 1] = { type: "text", value: last.value + node.value };
    else out.push(node);
  }
  return out;
}

/** Drops leading/trailing spaces that line breaks in templates leave behind. */
function trimInlines(nodes: Inline[]): Inline[] {
  const out = nodes.filter((n) => !(n.type === "text" && n.value === ""));
  const first = out[0];
  if (first?.type === "text") out[0] = { ...first, value: first.value.replace(/^\s+/, "") };
  const last = out[out.length - 1];
  if (last?.type === "text") out[out.length - 1] = { ...last, value: last.value.replace(/\s+$/, "") };
  return out.filter((n) => !(n.type === "text" && n.value === ""));
}
