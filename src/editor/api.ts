// The editor's part of the preview server: its page, its script, and the
// calls the page makes (the round's text, the checks on unsaved text,
// saving, versions). Everything under /redigera/ answers only a request
// for this machine's server by its own name (the Host header, against DNS
// rebinding), and everything but the script needs the random token printed
// at start; a call that changes something must also come from the editor's
// own page (the Origin header), so another site open in the browser can
// neither read a round nor write one.
import { randomBytes, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { exceptableRules } from "../diagnostics/catalogue.js";
import { MAX_FILE_BYTES } from "../load/load-round.js";
import { cachingLoader } from "../preview/load-cache.js";
import { register } from "../register/register.js";
import { roundJsonSchema } from "../schema/json-schema.js";
import { clientBundle } from "./bundle.js";
import { checkText } from "./check-text.js";
import { editorPage, type EditorSetup } from "./page.js";
import { ROUND_STEM, roundStore, StoreError, type RoundStore } from "./store.js";

export const EDITOR_PATH = "/redigera/";
export const TOKEN_HEADER = "x-redigera-nyckel";

export interface EditorOptions {
  cwd: string;
  /** The documents of a round as the preview last built them (path and title), for the list beside the preview. */
  documents: (stem: string) => { path: string; title: string }[];
  /** Fixed in tests; random otherwise. */
  token?: string;
}

export interface Editor {
  token: string;
  /** Answers the request if it is the editor's; false leaves it to the preview. */
  handle: (request: IncomingMessage, response: ServerResponse) => boolean;
  /** The editor's address on a server at `base` (http://127.0.0.1:port/), with the token. */
  url: (base: string, stem?: string) => string;
  store: RoundStore;
  /** Resolves when the page's script is bundled (it is bundled once, at start). */
  ready: Promise<void>;
}

/** Names this server answers to: the loopback address and localhost, on its own port. */
function hostAllowed(request: IncomingMessage): boolean {
  const port = request.socket.localPort;
  const host = request.headers.host;
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
}

function originAllowed(request: IncomingMessage): boolean {
  const origin = request.headers.origin;
  const port = request.socket.localPort;
  return origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`;
}

function json(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" });
  response.end(JSON.stringify(body));
}

function plain(response: ServerResponse, status: number, message: string): void {
  response.writeHead(status, { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" });
  response.end(message);
}

class TooLarge extends Error {}

async function body(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    // Room for a whole round file, JSON-escaped.
    if (size > 2 * MAX_FILE_BYTES) throw new TooLarge();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

export function createEditor(options: EditorOptions): Editor {
  const token = options.token ?? randomBytes(18).toString("base64url");
  const store = roundStore(options.cwd);
  const load = cachingLoader();
  let script: string | undefined;
  let scriptError: string | undefined;
  const ready = clientBundle().then(
    (code) => void (script = code),
    (error: unknown) => void (scriptError = error instanceof Error ? error.message : String(error)),
  );
  // Checks of one round run one at a time; a check asked for while another
  // waits replaces it (the text typed since makes the older one moot).
  const latest = new Map<string, number>();
  let chain: Promise<unknown> = Promise.resolve();

  const tokenOk = (given: string | null | undefined) => {
    if (!given) return false;
    const a = Buffer.from(given);
    const b = Buffer.from(token);
    return a.length === b.length && timingSafeEqual(a, b);
  };

  async function setup(stem: string): Promise<EditorSetup> {
    const reg = register();
    return {
      stem,
      shown: store.file(stem).shown,
      rounds: await store.list(),
      documents: options.documents(stem),
      schema: JSON.parse(roundJsonSchema()),
      register: reg.entries.map((e) => ({ namn: e.namn, förvaltning: e.förvaltning, nämnd: e.nämnd, alias: e.alias, typ: e.typ, från: e.från, till: e.till })),
      rules: [...exceptableRules],
    };
  }

  async function api(request: IncomingMessage, response: ServerResponse, stem: string, action: string[]): Promise<void> {
    const method = request.method ?? "GET";
    if (method !== "GET" && !originAllowed(request)) return plain(response, 403, "Anropet kommer inte från redigerarens egen sida.");
    const [what, id] = action;
    if (what === "fil" && method === "GET") return json(response, 200, await store.read(stem));
    if (what === "dokument" && method === "GET") return json(response, 200, options.documents(stem));
    if (what === "versioner" && method === "GET" && id === undefined) return json(response, 200, await store.versions(stem));
    if (what === "versioner" && method === "GET" && id !== undefined) return json(response, 200, { text: await store.version(stem, id) });
    if (what === "kontroll" && method === "POST") {
      const text = await body(request);
      const ticket = (latest.get(stem) ?? 0) + 1;
      latest.set(stem, ticket);
      const run = chain.then(async () => {
        if (latest.get(stem) !== ticket) return undefined;
        return checkText(store.file(stem), text, load);
      });
      chain = run.catch(() => undefined);
      const result = await run;
      if (!result) return json(response, 200, { ersatt: true });
      return json(response, 200, result);
    }
    if (what === "spara" && method === "POST") {
      const { text, base, force } = JSON.parse(await body(request)) as { text: unknown; base: unknown; force?: unknown };
      if (typeof text !== "string" || typeof base !== "string") return plain(response, 400, "Anropet saknar text eller bas.");
      const result = await store.save(stem, text, base, force === true);
      // A save is allowed with errors (she may stop mid-edit; the build still refuses the file). The page
      // says so from the checks of the same text, which it asks for anyway: checking again here would
      // only delay the preview's rebuild, which starts when the file changes.
      return json(response, result.saved ? 200 : 409, result);
    }
    return plain(response, 404, "Okänt anrop.");
  }

  function handle(request: IncomingMessage, response: ServerResponse): boolean {
    const url = new URL(request.url ?? "/", "http://127.0.0.1");
    if (!url.pathname.startsWith(EDITOR_PATH)) return false;
    if (!hostAllowed(request)) {
      plain(response, 403, "Redigeraren svarar bara på adressen 127.0.0.1 eller localhost.");
      return true;
    }
    const parts = url.pathname.slice(EDITOR_PATH.length).split("/");
    void (async () => {
      try {
        if (parts[0] === "klient.js") {
          await ready;
          if (script === undefined) return plain(response, 500, `Redigerarens skript kunde inte byggas: ${scriptError}`);
          response.writeHead(200, { "content-type": "text/javascript; charset=utf-8", "cache-control": "no-store" });
          return void response.end(script);
        }
        const given = parts[0] === "api" ? request.headers[TOKEN_HEADER] : url.searchParams.get("nyckel");
        if (!tokenOk(typeof given === "string" ? given : undefined)) {
          return plain(response, 403, "Nyckeln saknas eller stämmer inte. Öppna adressen som förhandsgranskningen skrev ut när den startade.");
        }
        if (parts[0] === "api") {
          const stem = parts[1] ?? "";
          if (!ROUND_STEM.test(stem)) return plain(response, 404, "Okänd omgång.");
          return await api(request, response, stem, parts.slice(2));
        }
        const rounds = await store.list();
        const stem = parts[0] || rounds.at(-1);
        if (!stem || !rounds.includes(stem)) return plain(response, 404, stem ? `Det finns ingen omgångsfil rounds/${stem}.yaml.` : "Det finns inga omgångsfiler i rounds/.");
        if (parts.length === 1) {
          response.writeHead(302, { location: `${EDITOR_PATH}${stem}/?nyckel=${encodeURIComponent(token)}` });
          return void response.end();
        }
        response.writeHead(200, {
          "content-type": "text/html; charset=utf-8",
          "cache-control": "no-store",
          "referrer-policy": "no-referrer",
          "content-security-policy": "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'",
        });
        response.end(editorPage(await setup(stem)));
      } catch (error) {
        if (error instanceof StoreError) return plain(response, 400, error.message);
        if (error instanceof TooLarge) return plain(response, 413, `Texten är större än ${MAX_FILE_BYTES / 1024 / 1024} MB.`);
        if (error instanceof SyntaxError) return plain(response, 400, "Anropet är inte giltig JSON.");
        if (!response.headersSent) plain(response, 500, `Internt fel i redigeraren: ${error instanceof Error ? error.message : String(error)}`);
        else response.end();
      }
    })();
    return true;
  }

  return {
    token,
    handle,
    store,
    ready,
    url: (base, stem) => `${new URL(EDITOR_PATH + (stem ? `${stem}/` : ""), base).href}?nyckel=${encodeURIComponent(token)}`,
  };
}
