// The preview server: watches rounds/ and templates/, rebuilds a changed
// round's HTML edition in this process, serves it on 127.0.0.1 and tells
// open pages to reload (server-sent events) when a build finishes. It only
// reads: nothing is written to out/ (or anywhere), so a broken file can
// never change the documents there.
//
// Node's own http and fs.watch are enough here: the server answers a handful
// of paths for one person on this machine, and the folders watched are small.
import { watch, type FSWatcher } from "node:fs";
import { readdir } from "node:fs/promises";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { basename, join, relative } from "node:path";
import { forgetTemplates, TEMPLATE_ROOT } from "../compose/compose.js";
import { INDEX_HTML } from "../write/html/edition.js";
import { errorPage, EVENTS_PATH, LAST_GOOD, notFoundPage, overviewPage, withPreview, type FileStatus } from "./pages.js";
import { cachingLoader } from "./load-cache.js";
import { renderPreview } from "./render.js";

export interface PreviewOptions {
  /** The working folder, with rounds/ in it. */
  cwd: string;
  /** 0 picks a free port. */
  port: number;
  host?: string;
  templateRoot?: string;
  /** One line per event, in Swedish, for the terminal. */
  log: (line: string) => void;
  /** Aborted (Ctrl-C) while starting: the start stops after the build under way, closes what it opened and throws the abort. */
  signal?: AbortSignal;
  /** Answers requests before the preview does (the editor, src/editor/), once the Host header is allowed; false leaves a request to the preview. */
  handle?: (request: IncomingMessage, response: ServerResponse) => boolean;
}

/** What a finished build reports, to the terminal and to listeners (the bench, the tests). */
export interface BuildEvent {
  stem: string;
  ok: boolean;
  milliseconds: number;
}

export interface Preview {
  url: string;
  /** Called after every build, once its pages are served. */
  onBuild: (listener: (event: BuildEvent) => void) => void;
  /** The documents of a round file as last built (path and title); none while it has never built. */
  documents: (stem: string) => { path: string; title: string }[];
  close: () => Promise<void>;
}

interface RoundEntry extends FileStatus {
  path: string;
  year: number | undefined;
  pages: Map<string, () => Uint8Array>;
  lastGood: Map<string, () => Uint8Array>;
}

const ROUND_FILE = /\.ya?ml$/;
/** Editors save in bursts (write, rename, touch); one build follows the last event of a burst. */
const SETTLE_MS = 30;
/** How long the build of next year's round waits after this year's (the reloaded page is asked for in the meantime). */
const FOLLOW_MS = 300;

