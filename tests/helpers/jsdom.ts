// jsdom, loaded so that it works beside pdfjs-dist in one test worker.
// pdfjs-dist's legacy build puts a polyfilled `Iterator` on the global object
// (Node 20 has none). jsdom lists, when its module is first evaluated, the
// JavaScript globals present on Node's global object and later reads each of
// them inside every window's own context (a fresh realm, where Node 20 has no
// `Iterator`), which throws. So the polyfill is hidden while jsdom's module
// is evaluated; jsdom then leaves `Iterator` to each window's own realm.
// Every test imports jsdom through this module, never directly.
import { runInNewContext } from "node:vm";

const global = globalThis as { Iterator?: unknown };
const realmHasIterator = runInNewContext("typeof Iterator") !== "undefined";
const polyfill = Object.getOwnPropertyDescriptor(global, "Iterator");
if (!realmHasIterator && polyfill) delete global.Iterator;
const jsdom = await import("jsdom");
if (!realmHasIterator && polyfill) Object.defineProperty(global, "Iterator", polyfill);

export const { JSDOM, VirtualConsole } = jsdom;
