// Real Chromium (the Debian package) driven by puppeteer-core, for the
// tests of the editor page. Where /usr/bin/chromium is missing the tests
// that need it are skipped, and say so.
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import puppeteer, { type Browser } from "puppeteer-core";
import { HANG_BOUND_MS } from "./bounds.js";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const hasChromium = existsSync(CHROMIUM);
export const SKIP_MESSAGE = `Chromium saknas (${CHROMIUM}): webbläsartesterna av redigeraren hoppas över. Installera med apt-get install -y chromium.`;

/**
 * How the tests start Chromium on these machines: headless, as root, and
 * without the background connections the closed network refuses; `profile` is
 * a fresh --user-data-dir.
 */
export function chromiumFlags(profile: string): string[] {
  return [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    `--user-data-dir=${profile}`,
  ];
}

/** A headless Chromium with a profile of its own; `close` also removes the profile. */
export async function launchChromium(): Promise<{ browser: Browser; close: () => Promise<void> }> {
  const profile = mkdtempSync(join(tmpdir(), "lum-chromium-"));
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    // A browser that stops answering fails the test after the bound, rather than holding CI.
    protocolTimeout: HANG_BOUND_MS,
    args: chromiumFlags(profile),
  });
  return {
    browser,
    close: async () => {
      await browser.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
