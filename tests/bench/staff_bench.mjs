// Browser benchmarks of the staff console (Debian Chromium, SwiftShader WebGL), printed:
//  - the parents' first-load transfer, to show the console adds nothing to it, and the
//    console's own first load;
//  - CPU time of a console frame (wasm, measured inside the console) while the table of a
//    school with 10,000 files scrolls, and while the list is filtered and searched;
//  - how long the grid takes to have a page of rows after jumping far down the list.
// Usage: node tests/bench/staff_bench.mjs   (after the native and wasm builds;
// TASJIL_BENCH_STAFF_FILES sets the number of files, 10,000 by default)
import { launch, settle } from "../e2e/browser.mjs";
import { startProduct } from "../e2e/server.mjs";
import { readFileSync } from "node:fs";
import { randomUUID } from "node:crypto";
import { join } from "node:path";
import { sourceDir } from "../e2e/browser.mjs";

const count = Number(process.env.TASJIL_BENCH_STAFF_FILES || 10000);
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const pct = (xs, q) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(q * s.length))]; };
const today = "2026-04-20";
// The seeded files were made the day before: the server runs on that date at the real time of
// day (--today), so a time stamp of the same morning would be in its future before 08:00 UTC.
const dayBefore = "2026-04-19";

const env = await launch();
async function transfer(path) {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 }, serviceWorkers: "block" });
  const page = await context.newPage();
  await page.addInitScript(() => window.addEventListener("tasjil-ready", () => { window.__ready = true; }));
  const start = env.site.transferred.length;
  await page.goto(env.site.url + path);
  await page.waitForFunction(() => window.__ready === true, null, { timeout: 120000 });
  const files = env.site.transferred.slice(start);
  await context.close();
  return files;
}
const parents = await transfer("");
const sum = (files) => files.reduce((n, f) => n + f.bytes, 0);
console.log(`Parents' first load: ${sum(parents)} B in ${parents.length} files; console files among them: ${parents.filter((f) => f.path.includes("staff")).length}`);
const consoleFiles = await transfer("staff/");
console.log(`Console's first load: ${sum(consoleFiles)} B in ${consoleFiles.length} files`);
for (const f of consoleFiles) console.log(`  ${f.path.padEnd(30)} ${String(f.bytes).padStart(8)} B  ${f.encoding || "identity"}`);

// A school with `count` files, seeded through the API.
const product = await startProduct({ args: ["--today", today, "--max-connections-per-client", "256", "--notifier-workers", "0"] });
product.createStaff("bench.director", "bench director 2026", "school", "57303B");
const sample = JSON.parse(readFileSync(join(sourceDir, "assets", "samples", "electronic-file.json"), "utf8"));
const names = (i) => "B" + [...String(i)].map((d) => "abcdefghij"[Number(d)]).join("") + "a";
const seedStart = performance.now();
for (let i = 0; i < count; i += 32) {
  await Promise.all(Array.from({ length: Math.min(32, count - i) }, async (_, k) => {
    const n = i + k;
    const file = { ...sample, file_id: randomUUID(), created_at: `${dayBefore}T08:00:00Z`, submitted_at: `${dayBefore}T08:05:00Z`,
      child: { ...sample.child, given_name_latin: names(n), birth_date: n % 10 === 7 ? "2019-12-01" : "2020-09-14",
               civil_status: { ...sample.child.civil_status, act_year: n % 10 === 7 ? 2019 : 2020 } } };
    const r = await fetch(product.url + "api/v1/files", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(file) });
    if (r.status !== 201) throw new Error(await r.text());
  }));
}
console.log(`Seeded ${count} files in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`);

const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
const page = await context.newPage();
await page.goto(product.url + "staff/");
await page.waitForFunction(() => document.getElementById("loading").hidden, null, { timeout: 60000 });
await page.getByRole("button", { name: "Français", exact: true }).click();
await settle(page, 300);
await page.getByLabel("Identifiant", { exact: true }).fill("bench.director");
await page.getByLabel("Mot de passe", { exact: true }).fill("bench director 2026");
await page.getByRole("button", { name: "Se connecter", exact: true }).click();
await page.getByRole("grid").waitFor();
await settle(page, 500);
const rowcount = await page.getByRole("grid").getAttribute("aria-rowcount");
const frameMs = () => page.evaluate(() => window.Module._tasjil_last_frame_ms());
const frames = () => page.evaluate(() => window.Module._tasjil_frame_count());

// Scrolling: the page scrolls natively, each step draws a frame of the rows in view.
const scrolling = [];
for (let i = 0; i < 120; i++) {
  const before = await frames();
  await page.mouse.wheel(0, 360);
  await page.waitForFunction((n) => window.Module._tasjil_frame_count() > n, before);
  scrolling.push(await frameMs());
}
const domRows = await page.locator("[role=row]").count();
// Filtering and searching: each change is a new query to the server; the frames around it.
const filtering = [];
const search = page.getByLabel("Rechercher", { exact: true });
await page.evaluate(() => window.scrollTo(0, 0));
await settle(page, 200);
for (const q of ["b", "bc", "bcd", "bcda", "bc", "", "bf", "bfg", ""]) {
  const before = await frames();
  await search.fill(q);
  await page.waitForFunction((n) => window.Module._tasjil_frame_count() > n, before);
  filtering.push(await frameMs());
  await settle(page, 150);
  filtering.push(await frameMs());
}
for (const v of ["review", "eligible", ""]) {
  await page.getByLabel("Pré-contrôle", { exact: true }).selectOption(v);
  await settle(page, 200);
  filtering.push(await frameMs());
}
// A jump far down the list: pages come one after the other until the rows in view are there.
const jumpStart = performance.now();
await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight * 0.9));
await page.waitForFunction(() => [...document.querySelectorAll("[role=row] button")].some((b) => b.getBoundingClientRect().top > 0 && b.getBoundingClientRect().top < innerHeight), null, { timeout: 120000 });
const jumpMs = performance.now() - jumpStart;

const fmt = (xs) => `median ${median(xs).toFixed(1)} ms, p95 ${pct(xs, 0.95).toFixed(1)} ms, max ${Math.max(...xs).toFixed(1)} ms (${xs.length} frames)`;
console.log(`Grid of ${Number(rowcount) - 1} files (aria-rowcount ${rowcount}); rows in the DOM while scrolling: ${domRows}`);
console.log(`Frame CPU while scrolling the table: ${fmt(scrolling)}`);
console.log(`Frame CPU while filtering and searching: ${fmt(filtering)}`);
console.log(`Jump to 90 % of the list until its rows are drawn: ${jumpMs.toFixed(0)} ms`);
await context.close();
await product.stop();
await env.close();
