// The parents' first load has a byte budget: the bodies (brotli, as tasjil-server sends them) of
// everything a first visit requests before the first screen is usable. Bytes are exact, so the
// budget is too; times are not, so they stay in the benchmark (tests/bench/web_bench.mjs).
// A change that adds bytes raises first-load-budget.json in the same commit, with its reason.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { chromiumOptions, sourceDir } from "./browser.mjs";
import { startProduct } from "./server.mjs";
import { firstVisit } from "./first_visit.mjs";

const budget = JSON.parse(readFileSync(join(sourceDir, "tests", "e2e", "first-load-budget.json"), "utf8"));
const browser = await chromium.launch(chromiumOptions);
const product = await startProduct({ schoolYear: "2026-2027" });
after(async () => { await browser.close(); await product.stop(); });

const visit = () => firstVisit(browser, product.url, { clockAt: "2026-04-10T09:00:00" });
const show = (v) => v.files.map((f) => `  ${f.url.padEnd(36)} ${String(f.bytes).padStart(8)} B`).join("\n") +
  `\n  total: ${v.bytes} B in ${v.requests} requests`;

test("the parents' first load stays within its byte budget", async () => {
  const v = await visit();
  console.log(`first load:\n${show(v)}`);
  assert.ok(v.bytes > 0 && v.requests > 3, "the first visit was measured");
  assert.ok(v.bytes <= budget.bytes,
    `the first load is ${v.bytes} B, over its budget of ${budget.bytes} B by ${v.bytes - budget.bytes} B:\n${show(v)}`);
  const wasm = v.files.filter((f) => f.url.endsWith(".wasm")).reduce((n, f) => n + f.bytes, 0);
  assert.ok(wasm <= budget.wasm_bytes, `the wasm is ${wasm} B, over its budget of ${budget.wasm_bytes} B`);
  assert.ok(v.requests <= budget.requests, `${v.requests} requests, over the budget of ${budget.requests}:\n${show(v)}`);
});

test("the same first visit downloads the same bytes twice, so the budget can be exact", async () => {
  const [a, b] = [await visit(), await visit()];
  assert.equal(a.bytes, b.bytes, `${show(a)}\nthen\n${show(b)}`);
});
