// Finds the fields a template names that its context does not have
// ({{f.finnsInte}}, {{round.nämd}}), before anything is rendered: Handlebars
// prints an empty string for a missing field, so without this a misspelt
// field would silently leave a gap in a paper.
//
// The template's AST (Handlebars' own parser) is walked with the stack of
// contexts Handlebars itself would have: {{#each list}} and {{#with obj}}
// step into an item or object, {{#if}} and {{#unless}} do not (so ../ from
// inside an {{#if}} in an {{#each}} reaches the context outside the each, as
// in Handlebars 4), block parameters (`as |item i|`) name the item and its
// index, @index/@first/@last/@key/@root are known, and a partial is checked
// where it is called, with the caller's context and the hash arguments any
// call of it passes. What a field is comes from compose/context.ts.
//
// The same walk collects requirements: a field that may be missing (optional
// in the round file) and that a template prints, or goes through with
// {{#each}}, without testing it first with {{#if}}, {{#unless}}, {{#with}} or
// {{#each}}. check/wording.ts holds them against the round for the documents
// it makes, so a round needs exactly what its papers print.
import { closest, distance } from "fastest-levenshtein";
import { isList, isObject, type FieldNode, type ObjectNode } from "../compose/context.js";

export interface HbsLoc {
  start: { line: number; column: number };
  end: { line: number; column: number };
}

interface PathNode {
  type: "PathExpression";
  original: string;
  parts: string[];
  depth: number;
  data: boolean;
  loc: HbsLoc;
}

interface HbsNode {
  type: string;
  loc?: HbsLoc;
  path?: HbsNode;
  name?: HbsNode;
  params?: HbsNode[];
  hash?: { pairs: { key: string; value: HbsNode }[] };
  body?: HbsNode[];
  program?: HbsNode & { blockParams?: string[] };
  inverse?: HbsNode;
  original?: unknown;
}

/** A field a template names that its context lacks, where it stands and what is wrong. */
export interface UnknownField {
  /** The template (a name in the set, or a label for a dokument.yaml value) whose text holds the field. */
  where: string;
  loc: HbsLoc;
  /** The Swedish detail for mall-fel: "fältet f.lum.sökd finns inte (menade du f.lum.sökt?)". */
  detalj: string;
}

/** What Handlebars knows a template by: its AST, and the set's partials by name. */
export interface TemplateSources {
  /** Parses a partial of the set, or undefined when the set has none by that name (reported elsewhere). */
  partial: (name: string) => { ast: HbsNode; where: string } | undefined;
  /** Every hash key any call in the set passes to a partial, by partial name. */
  partialParameters: Map<string, Set<string>>;
}

/** Helpers and built-ins a bare {{name}} may call instead of naming a field. */
type Known = ReadonlySet<string>;

/** A context on Handlebars' stack: a described field, or one whose shape is not known (anything goes below it). */
type Scope = FieldNode | "okänd";

/** A context with where it stands from the root ("round", "anmälningsärenden", "[]"); undefined path when not known (a hash argument). */
interface Ctx {
  node: Scope;
  path: string[] | undefined;
}

interface Frame {
  /** The contexts, innermost last; ../ steps back one. */
  stack: Ctx[];
  /** Block parameters in reach. */
  blockParams: Map<string, Ctx>;
  root: ObjectNode;
  /** Fields tested before this text is written ({{#if x}}, {{#with x}}, {{#each x}}), as joined paths from the root. */
  guards: readonly string[];
}

/**
 * A field a template prints without first testing that it is there: the
 * part of its path that may be missing (`round.dnr`,
 * `round.anmälningsärenden.[].dnr`), and where the field is written. A
 * round that makes the document must have it (see check/wording.ts).
 */
export interface Requirement {
  /** From the root: "round", "dnr"; "[]" stands for every item of a list. */
  path: string[];
  /** The field that may be missing. */
  node: FieldNode;
  where: string;
  loc: HbsLoc;
}

const NUMBER: FieldNode = { doc: "", typ: "heltal" };
const BOOLEAN: FieldNode = { doc: "", typ: "sant/falskt" };
const TEXT: FieldNode = { doc: "", typ: "text" };

