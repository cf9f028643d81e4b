// Browser benchmarks of the app (Debian Chromium, SwiftShader WebGL), printed as a table:
//  - first-load transfer: bytes on the wire (brotli) for everything loaded until the first
//    interactive frame;
//  - navigation → first interactive frame, unthrottled and under Slow 4G (150 ms RTT,
//    1.6 Mbps down, 750 kbps up) with a 4× CPU slowdown;
//  - CPU time of a frame while typing (wasm, measured inside the app), and idle frames/s;
//  - repeat visit and offline start to the first interactive frame (the app installed by a
//    first visit: service worker, compiled wasm in the browser's code cache), and the font
//    atlas build;
//  - the outbox's drain rate: files queued offline, sent to the real server when it returns.
// Usage: node tests/bench/web_bench.mjs   (after the native and wasm builds)
import { launch, settle, frameCount, appLoaded, workerControls } from "../e2e/browser.mjs";
import { startProduct } from "../e2e/server.mjs";
import { readFileSync } from "node:fs";
import { randomUUID } from "node:crypto";
import { join } from "node:path";
import { sourceDir } from "../e2e/browser.mjs";

const runs = Number(process.env.TASJIL_BENCH_RUNS || 5);
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const pct = (xs, q) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(q * s.length))]; };

const env = await launch();
async function load(throttled) {
  // A first visit: what the first frame needs, not the offline copy installed after it.
  const context = await env.browser.newContext({ viewport: { width: 1024, height: 900 }, serviceWorkers: "block" });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  if (throttled) {
    await cdp.send("Network.emulateNetworkConditions", {
      offline: false, latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 750e3 / 8 });
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
  }
  await page.addInitScript(() => {
    window.addEventListener("tasjil-ready", () => { window.__readyAt = performance.now(); });
  });
  const start = env.site.transferred.length;
  await page.goto(env.site.url);
  await page.waitForFunction(() => window.__readyAt !== undefined, null, { timeout: 120000 });
  const readyMs = await page.evaluate(() => window.__readyAt);
  const files = env.site.transferred.slice(start);
  await context.close();
  return { readyMs, files };
}

// First-load transfer.
const first = await load(false);
const bytes = first.files.reduce((n, f) => n + f.bytes, 0);
console.log("First-load transfer (what the first interactive frame needs):");
for (const f of first.files) console.log(`  ${f.path.padEnd(24)} ${String(f.bytes).padStart(8)} B  ${f.encoding || "identity"}`);
console.log(`  total                    ${String(bytes).padStart(8)} B = ${(bytes / 1024).toFixed(1)} KiB`);

// Time to first interactive frame.
const fast = [], slow = [];
for (let i = 0; i < runs; i++) fast.push((await load(false)).readyMs);
for (let i = 0; i < Math.max(3, Math.ceil(runs / 2)); i++) slow.push((await load(true)).readyMs);
console.log(`Navigation -> first interactive frame, unthrottled: median ${median(fast).toFixed(0)} ms (runs: ${fast.map((x) => x.toFixed(0)).join(", ")})`);
console.log(`Navigation -> first interactive frame, Slow 4G + 4x CPU: median ${median(slow).toFixed(0)} ms (runs: ${slow.map((x) => x.toFixed(0)).join(", ")})`);

