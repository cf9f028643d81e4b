// Browser benchmarks of the app (Debian Chromium, SwiftShader WebGL), printed as tables:
//  - the first visit side by side with a plain server-rendered HTML form of the child screen
//    (GOV.UK Frontend, tests/bench/plain_form.mjs), both served by tasjil-server with the same
//    precompressed files: bytes and requests before the first screen is usable, navigation to
//    the first usable screen and to the child screen's first text box, on Slow 4G with a 4x and
//    a 6x CPU slowdown and unthrottled, medians of alternating rounds, as ratios app / plain;
//  - repeat visit (warm cache) and offline start against the plain form's repeat visit;
//  - the staff console's first load;
//  - CPU time of a frame while typing (wasm, measured inside the app), and idle frames/s;
//  - the font atlas build at start;
//  - the outbox's drain rate: files queued offline, sent to the real server when it returns.
// Usage: node tests/bench/web_bench.mjs   (after the native and wasm builds; TASJIL_SERVER names
// the tasjil-server binary, TASJIL_BENCH_RUNS the rounds, 3 by default)
import { launch, settle, frameCount, appLoaded, workerControls, chromiumOptions } from "../e2e/browser.mjs";
import { startProduct } from "../e2e/server.mjs";
import { firstVisit, instrument, SLOW_4G } from "../e2e/first_visit.mjs";
import { chromium } from "playwright-core";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { randomUUID } from "node:crypto";
import { join } from "node:path";
import { sourceDir } from "../e2e/browser.mjs";

const runs = Math.max(3, Number(process.env.TASJIL_BENCH_RUNS || 3));
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const pct = (xs, q) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(q * s.length))]; };
const ms = (xs) => `${median(xs).toFixed(0)} ms (${xs.map((x) => x.toFixed(0)).join(", ")})`;
const ratio = (a, b) => `${(median(a) / median(b)).toFixed(2)}x`;
const clockAt = "2026-04-10T09:00:00";  // in the 2026-2027 registration window

// [SECTION] The first visit, side by side with plain HTML ------------------------------------
const plainDir = join(sourceDir, "build", "bench", "plain");
execFileSync(process.execPath, [join(sourceDir, "tests", "bench", "plain_form.mjs"), plainDir], { stdio: "inherit" });
const product = await startProduct({ schoolYear: "2026-2027" });
const plain = await startProduct({ schoolYear: "2026-2027", webDir: plainDir });
{
  const browser = await chromium.launch(chromiumOptions);
  const app = (o) => firstVisit(browser, product.url, { clockAt, pressStart: true, ...o });
  const form = (o) => firstVisit(browser, plain.url, { app: false, ...o });
  const a = await app({}), p = await form({});
  const list = (v) => v.files.map((f) => `  ${f.url.padEnd(36)} ${String(f.bytes).padStart(8)} B`).join("\n");
  console.log(`First load of the app (bodies as sent, brotli; requested before the first screen is usable):\n${list(a)}`);
  console.log(`  total ${a.bytes} B in ${a.requests} requests`);
  console.log(`First load of the plain HTML form:\n${list(p)}\n  total ${p.bytes} B in ${p.requests} requests`);
  const staff = await firstVisit(browser, product.url + "staff/", { clockAt });
  console.log(`First load of the staff console: ${staff.bytes} B in ${staff.requests} requests`);
  console.log(`Bytes, app / plain: ${(a.bytes / p.bytes).toFixed(2)}x`);

  const profiles = [["unthrottled", {}], ["Slow 4G + 4x CPU", { network: SLOW_4G, cpu: 4 }],
                    ["Slow 4G + 6x CPU", { network: SLOW_4G, cpu: 6 }]];
  console.log("\n| conditions | app: first screen usable | app: first text box | plain: first text box | usable / plain | text box / plain |");
  console.log("|---|---|---|---|---|---|");
  for (const [name, o] of profiles) {
    const ready = [], box = [], flat = [];
    for (let i = 0; i < runs; i++) {  // alternating rounds
      const v = await app(o);
      ready.push(v.readyMs);
      box.push(v.textBoxMs);
      flat.push((await form(o)).textBoxMs);
    }
    console.log(`| ${name} | ${ms(ready)} | ${ms(box)} | ${ms(flat)} | ${ratio(ready, flat)} | ${ratio(box, flat)} |`);
  }
  await browser.close();
}

// [SECTION] Repeat visit and offline start ---------------------------------------------------
// One profile that visited once (the app installed: service worker, compiled wasm cached), then
// reloads; the plain form's repeat visit in the same way (its hashed files cached for good).
async function repeats(url, { app, network = null, cpu = 1, offline = false }) {
  const browser = await chromium.launch(chromiumOptions);
  const context = await browser.newContext({ viewport: { width: 1024, height: 900 } });
  const page = await context.newPage();
  await page.addInitScript(instrument, { clockAt });
  await page.goto(url);
  if (app) { await appLoaded(page); await workerControls(page); }
  await page.waitForLoadState("networkidle");
  const cdp = await context.newCDPSession(page);
  if (network) await cdp.send("Network.emulateNetworkConditions", network);
  if (cpu > 1) await cdp.send("Emulation.setCPUThrottlingRate", { rate: cpu });
  if (offline) await context.setOffline(true);
  const key = app ? "__readyAt" : "__paintAt";
  const out = [];
  for (let i = 0; i < runs + 1; i++) {
    await page.reload();
    await page.waitForFunction((k) => window[k] !== undefined, key, { timeout: 120000 });
    out.push(await page.evaluate((k) => window[k], key));
  }
  out.shift();  // the first repeat may still compile: the browser caches code after a use
  await browser.close();
  return out;
}
{
  console.log("\n| repeat visit | app | plain | app / plain |\n|---|---|---|---|");
  /** @type {[string, {network?: object, cpu?: number}][]} */
  const conditions = [["unthrottled", {}], ["Slow 4G + 4x CPU", { network: SLOW_4G, cpu: 4 }]];
  for (const [name, o] of conditions) {
    const a = await repeats(product.url, { app: true, ...o });
    const p = await repeats(plain.url, { app: false, ...o });
    const off = await repeats(product.url, { app: true, offline: true, cpu: o.cpu || 1 });
    console.log(`| ${name}: warm cache | ${ms(a)} | ${ms(p)} | ${ratio(a, p)} |`);
    console.log(`| ${name}: app offline start | ${ms(off)} | ${ms(p)} | ${ratio(off, p)} |`);
  }
}
await plain.stop();

const env = await launch();
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
// The font atlas built at start (a repeat visit).
{
  const context = await env.browser.newContext({ viewport: { width: 1024, height: 900 } });
  const page = await context.newPage();
  await page.goto(env.site.url);
  await appLoaded(page);
  const fonts = [];
  for (let i = 0; i < runs; i++) {
    await page.reload();
    await appLoaded(page);
    fonts.push(await page.evaluate(() => window.Module["_tasjil_font_build_ms"]()));
  }
  console.log(`Font atlas build at start: median ${median(fonts).toFixed(1)} ms`);
  await context.close();
}
await env.close();

// The outbox's drain rate against the real server (SQLite, fsync per file).
{
  const count = Number(process.env.TASJIL_BENCH_FILES || 200);
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