/** Handlebars' data variables: @index in an each, @root anywhere. */
const DATA = new Map<string, Scope>([
  ["index", NUMBER],
  ["first", BOOLEAN],
  ["last", BOOLEAN],
  ["key", TEXT],
  ["level", NUMBER],
]);

/**
 * Every field a template names that `context` does not have, with a
 * suggestion of the nearest one. `known` is every helper name (a bare
 * {{sida}} is a helper, not a field).
 */
export function unknownFields(
  ast: unknown,
  where: string,
  context: ObjectNode,
  known: Known,
  sources: TemplateSources,
  requirements?: Requirement[],
): UnknownField[] {
  const found: UnknownField[] = [];
  const seen = new Set<string>();
  const visiting = new Set<string>();
  const report = (w: string, loc: HbsLoc, detalj: string) => {
    const key = `${w}:${loc.start.line}:${loc.start.column}`;
    if (seen.has(key)) return;
    seen.add(key);
    found.push({ where: w, loc, detalj });
  };

  /**
   * The field a path names, or undefined after reporting it. `printed`: the
   * text uses the value (not only tests it), so a part that may be missing
   * and is not tested first is a requirement.
   */
  const resolve = (path: PathNode, frame: Frame, w: string, printed = true): Ctx | undefined => {
    let node: Scope;
    let abs: string[] | undefined;
    let parts = path.parts;
    // How the field is written up to the part being looked at: "@root.", "../", "post." for a block parameter post.
    let prefix: string;
    if (path.data) {
      const [first, ...rest] = parts;
      if (first !== "root") {
        const data = DATA.get(first ?? "");
        if (data === undefined) report(w, path.loc, missing(`@${first}`, [...DATA.keys(), "root"].map((k) => `@${k}`)));
        return data === undefined ? undefined : { node: data, path: undefined };
      }
      node = frame.root;
      abs = [];
      parts = rest;
      prefix = "@root.";
    } else if (path.depth === 0 && parts.length > 0 && frame.blockParams.has(parts[0]!) && !/^(this|\.)(\/|\.|$)/.test(path.original)) {
      ({ node, path: abs } = frame.blockParams.get(parts[0]!)!);
      prefix = `${parts[0]}.`;
      parts = parts.slice(1);
    } else {
      const index = frame.stack.length - 1 - path.depth;
      if (index < 0) {
        report(w, path.loc, `${path.original} går utanför mallen: det finns inte så många ../ att gå tillbaka`);
        return undefined;
      }
      ({ node, path: abs } = frame.stack[index]!);
      prefix = "../".repeat(path.depth);
    }
    const done: string[] = [];
    let needs: { path: string[]; node: FieldNode } | undefined;
    for (const part of parts) {
      if (node === "okänd") return { node, path: undefined };
      const next = child(node, part);
      const name = prefix + [...done, part].join(".");
      if (next === undefined) {
        if (isObject(node)) {
          const options = Object.keys(node.fält).map((k) => prefix + [...done, k].join("."));
          report(w, path.loc, missing(name, options));
        } else {
          report(w, path.loc, `fältet ${name} finns inte: ${prefix + done.join(".") || "det"} är ${kindOf(node)}`);
        }
        return undefined;
      }
      node = next;
      done.push(part);
      if (abs) abs = [...abs, /^\d+$/.test(part) ? "[]" : part];
      // The first part that may be missing, unless a test ({{#if}} on it or on a field below it) comes first.
      if (needs === undefined && abs && node !== "okänd" && node.valfri) {
        const here = abs.join(".");
        if (!frame.guards.some((g) => g === here || g.startsWith(`${here}.`))) needs = { path: abs, node };
      }
    }
    if (printed && needs && requirements) requirements.push({ ...needs, where: w, loc: path.loc });
    return { node, path: abs };
  };

  /** The context a block's body runs in: each steps into an item, with into an object. */
  const blockContext = (helper: string, param: Ctx | undefined): Ctx | undefined => {
    if (param === undefined) return undefined;
    if (param.node === "okänd") return { node: "okänd", path: undefined };
    if (helper === "each") return isList(param.node) ? { node: param.node.lista, path: param.path && [...param.path, "[]"] } : { node: "okänd", path: undefined };
    if (helper === "with") return param;
    return undefined;
  };

  const walkExpression = (n: HbsNode | undefined, frame: Frame, w: string, printed = true): Ctx | undefined => {
    if (!n) return undefined;
    if (n.type === "PathExpression") return resolve(n as unknown as PathNode, frame, w, printed);
    if (n.type === "SubExpression") {
      for (const p of n.params ?? []) walkExpression(p, frame, w);
      for (const pair of n.hash?.pairs ?? []) walkExpression(pair.value, frame, w);
    }
    return { node: "okänd", path: undefined }; // a literal, or what a helper returns
  };

  const walk = (node: HbsNode | HbsNode[] | undefined, frame: Frame, w: string): void => {
    if (!node) return;
    if (Array.isArray(node)) return node.forEach((n) => walk(n, frame, w));
    switch (node.type) {
      case "Program":
        return walk(node.body, frame, w);
      case "MustacheStatement": {
        const path = node.path as unknown as PathNode | undefined;
        const called = (node.params?.length ?? 0) > 0 || (node.hash?.pairs.length ?? 0) > 0;
        if (path?.type === "PathExpression" && !called) {
          // {{sida}}: a helper when one has the name (unknown helpers with arguments are reported elsewhere).
          if (!(path.parts.length === 1 && !path.data && path.depth === 0 && known.has(path.parts[0]!))) resolve(path, frame, w);
        } else if ((node.path as HbsNode | undefined)?.type === "SubExpression") walkExpression(node.path, frame, w);
        for (const p of node.params ?? []) walkExpression(p, frame, w);
        for (const pair of node.hash?.pairs ?? []) walkExpression(pair.value, frame, w);
        return;
      }
      case "BlockStatement": {
        const path = node.path as unknown as PathNode;
        const helper = path.type === "PathExpression" && path.parts.length === 1 ? path.parts[0]! : "";
        // {{#if x}}, {{#unless x}} and {{#with x}} test x: it need not be there. {{#each x}} prints
        // x's items (a list of signatories, of criteria), so x is needed unless tested first.
        const tests = helper === "if" || helper === "unless" || helper === "each" || helper === "with";
        const params = (node.params ?? []).map((p) => walkExpression(p, frame, w, !tests || helper === "each"));
        for (const pair of node.hash?.pairs ?? []) walkExpression(pair.value, frame, w);
        // {{#list}}…{{/list}}: a section over a field rather than a helper.
        const section = !known.has(helper) && (node.params?.length ?? 0) === 0 ? resolve(path, frame, w, false) : undefined;
        const inner =
          section !== undefined
            ? section.node !== "okänd" && isList(section.node)
              ? { node: section.node.lista, path: section.path && [...section.path, "[]"] }
              : section
            : blockContext(helper, params[0]);
        const tested = tests || section !== undefined ? (params[0] ?? section)?.path?.join(".") : undefined;
        const program = node.program;
        if (program) {
          const blockParams = new Map(frame.blockParams);
          const names = program.blockParams ?? [];
          if (names[0] !== undefined) blockParams.set(names[0], inner ?? { node: "okänd", path: undefined });
          if (names[1] !== undefined) blockParams.set(names[1], { node: helper === "each" ? NUMBER : "okänd", path: undefined });
          const guards = tested !== undefined && helper !== "unless" ? [...frame.guards, tested] : frame.guards;
          walk(program, { ...frame, stack: inner !== undefined ? [...frame.stack, inner] : frame.stack, blockParams, guards }, w);
        }
        // {{else}} runs in the context outside the block (after {{#unless x}}, when x is there).
        walk(node.inverse, { ...frame, guards: tested !== undefined && helper === "unless" ? [...frame.guards, tested] : frame.guards }, w);
        return;
      }
      case "PartialStatement":
      case "PartialBlockStatement": {
        const name = (node.name as unknown as PathNode | undefined)?.original;
        const param = node.params?.[0] ? walkExpression(node.params[0], frame, w) : undefined;
        // What this call passes: {{> beslutspunkter f=beslut}} gives the partial a field f that is beslut.
        const passed = new Map<string, Scope>();
        for (const pair of node.hash?.pairs ?? []) passed.set(pair.key, walkExpression(pair.value, frame, w)?.node ?? "okänd");
        if (node.type === "PartialBlockStatement") walk(node.program, frame, w);
        if (typeof name !== "string") return;
        const partial = sources.partial(name);
        if (!partial) return;
        // The partial's context: the argument, or the caller's, with what this call passes laid over it
        // (as Handlebars does); a key only other calls pass is the caller's field of that name, or absent.
        const base = param ?? frame.stack[frame.stack.length - 1]!;
        const keys = sources.partialParameters.get(name) ?? new Set<string>();
        const context: Ctx = keys.size === 0 || base.node === "okänd" || !isObject(base.node) ? base : { node: withParameters(base.node, keys, passed), path: base.path };
        const stack = param !== undefined || keys.size > 0 ? [...frame.stack, context] : frame.stack;
        const key = `${name}|${stack.length}|${JSON.stringify(scopeId(context.node))}|${frame.guards.join(",")}`;
        if (visiting.has(key)) return;
        visiting.add(key);
        walk(partial.ast, { ...frame, stack, blockParams: new Map() }, partial.where);
        visiting.delete(key);
        return;
      }
      default:
        return;
    }
  };

  walk(ast as HbsNode, { stack: [{ node: context, path: [] }], blockParams: new Map(), root: context, guards: [] }, where);
  return found;
}

