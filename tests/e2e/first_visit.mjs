// A parent's first visit, measured in the browser: what is downloaded before the first screen is
// usable (bodies as sent, brotli: exact bytes) and when the screen and the first text box are
// usable. Shared by the CI byte budget (first_load.test.mjs) and the benchmark
// (tests/bench/web_bench.mjs), so that both count the same bytes.
//
// For the app, "usable" is its tasjil-ready event (the first frame drawn and its semantic tree
// published, the loading screen gone); "first text box" is an instant press of Start there and
// the child screen's first text box in the DOM. For a plain HTML page both are its first
// contentful paint (its render-blocking stylesheet applied: the boxes are drawn and take input).

/** Slow 4G as Chrome's DevTools define it: 150 ms RTT, 1.6 Mbps down, 750 kbps up. */
export const SLOW_4G = { offline: false, latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 750e3 / 8 };

/** The Start button's label in the app's first language (assets/i18n/ar.json, ui.start.button). */
export const START_LABEL = "ابدأ الآن";

/**
 * Runs in the page before its scripts (page.addInitScript): moves the date to `clockAt`, records
 * the first contentful paint (__paintAt) and tasjil-ready (__readyAt), presses Start when asked.
 */
export function instrument({ pressStart = false, startLabel = "", clockAt = null }) {
  const w = /** @type {any} */ (window);
  if (clockAt) {
    // The date moved, the clock still running: performance.now() stays real for the measures.
    const RealDate = Date, realNow = Date.now, offset = new RealDate(clockAt).getTime() - realNow();
    w.Date = class extends RealDate {
      /** @param {any[]} args */
      constructor(...args) { if (args.length) super(.../** @type {[any]} */ (args)); else super(realNow() + offset); }
      static now() { return realNow() + offset; }
    };
  }
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (e.name === "first-contentful-paint") w.__paintAt = e.startTime;
  }).observe({ type: "paint", buffered: true });
  window.addEventListener("tasjil-ready", () => {
    w.__readyAt = performance.now();
    if (!pressStart) return;
    const layer = document.getElementById("a11y");
    const textBox = () => layer.querySelector("input:not([type=radio]):not([type=checkbox])");
    const watch = new MutationObserver(() => {
      if (textBox()) { w.__textBoxAt = performance.now(); watch.disconnect(); }
    });
    watch.observe(layer, { childList: true, subtree: true });
    const start = [...layer.querySelectorAll("button")].find((b) => b.textContent.trim() === startLabel);
    if (start) start.click();
  }, { once: true });
}

/**
 * One first visit of `url` in a fresh context (no cache, no service worker).
 * `app`: wait for tasjil-ready (else for the first contentful paint); `pressStart`: also press
 * Start and wait for the first text box; `network`, `cpu`: throttling (CDP); `clockAt`: the
 * browser's date (the app asks for the rules of the school year it is in).
 * Returns {readyMs, textBoxMs, files: [{url, bytes, start}], bytes, requests}, where files are
 * the responses requested before the first screen was usable, and the data that screen asks for.
 */
export async function firstVisit(browser, url, { app = true, pressStart = false, network = null, cpu = 1,
                                                 clockAt = null, viewport = { width: 1024, height: 900 } } = {}) {
  const context = await browser.newContext({ viewport, serviceWorkers: "block" });
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
    if (network) await cdp.send("Network.emulateNetworkConditions", network);
    if (cpu > 1) await cdp.send("Emulation.setCPUThrottlingRate", { rate: cpu });
    await page.addInitScript(instrument, { pressStart, startLabel: START_LABEL, clockAt });
    await page.goto(url);
    const done = app ? (pressStart ? "__textBoxAt" : "__readyAt") : "__paintAt";
    await page.waitForFunction((k) => window[k] !== undefined, done, { timeout: 180000 });
    // A resource is listed once it has arrived: what was asked for before the screen was usable
    // may still be on its way.
    await page.waitForLoadState("networkidle", { timeout: 60000 }).catch(() => {});
    return await page.evaluate(() => {
      const w = /** @type {any} */ (window);
      const usable = w.__readyAt ?? w.__paintAt;
      const nav = performance.getEntriesByType("navigation")[0];
      const entries = [nav, ...performance.getEntriesByType("resource")]
        // What the first screen asks for as it is drawn (the rules, the provinces, the service's
        // settings) counts whether its request starts just before or just after the ready event:
        // both happen in the first frame, so the count must not depend on which came first.
        .filter((e) => e.startTime <= usable || /^\/api\/|\/service\.[0-9a-f]+\.json$/.test(new URL(e.name).pathname))
        .map((e) => /** @type {PerformanceResourceTiming} */ (e))
        .map((e) => ({ url: new URL(e.name).pathname, bytes: e.encodedBodySize, start: Math.round(e.startTime) }));
      return { readyMs: usable, textBoxMs: w.__textBoxAt ?? w.__paintAt, files: entries,
               bytes: entries.reduce((n, e) => n + e.bytes, 0), requests: entries.length };
    });
  } finally {
    await context.close();
  }
}
