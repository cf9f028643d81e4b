// Browser benchmarks of the app (Debian Chromium, SwiftShader WebGL), printed as a table:
//  - first-load transfer: bytes on the wire (brotli) for everything loaded until the first
//    interactive frame;
//  - navigation → first interactive frame, unthrottled and under Slow 4G (150 ms RTT,
//    1.6 Mbps down, 750 kbps up) with a 4× CPU slowdown;
//  - CPU time of a frame while typing (wasm, measured inside the app), and idle frames/s.
// Usage: node tests/bench/web_bench.mjs   (after the wasm build)
import { launch, settle, frameCount } from "../e2e/browser.mjs";

const runs = Number(process.env.TASJIL_BENCH_RUNS || 5);
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const pct = (xs, q) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(q * s.length))]; };

const env = await launch();
async function load(throttled) {
  const context = await env.browser.newContext({ viewport: { width: 1024, height: 900 } });
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
await env.close();