const scopeIds = new WeakMap<object, number>();
let nextId = 0;
/** A small identity for a scope, so a partial is walked once per distinct context (and a partial that calls itself ends). */
function scopeId(s: Scope): number | string {
  if (s === "okänd") return s;
  let id = scopeIds.get(s);
  if (id === undefined) scopeIds.set(s, (id = ++nextId));
  return id;
}

const parameterCache = new WeakMap<object, Map<string, ObjectNode>>();
function withParameters(base: ObjectNode, keys: Set<string>, passed: Map<string, Scope>): ObjectNode {
  const k = [...keys]
    .sort()
    .map((key) => `${key}=${passed.has(key) ? scopeId(passed.get(key)!) : "-"}`)
    .join("\0");
  let m = parameterCache.get(base);
  if (!m) parameterCache.set(base, (m = new Map()));
  let node = m.get(k);
  if (!node) {
    // "okänd" (anything goes below it) stands where the shape is not known: a literal, a helper's result, a key this call leaves out.
    const argument = (key: string) => passed.get(key) ?? base.fält[key] ?? "okänd";
    node = { ...base, fält: { ...base.fält, ...Object.fromEntries([...keys].map((key) => [key, argument(key) as FieldNode])) } };
    m.set(k, node);
  }
  return node;
}

