// Shared set-up for the browser tests and benchmarks: Debian's Chromium driven by
// playwright-core (no downloaded browser), WebGL through SwiftShader, the app served on loopback.
import { chromium } from "playwright-core";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { serve } from "./serve.mjs";

export const sourceDir = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const appDir = process.env.TASJIL_WEB_DIR || join(sourceDir, "build", "wasm");
export const artifactDir = process.env.TASJIL_ARTIFACTS || join(sourceDir, "build", "e2e-artifacts");

export const chromiumOptions = {
  executablePath: process.env.TASJIL_CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--enable-unsafe-swiftshader", "--disable-quic",
         "--no-first-run", "--disable-background-networking", "--disable-component-update",
         "--disable-sync"],
};

export async function launch() {
  // playwright gives each launch a fresh, empty profile
  const browser = await chromium.launch(chromiumOptions);
  const site = await serve(appDir);
  return { browser, site, async close() { await browser.close(); site.server.close(); } };
}

// Opens the app and waits until its first frame is drawn and the loading screen is gone.
// `clockAt` fixes the browser's date (the registration window of the server's school year); the
// other options are the browser context's.
/** @param {import("playwright-core").Browser} browser @param {string} url @param {{clockAt?: string} & import("playwright-core").BrowserContextOptions} [options] */
export async function openApp(browser, url, { clockAt = undefined, ...options } = {}) {
  const context = await browser.newContext({ viewport: { width: 1024, height: 900 }, ...options });
  const page = await context.newPage();
  if (clockAt) await page.clock.setFixedTime(new Date(clockAt));
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(url);
  await page.waitForFunction(() => document.getElementById("loading").hidden &&
                             document.getElementById("failure").hidden, null, { timeout: 30000 });
  return { context, page, errors };
}

/**
 * A browser with a real profile in `profile` (kept across launches: service worker, IndexedDB,
 * caches), opened on `url` and waited for, offline from the start when asked.
 * @param {string} profile @param {string} url
 * @param {{offline?: boolean, clockAt?: string}} [options]
 */
export async function openProfile(profile, url, { offline = false, clockAt = undefined } = {}) {
  const context = await chromium.launchPersistentContext(profile, { ...chromiumOptions, viewport: { width: 1024, height: 900 } });
  try {
    if (offline) await context.setOffline(true);
    const page = context.pages()[0] || await context.newPage();
    if (clockAt) await page.clock.setFixedTime(new Date(clockAt));
    await page.goto(url);
    await appLoaded(page);
    await workerControls(page);
    return { context, page };
  } catch (error) {
    // A browser of its own: left open, it would keep the test process alive.
    await context.close();
    throw error;
  }
}

/** Waits until the app is drawn, its loading screen gone (after a navigation or reload). */
export async function appLoaded(page) {
  await page.waitForFunction(() => document.getElementById("loading").hidden &&
                             document.getElementById("failure").hidden, null, { timeout: 30000 });
}

/** Waits until a service worker controls the page (its app is cached for offline use). */
export async function workerControls(page) {
  await page.waitForFunction(() => !!navigator.serviceWorker.controller, null, { timeout: 30000 });
}

/** The records of one IndexedDB store of the app, as stored (for checks: nothing is opened). */
export function storedRecords(page, store) {
  return page.evaluate((name) => new Promise((resolve, reject) => {
    const r = indexedDB.open("tasjil");
    r.onerror = () => reject(r.error);
    r.onsuccess = () => {
      const d = r.result;
      if (!d.objectStoreNames.contains(name)) { d.close(); resolve([]); return; }
      const q = d.transaction(name).objectStore(name).getAll();
      q.onsuccess = () => {
        // Bytes made readable for the test: a sealed record shows as its bytes, never decrypted.
        const plain = (v) => v instanceof Uint8Array ? { bytes: Array.from(v) } :
          v instanceof ArrayBuffer ? { bytes: Array.from(new Uint8Array(v)) } :
          Array.isArray(v) ? v.map(plain) :
          v && typeof v === "object" && !(v instanceof CryptoKey) ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)])) : v;
        resolve(q.result.map(plain));
        d.close();
      };
      q.onerror = () => reject(q.error);
    };
  }), store);
}

export const frameCount = (page) => page.evaluate(() => window.Module["_tasjil_frame_count"]());

// Waits until the app has been idle (no new frame) for `ms`.
export async function settle(page, ms = 250) {
  let last = await frameCount(page);
  for (;;) {
    await page.waitForTimeout(ms);
    const now = await frameCount(page);
    if (now === last) return;
    last = now;
  }
}

// A screenshot of the whole page: the canvas draws the viewport only, so the viewport is made
// as tall as the page for the shot, then given back.
export async function shootPage(page, path) {
  const size = page.viewportSize();
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width: size.width, height: Math.min(8000, Math.max(size.height, height)) });
  await settle(page, 100);
  await page.screenshot({ path });
  await page.setViewportSize(size);
  await settle(page, 100);
}
