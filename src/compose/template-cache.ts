// Handlebars templates compiled once, not on every run. Compiling the
// templates (Handlebars' parser and code generator) was about a tenth of a
// full build. Each template's compiled form — Handlebars' own precompiled
// JavaScript, the same code `compile` makes in memory — is kept in
// node_modules/.cache/lum-mul-arenden/mallar/, named by a hash of the
// template's text, the options and Handlebars' version. A template someone
// edits gets a new name and is compiled once more; nothing is ever stale.
// If the folder cannot be written, templates are compiled in memory as before.
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import Handlebars from "handlebars";
import { PROJECT_ROOT } from "../project-root.js";

const CACHE_DIR = join(PROJECT_ROOT, "node_modules", ".cache", "lum-mul-arenden", "mallar");

type Env = ReturnType<typeof Handlebars.create>;

function specSource(env: Env, source: string, options: CompileOptions): string {
  const key = createHash("sha256").update(Handlebars.VERSION).update("\0").update(JSON.stringify(options)).update("\0").update(source).digest("hex");
  const path = join(CACHE_DIR, `${key.slice(0, 40)}.js`);
  try {
    return readFileSync(path, "utf8");
  } catch {
    const spec = env.precompile(source, { ...options }) as string;
    try {
      mkdirSync(CACHE_DIR, { recursive: true });
      const temp = `${path}.${process.pid}`;
      writeFileSync(temp, spec);
      renameSync(temp, path);
    } catch {
      // A read-only installation: compile every time.
    }
    return spec;
  }
}

/** The template, as `env.compile(source, options)` would make it, from the cache when it is there. */
export function compileCached(env: Env, source: string, options: CompileOptions): HandlebarsTemplateDelegate {
  // Handlebars' precompiled form is a JavaScript object literal (its own output, from our templates).
  const spec = new Function(`return ${specSource(env, source, options)};`)() as TemplateSpecification & { compilerOptions?: CompileOptions };
  // What `compile` attaches and a precompiled spec lacks: partials compiled at
  // run time inherit these options (without them, HTML escaping would be back on).
  spec.compilerOptions = { data: true, ...options };
  return env.template(spec);
}