/** The field `part` of a node: a named field, a list's item by number, or a list's or text's length. */
function child(node: FieldNode, part: string): Scope | undefined {
  if (isObject(node)) return Object.hasOwn(node.fält, part) ? node.fält[part] : undefined;
  if (isList(node)) {
    if (/^\d+$/.test(part)) return node.lista;
    if (part === "length") return NUMBER;
    return undefined;
  }
  if (node.typ === "text eller lista") return "okänd";
  if ((node.typ === "text" || node.typ === "datum") && part === "length") return NUMBER;
  return undefined;
}

function kindOf(node: FieldNode): string {
  if (isList(node)) return "en lista; gå igenom den med {{#each …}}";
  if (isObject(node)) return "ett fält med underfält";
  return `ett värde (${node.typ}) utan underfält`;
}

/** "fältet f.lum.sökd finns inte (menade du f.lum.sökt?)", when a field is near. */
function missing(name: string, options: string[]): string {
  const near = options.length > 0 ? closest(name, options) : undefined;
  const close = near !== undefined && distance(name, near) <= Math.max(2, Math.floor(lastPart(name).length / 3));
  return `fältet ${name} finns inte${close ? ` (menade du ${near}?)` : ""}`;
}

const lastPart = (s: string) => s.split(".").at(-1) ?? s;
