// Turns the Markdown that a Handlebars template renders into the document
// model. Markdown is parsed by mdast-util-from-markdown with the generic
// directive extension, which gives templates the few things Markdown lacks:
//   ::::sidhuvud{sida=första|övriga}  with :::vänster / :::höger columns
//   :::::tabell{justering="v v h" bredd="2 5 2"} with ::::rubrik, ::::rad,
//        ::::summa rows of :::cell cells
//   :::underskrifter with :::person blocks (one line per paragraph)
//   ::sidbrytning, and the inline page fields :sida and :sidor.
import type { Nodes, PhrasingContent, RootContent } from "mdast";
import type { ContainerDirective } from "mdast-util-directive";
import { directiveFromMarkdown } from "mdast-util-directive";
import { fromMarkdown } from "mdast-util-from-markdown";
import { directive } from "micromark-extension-directive";
import type { Block, Cell, FurnitureColumns, Inline, TableColumn } from "../model/document.js";

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

export function markdownToModel(markdown: string, templateName: string): ComposedMarkdown {
  const tree = fromMarkdown(markdown, {
    extensions: [directive()],
    mdastExtensions: [directiveFromMarkdown()],
  });
  const fail = (message: string, node?: Nodes): never => {
    throw new TemplateError(templateName, message, node?.position?.start.line);
  };

  const inlines = (nodes: PhrasingContent[]): Inline[] =>
    nodes.flatMap((node): Inline[] => {
      switch (node.type) {
        case "text":
          return [{ type: "text", value: node.value.replace(/\s*\n\s*/g, " ") }];
        case "emphasis":
          return [{ type: "emphasis", children: inlines(node.children) }];
        case "strong":
          return [{ type: "strong", children: inlines(node.children) }];
        case "break":
          return [{ type: "text", value: " " }];
        case "textDirective":
          if (node.name === "sida") return [{ type: "field", field: "page" }];
          if (node.name === "sidor") return [{ type: "field", field: "pages" }];
          return fail(`okänt fält :${node.name}`, node);
        default:
          return fail(`Markdown-elementet ${node.type} stöds inte i text`, node);
      }
    });

  const paragraphs = (nodes: RootContent[], context: string): Inline[][] =>
    nodes.map((node) => (node.type === "paragraph" ? trimInlines(inlines(node.children)) : fail(`${context} får bara innehålla stycken`, node)));

  const children = (node: ContainerDirective, name: string): ContainerDirective[] =>
    node.children.map((child) =>
      child.type === "containerDirective" && child.name === name
        ? child
        : fail(`:::${node.name} får bara innehålla :::${name}`, child),
    );

  const cells = (row: ContainerDirective): Cell[] => children(row, "cell").map((cell) => paragraphs(cell.children, ":::cell"));

  const table = (node: ContainerDirective): Block => {
    const align = (node.attributes?.justering ?? "").split(/\s+/).filter(Boolean);
    const weights = (node.attributes?.bredd ?? "").split(/\s+/).filter(Boolean).map(Number);
    let header: Cell[] | null = null;
    let sum: Cell[] | null = null;
    const rows: Cell[][] = [];
    for (const child of node.children) {
      if (child.type !== "containerDirective") fail(":::tabell får bara innehålla ::::rubrik, ::::rad och ::::summa", child);
      const row = child as ContainerDirective;
      if (row.name === "rubrik") header = cells(row);
      else if (row.name === "rad") rows.push(cells(row));
      else if (row.name === "summa") sum = cells(row);
      else fail(`okänd tabellrad ::::${row.name}`, row);
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

  const columns = (node: ContainerDirective): FurnitureColumns => {
    const result: FurnitureColumns = { left: [], right: [] };
    for (const child of node.children) {
      if (child.type === "containerDirective" && child.name === "vänster") result.left = paragraphs(child.children, ":::vänster");
      else if (child.type === "containerDirective" && child.name === "höger") result.right = paragraphs(child.children, ":::höger");
      else fail("::::sidhuvud får bara innehålla :::vänster och :::höger", child);
    }
    return result;
  };

  const result: ComposedMarkdown = { blocks: [], furniture: { first: null, rest: null } };
  for (const node of tree.children) {
    switch (node.type) {
      case "heading":
        result.blocks.push({ type: "heading", level: Math.min(node.depth, 3) as 1 | 2 | 3, children: trimInlines(inlines(node.children)) });
        break;
      case "paragraph":
        result.blocks.push({ type: "paragraph", children: trimInlines(inlines(node.children)) });
        break;
      case "list": {
        const markerChar = node.position ? markdown[node.position.start.offset ?? 0] : "-";
        const marker = node.ordered ? "number" : markerChar === "*" ? "bullet" : "dash";
        const items = node.children.map((item) => {
          const parts = paragraphs(item.children, "en listpunkt");
          return parts.flatMap((p, i) => (i === 0 ? p : [{ type: "text", value: " " } as Inline, ...p]));
        });
        result.blocks.push({ type: "list", marker, start: node.start ?? 1, items });
        break;
      }
      case "containerDirective":
        if (node.name === "tabell") result.blocks.push(table(node));
        else if (node.name === "underskrifter") {
          const signatories = children(node, "person").map((person) =>
            paragraphs(person.children, ":::person").map((line) => line.map((i) => (i.type === "text" ? i.value : "")).join("")),
          );
          result.blocks.push({ type: "signatures", signatories });
        } else if (node.name === "sidhuvud") {
          const which = node.attributes?.sida ?? "övriga";
          if (which === "första") result.furniture.first = columns(node);
          else if (which === "övriga") result.furniture.rest = columns(node);
          else fail(`::::sidhuvud{sida=${which}} ska vara sida=första eller sida=övriga`, node);
        } else fail(`okänt block :::${node.name}`, node);
        break;
      case "leafDirective":
        if (node.name === "sidbrytning") result.blocks.push({ type: "pageBreak" });
        else fail(`okänt block ::${node.name}`, node);
        break;
      case "html":
        // HTML comments are template notes for developers; they produce nothing.
        if (!/^<!--[\s\S]*-->$/.test(node.value.trim())) fail("HTML stöds inte i mallar", node);
        break;
      default:
        fail(`Markdown-elementet ${node.type} stöds inte`, node);
    }
  }
  return result;
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
