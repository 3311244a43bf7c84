// Handlebars templates compiled once, not on every run. Compiling the
// templates (Handlebars' parser and code generator) was about a tenth of a
// full build. Each template's compiled form — Handlebars' own precompiled
// JavaScript, the same code `compile` makes in memory — is kept in
// node_modules/.cache/lum-mul-arenden/mallar/, named by a hash of the
// template's text, the options and Handlebars' version. A template someone
// edits gets a new name and is compiled once more; nothing is ever stale.
// If the folder cannot be written, templates are compiled in memory as before.
import { createHash } from "node:crypto";
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { readProjectTextSync } from "../files/read-project-file.js";
import { join } from "node:path";
import Handlebars from "handlebars";
import { PROJECT_ROOT } from "../project-root.js";

const CACHE_DIR = join(PROJECT_ROOT, "node_modules", ".cache", "lum-mul-arenden", "mallar");

type Env = ReturnType<typeof Handlebars.create>;

type Spec = TemplateSpecification & { compilerOptions?: CompileOptions };

// Handlebars' precompiled form is a JavaScript object literal (its own output, from our templates).
const evaluate = (code: string) => new Function(`return ${code};`)() as Spec;

/** Where the compiled form of `source` is kept. */
export function cachePath(source: string, options: CompileOptions): string {
  const key = createHash("sha256").update(Handlebars.VERSION).update("\0").update(JSON.stringify(options)).update("\0").update(source).digest("hex");
  return join(CACHE_DIR, `${key.slice(0, 40)}.js`);
}

function cachedSpec(env: Env, source: string, options: CompileOptions): Spec {
  const path = cachePath(source, options);
  try {
    // Through the project's one door; a file it refuses is compiled again, like a missing one.
    return evaluate(readProjectTextSync(path, PROJECT_ROOT));
  } catch {
    // Not there yet, or damaged: compile, and keep the result for the next run.
    const code = env.precompile(source, { ...options }) as string;
    try {
      mkdirSync(CACHE_DIR, { recursive: true });
      const temp = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}`;
      writeFileSync(temp, code);
      renameSync(temp, path);
    } catch {
      // A read-only installation: compile every time.
    }
    return evaluate(code);
  }
}

/** The template, as `env.compile(source, options)` would make it, from the cache when it is there. */
export function compileCached(env: Env, source: string, options: CompileOptions): HandlebarsTemplateDelegate {
  const spec = cachedSpec(env, source, options);
  // What `compile` attaches and a precompiled spec lacks: partials compiled at
  // run time inherit these options (without them, HTML escaping would be back on).
  spec.compilerOptions = { data: true, ...options };
  return env.template(spec);
}