export async function startPreview(options: PreviewOptions): Promise<Preview> {
  const roundsDir = join(options.cwd, "rounds");
  const templateRoot = options.templateRoot ?? TEMPLATE_ROOT;
  const entries = new Map<string, RoundEntry>();
  const listeners: ((event: BuildEvent) => void)[] = [];
  const clients = new Set<ServerResponse>();
  const load = cachingLoader();

  const shownOf = (path: string) => {
    const shown = relative(options.cwd, path);
    return shown.startsWith("..") ? path : shown;
  };

  async function build(stem: string): Promise<void> {
    const entry = entries.get(stem);
    if (!entry) {
      // The file was removed or renamed: open pages reload, and the overview no longer lists it.
      for (const client of clients) client.write(`event: byggt\ndata: ${stem}\n\n`);
      return;
    }
    const start = performance.now();
    let ok = false;
    try {
      const result = await renderPreview(entry.path, entry.shown, options.cwd, options.templateRoot, load);
      entry.diagnostics = result.diagnostics;
      if (result.ok) {
        ok = true;
        entry.state = "ok";
        entry.failure = undefined;
        entry.year = result.year;
        entry.pages = result.pages;
        entry.lastGood = result.pages;
        entry.hasLastGood = true;
        entry.documents = result.documents;
      } else {
        entry.state = "fel";
        entry.failure = result.failure;
        entry.pages = new Map();
      }
    } catch (error) {
      // A bug in the tool, not a mistake in the file: said in the page and the terminal, and the server goes on.
      entry.state = "fel";
      entry.diagnostics = [];
      entry.failure = `Internt fel i verktyget (inte i omgångsfilen): ${error instanceof Error ? error.message : String(error)}`;
      entry.pages = new Map();
    }
    const milliseconds = performance.now() - start;
    for (const client of clients) client.write(`event: byggt\ndata: ${stem}\n\n`);
    const errors = entry.diagnostics.filter((d) => d.severity === "fel").length;
    options.log(
      ok
        ? `${entry.shown}: byggd på ${milliseconds.toFixed(0)} ms.`
        : `${entry.shown}: ${errors > 0 ? `${errors} fel` : (entry.failure ?? "fel")} – sidan visar ${errors > 0 ? "felen" : "felet"}.`,
    );
    for (const listener of listeners) listener({ stem, ok, milliseconds });
  }

  /** Adds the round files that appeared and drops those that went; returns the stems now present. */
  async function scan(): Promise<string[]> {
    const names = (await readdir(roundsDir).catch(() => [] as string[])).filter((n) => ROUND_FILE.test(n)).sort();
    const stems = names.map((n) => basename(n).replace(ROUND_FILE, ""));
    for (const stem of [...entries.keys()]) if (!stems.includes(stem)) entries.delete(stem);
    names.forEach((name, i) => {
      const stem = stems[i]!;
      if (entries.has(stem)) return;
      const path = join(roundsDir, name);
      entries.set(stem, {
        stem,
        path,
        shown: shownOf(path),
        state: "bygger",
        diagnostics: [],
        failure: undefined,
        documents: [],
        hasLastGood: false,
        year: undefined,
        pages: new Map(),
        lastGood: new Map(),
      });
    });
    return stems;
  }

  // Builds run one at a time, in the order asked; a stem asked for twice while waiting is built once.
  // `draining` is set and cleared inside drain() itself, synchronously around
  // its loop: a save that arrives while a build runs is picked up by the loop,
  // and one that arrives after the loop has ended starts a new drain. (Before,
  // `running ??= (async () => {…; running = undefined})()` left `running` set
  // for good when the queue was empty on entry, and no save was built again.)
  const queue: string[] = [];
  const followers = new Set<string>();
  let followTimer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  let draining = false;
  async function drain(): Promise<void> {
    draining = true;
    try {
      while (queue.length > 0 && !options.signal?.aborted) {
        const stem = queue.shift()!;
        await build(stem);
        // Next year's checks read this year's round: it is built again, a
        // moment later, so that the reloading page is served first.
        const year = entries.get(stem)?.year;
        const next = [...entries.values()].find((e) => year !== undefined && e.year === year + 1);
        if (next && !queue.includes(next.stem)) followers.add(next.stem);
        if (queue.length === 0 && followers.size > 0) {
          clearTimeout(followTimer);
          followTimer = setTimeout(() => {
            const stems = [...followers];
            followers.clear();
            enqueue(stems);
          }, FOLLOW_MS);
        }
      }
    } finally {
      draining = false;
    }
  }
  function enqueue(stems: string[]): void {
    for (const s of stems) if (!queue.includes(s)) queue.push(s);
    if (!draining && queue.length > 0) running = drain();
  }

  const changed = new Set<string>();
  let templatesChanged = false;
  let timer: NodeJS.Timeout | undefined;
  function settle(): void {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const stems = await scan();
      if (templatesChanged) {
        forgetTemplates();
        templatesChanged = false;
        changed.clear();
        enqueue(stems);
      } else {
        // A stem no longer present is "built" too: that tells open pages it went.
        const wanted = [...changed];
        changed.clear();
        enqueue(wanted);
      }
    }, SETTLE_MS);
  }

  const watchers: FSWatcher[] = [
    watch(roundsDir, (_event, name) => {
      if (name && ROUND_FILE.test(name)) {
        changed.add(basename(name).replace(ROUND_FILE, ""));
        settle();
      }
    }),
    watch(templateRoot, { recursive: true }, () => {
      templatesChanged = true;
      settle();
    }),
  ];

  /** The Host headers answered: 127.0.0.1:<port> and localhost:<port> (and the host asked for, when another). */
  let hosts: Set<string> | undefined;
  const allowedHosts = () => {
    if (hosts) return hosts;
    const { port } = server.address() as AddressInfo;
    hosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`, `${(options.host ?? "127.0.0.1").toLowerCase()}:${port}`]);
    return hosts;
  };

  const server = createServer((request, response) => {
    try {
      // Only this machine's own names for the server are answered, by the
      // editor and the preview alike: a page on another site that points its
      // own name at 127.0.0.1 (DNS rebinding) sends its own name as Host, and
      // gets nothing.
      if (!allowedHosts().has((request.headers.host ?? "").toLowerCase())) {
        response.writeHead(421, { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" });
        return void response.end("Förhandsgranskningen svarar bara på adresserna 127.0.0.1 och localhost.\n");
      }
      if (options.handle?.(request, response)) return;
      respond(request, response);
    } catch (error) {
      response.writeHead(500, { "content-type": "text/plain; charset=utf-8" });
      response.end(`Internt fel i förhandsgranskningen: ${error instanceof Error ? error.message : String(error)}`);
    }
  });

  function send(response: ServerResponse, status: number, body: Uint8Array | string): void {
    response.writeHead(status, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
    response.end(body);
  }

  function respond(request: IncomingMessage, response: ServerResponse): void {
    const url = new URL(request.url ?? "/", "http://127.0.0.1");
    let path: string;
    try {
      path = decodeURIComponent(url.pathname);
    } catch {
      return send(response, 404, notFoundPage(url.pathname));
    }
    if (path === EVENTS_PATH) {
      response.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-store", connection: "keep-alive" });
      response.write("retry: 500\n\n");
      clients.add(response);
      request.on("close", () => clients.delete(response));
      return;
    }
    if (path === "/") return send(response, 200, overviewPage([...entries.values()]));
    const [, stem = "", ...rest] = path.split("/");
    const entry = entries.get(stem);
    if (!entry) return send(response, 404, notFoundPage(path));
    if (rest.length === 0) {
      response.writeHead(301, { location: `/${encodeURIComponent(stem)}/` });
      return void response.end();
    }
    const lastGood = rest[0] === LAST_GOOD;
    const name = (lastGood ? rest.slice(1) : rest).join("/") || INDEX_HTML;
    if (!lastGood && entry.state === "fel") return send(response, 200, errorPage(entry, name === INDEX_HTML ? "" : name));
    // Mended: the last good version is the current one, under its own address.
    if (lastGood && entry.state === "ok") {
      response.writeHead(302, { location: `/${encodeURIComponent(stem)}/${name === INDEX_HTML ? "" : encodeURI(name)}` });
      return void response.end();
    }
    const write = (lastGood ? entry.lastGood : entry.pages).get(name);
    if (!write) return send(response, 404, notFoundPage(path));
    send(response, 200, withPreview(write(), entry, lastGood));
  }

  try {
    enqueue(await scan());
    await running;
    options.signal?.throwIfAborted();
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(options.port, options.host ?? "127.0.0.1", () => {
        server.off("error", reject);
        resolve();
      });
    });
  } catch (error) {
    // Stopped (or refused a port) while starting: nothing is left watching.
    clearTimeout(timer);
    clearTimeout(followTimer);
    for (const w of watchers) w.close();
    throw error;
  }
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://${options.host ?? "127.0.0.1"}:${port}/`,
    onBuild: (listener) => listeners.push(listener),
    documents: (stem) => (entries.get(stem)?.documents ?? []).map(({ path, title }) => ({ path, title })),
    close: async () => {
      clearTimeout(timer);
      clearTimeout(followTimer);
      for (const w of watchers) w.close();
      for (const client of clients) client.end();
      clients.clear();
      await running;
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