// Frame time while typing, idle frames.
{
  const context = await env.browser.newContext({ viewport: { width: 1024, height: 900 } });
  const page = await context.newPage();
  await page.goto(env.site.url);
  await page.waitForFunction(() => document.getElementById("loading").hidden);
  await page.getByRole("button", { name: "Français", exact: true }).click();
  await page.getByRole("button", { name: "Commencer", exact: true }).click();
  await page.getByLabel("Prénom (en arabe)", { exact: true }).click();
  await settle(page);
  const frameMs = [];
  const text = "فاطمة الزهراء بنت محمد العلوي الإدريسي";
  for (const ch of text) {
    await page.keyboard.type(ch);
    await settle(page, 60);
    frameMs.push(await page.evaluate(() => window.Module["_tasjil_last_frame_ms"]()));
  }
  console.log(`Frame CPU time while typing Arabic (${frameMs.length} keystrokes): median ${median(frameMs).toFixed(2)} ms, p95 ${pct(frameMs, 0.95).toFixed(2)} ms, max ${Math.max(...frameMs).toFixed(2)} ms`);
  await page.mouse.move(5, 5);
  await settle(page);
  const before = await frameCount(page);
  await page.waitForTimeout(5000);
  const idle = (await frameCount(page)) - before;
  console.log(`Idle frames per second (5 s, nothing happening): ${(idle / 5).toFixed(1)}`);
  // A long screen on a phone-sized viewport: frames while the document scrolls natively.
  await page.setViewportSize({ width: 360, height: 640 });
  await settle(page);
  const scrollMs = [];
  for (let i = 0; i < 20; ++i) {
    await page.mouse.wheel(0, i < 10 ? 120 : -120);
    await settle(page, 40);
    scrollMs.push(await page.evaluate(() => window.Module["_tasjil_last_frame_ms"]()));
  }
  console.log(`Frame CPU time while scrolling the child screen at 360x640: median ${median(scrollMs).toFixed(2)} ms, max ${Math.max(...scrollMs).toFixed(2)} ms`);
  await context.close();
}
// Repeat visit and offline start, in one profile that visited once.
{
  const context = await env.browser.newContext({ viewport: { width: 1024, height: 900 } });
  const page = await context.newPage();
  await page.addInitScript(() => {
    window.addEventListener("tasjil-ready", () => { window.__readyAt = performance.now(); });
  });
  await page.goto(env.site.url);
  await appLoaded(page);
  await workerControls(page);
  const first = await page.evaluate(() => window.__readyAt);
  const visit = async () => {
    await page.reload();
    await page.waitForFunction(() => window.__readyAt !== undefined, null, { timeout: 60000 });
    return page.evaluate(() => ({ ready: window.__readyAt, font: window.Module["_tasjil_font_build_ms"]() }));
  };
  const repeat = [], fonts = [];
  for (let i = 0; i < runs + 1; i++) { const v = await visit(); repeat.push(v.ready); fonts.push(v.font); }
  await context.setOffline(true);
  const offline = [];
  for (let i = 0; i < runs; i++) offline.push((await visit()).ready);
  repeat.shift();  // the first repeat may still compile: the browser caches code after a use
  console.log(`First visit -> first interactive frame, unthrottled: ${first.toFixed(0)} ms`);
  console.log(`Repeat visit -> first interactive frame: median ${median(repeat).toFixed(0)} ms (runs: ${repeat.map((x) => x.toFixed(0)).join(", ")})`);
  console.log(`Offline start -> first interactive frame: median ${median(offline).toFixed(0)} ms (runs: ${offline.map((x) => x.toFixed(0)).join(", ")})`);
  console.log(`Font atlas build at start: median ${median(fonts).toFixed(1)} ms`);
  await context.close();
}
await env.close();

// The outbox's drain rate against the real server (SQLite, fsync per file).
{
  const count = Number(process.env.TASJIL_BENCH_FILES || 200);
  const product = await startProduct({ schoolYear: "2026-2027" });
  const browserEnv = await launch();
  const context = await browserEnv.browser.newContext({ viewport: { width: 1024, height: 900 } });
  const page = await context.newPage();
  await page.goto(product.url);
  await appLoaded(page);
  await workerControls(page);
  const sample = JSON.parse(readFileSync(join(sourceDir, "assets", "samples", "electronic-file.json"), "utf8"));
  const bodies = Array.from({ length: count }, () => JSON.stringify({ ...sample, file_id: randomUUID() }));
  await product.kill();
  await context.setOffline(true);
  await page.evaluate((list) => list.forEach((b, i) => window.TasjilPlatform.fetch(500000 + i, "POST", "/api/v1/files", b, "fr")), bodies);
  const states = () => page.evaluate(() => new Promise((resolve) => {
    const r = indexedDB.open("tasjil");
    r.onsuccess = () => { const q = r.result.transaction("outbox").objectStore("outbox").getAll(); q.onsuccess = () => { resolve(q.result.map((x) => x.state)); r.result.close(); }; };
  }));
  while ((await states()).length < count) await new Promise((r) => setTimeout(r, 100));
  await product.restart();
  const start = Date.now();
  await context.setOffline(false);
  while ((await states()).filter((x) => x === "sent").length < count) await new Promise((r) => setTimeout(r, 50));
  const seconds = (Date.now() - start) / 1000;
  console.log(`Outbox drain: ${count} files queued offline sent in ${seconds.toFixed(1)} s when the network returned = ${(count / seconds).toFixed(0)} files/s`);
  await context.close();
  await browserEnv.close();
  await product.stop();
}
