// The preview under the attack's repros: a round file added to an empty
// rounds/ is built (the queue once stopped for good and the page said
// "Bygger …" forever), a burst of 200 saves ends on the last saved state,
// only this machine's own names are answered as Host (DNS rebinding), and
// Ctrl-C or SIGTERM ends it at any moment, its start-up included.
import { execFileSync, spawn } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { startPreview, type Preview } from "../src/preview/server.js";
import { events, ROOT } from "./helpers/preview.js";

/** Generous: the machine may be slow and shared; a preview that stopped building never gets there at all. */
const BOUND_MS = 120_000;

/** Resolves when `check` holds, polling; fails after the bound with what was seen last. */
async function eventually(check: () => Promise<boolean>, what: string): Promise<void> {
  const until = Date.now() + BOUND_MS;
  while (Date.now() < until) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`within ${BOUND_MS / 1000} s: ${what}`);
}

const page = async (preview: Preview, path: string) => (await fetch(new URL(path, preview.url))).text();
const inriktning = readFileSync(join(ROOT, "rounds", "2025.yaml"), "utf8");
const titled = (n: number) => inriktning.replace(/^titel: (.*)$/m, `titel: $1 – sparning ${n}`);

function emptyProject(): string {
  const dir = mkdtempSync(join(tmpdir(), "lum-queue-"));
  mkdirSync(join(dir, "rounds"));
  return dir;
}

describe("the preview's queue", () => {
  it("builds a round file added to an empty rounds/", async () => {
    const dir = emptyProject();
    const preview = await startPreview({ cwd: dir, port: 0, log: () => {} });
    const listen = await events(preview.url);
    try {
      const built = listen.next("2025");
      writeFileSync(join(dir, "rounds", "2025.yaml"), titled(1));
      await eventually(async () => (await page(preview, "/2025/inriktning.html")).includes("sparning 1"), "the added file is shown");
      await built;
    } finally {
      listen.close();
      await preview.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, BOUND_MS + 30_000);

  it("ends on the last of 200 saves made at random 0–150 ms intervals", async () => {
    const dir = emptyProject();
    writeFileSync(join(dir, "rounds", "2025.yaml"), titled(0));
    const preview = await startPreview({ cwd: dir, port: 0, log: () => {} });
    try {
      // A fixed sequence of "random" pauses (a linear congruential generator), so a failure can be repeated.
      let seed = 2025;
      const pause = () => {
        seed = (seed * 1103515245 + 12345) % 2 ** 31;
        return seed % 151;
      };
      for (let n = 1; n <= 200; n++) {
        writeFileSync(join(dir, "rounds", "2025.yaml"), titled(n));
        await new Promise((r) => setTimeout(r, pause()));
      }
      let last = "";
      await eventually(async () => {
        last = /sparning \d+/.exec(await page(preview, "/2025/inriktning.html"))?.[0] ?? "(ingen)";
        return last === "sparning 200";
      }, `the page shows the last save (it showed ${last})`);
    } finally {
      await preview.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 2 * BOUND_MS);
});

describe("the preview's Host header", () => {
  /** A GET with the given Host header (fetch does not let a page set it; a rebinding attacker's browser sends its own name). */
  const get = (url: string, host: string) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const { port } = new URL(url);
      const req = request({ host: "127.0.0.1", port, path: "/2025/inriktning.html", headers: { host } }, (res) => {
        let body = "";
        res.on("data", (d) => (body += d));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on("error", reject);
      req.end();
    });

  it("answers 127.0.0.1:<port> and localhost:<port> only", async () => {
    const dir = emptyProject();
    writeFileSync(join(dir, "rounds", "2025.yaml"), titled(7));
    const preview = await startPreview({ cwd: dir, port: 0, log: () => {} });
    try {
      const port = new URL(preview.url).port;
      for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `LOCALHOST:${port}`]) {
        const answer = await get(preview.url, host);
        expect(answer.status, host).toBe(200);
        expect(answer.body).toContain("sparning 7");
      }
      for (const host of ["evil.example.com", `evil.example.com:${port}`, "127.0.0.1", `localhost:${Number(port) + 1}`]) {
        const answer = await get(preview.url, host);
        expect(answer.status, host).toBe(421);
        expect(answer.body).not.toContain("sparning 7");
        expect(answer.body).toContain("svarar bara på adresserna 127.0.0.1 och localhost");
      }
      // No Host header at all (HTTP/1.0), written on a bare socket.
      const bare = await new Promise<string>((resolve, reject) => {
        const socket = connect(Number(port), "127.0.0.1", () => socket.end("GET /2025/inriktning.html HTTP/1.0\r\n\r\n"));
        let answer = "";
        socket.on("data", (d) => (answer += d));
        socket.on("end", () => resolve(answer));
        socket.on("error", reject);
      });
      expect(bare).toMatch(/^HTTP\/1\.\d 421/);
      expect(bare).not.toContain("sparning 7");
    } finally {
      await preview.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("stopping the preview", () => {
  /** All the reference rounds (start-up builds each: seconds), plus a FIFO, which once hung the start for good. */
  function busyProject(): string {
    const dir = mkdtempSync(join(tmpdir(), "lum-stop-"));
    cpSync(join(ROOT, "rounds"), join(dir, "rounds"), { recursive: true });
    execFileSync("mkfifo", [join(dir, "rounds", "2034.yaml")]);
    return dir;
  }

  /** Starts `npm run forhandsgranska` as its own process; sends `signal` when stdout has shown `when`. */
  function stopAt(signal: NodeJS.Signals, when: string): Promise<{ code: number | null; output: string }> {
    const dir = busyProject();
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, ["--import", import.meta.resolve("tsx"), join(ROOT, "src", "forhandsgranska.ts"), "--port", "0"], { cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
      let output = "";
      let sent = false;
      const timer = setTimeout(() => {
        child.kill("SIGKILL");
        reject(new Error(`did not end within ${BOUND_MS / 1000} s of ${signal} at "${when}":\n${output}`));
      }, BOUND_MS);
      const seen = (d: Buffer) => {
        output += d;
        if (!sent && output.includes(when)) {
          sent = true;
          child.kill(signal);
        }
      };
      child.stdout.on("data", seen);
      child.stderr.on("data", seen);
      child.on("error", reject);
      child.on("close", (code) => {
        clearTimeout(timer);
        rmSync(dir, { recursive: true, force: true });
        resolve({ code, output });
      });
    });
  }

  it.each([
    ["SIGINT", "Bygger förhandsgranskningen"],
    ["SIGTERM", "Bygger förhandsgranskningen"],
    ["SIGINT", "rounds/2015.yaml"],
    ["SIGTERM", "Förhandsgranskningen körs"],
  ] as const)("%s at %s: ends, and says so", async (signal, when) => {
    const { code, output } = await stopAt(signal, when);
    expect(output).toContain(when);
    expect(output.trimEnd().split("\n").at(-1)).toBe("Förhandsgranskningen är stoppad.");
    expect(code).toBe(0);
  }, BOUND_MS + 30_000);
});
