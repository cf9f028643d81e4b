// The deployable app folder as the build leaves it (scripts/hash-web.mjs): every file but
// index.html and the service worker is named by its content, everything named exists, and
// the service worker precaches exactly the app.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const dir = process.env.TASJIL_WEB_DIR || join(dirname(fileURLToPath(import.meta.url)), "..", "..", "build", "wasm");
// The parents' app: the files at the top of the folder (the staff console has its own folder).
const files = readdirSync(dir).filter((f) => !/\.(br|gz)$/.test(f) && statSync(join(dir, f)).isFile());
const hashed = /^([A-Za-z_-]+)\.([0-9a-f]{10})(\.[A-Za-z.]+)$/;

test("only index.html and sw.js keep their names; every other file is named by its content", () => {
  for (const f of files) {
    if (f === "index.html" || f === "sw.js") continue;
    const m = hashed.exec(f);
    assert.ok(m, `${f} has a content-hashed name`);
    const digest = createHash("sha256").update(readFileSync(join(dir, f))).digest("hex").slice(0, 10);
    assert.equal(m[2], digest, `${f} is named by its bytes`);
  }
  assert.ok(files.includes("index.html") && files.includes("sw.js"));
});

test("every file the page and the modules name is in the folder", () => {
  const html = readFileSync(join(dir, "index.html"), "utf8");
  for (const [, ref] of html.matchAll(/(?:href|src)="([^"]+)"/g)) assert.ok(files.includes(ref), `index.html: ${ref}`);
  for (const f of files.filter((x) => x.endsWith(".mjs"))) {
    const text = readFileSync(join(dir, f), "utf8");
    for (const [, ref] of text.matchAll(/(?:import|from)\s*\(?\s*["']\.\/([\w.-]+)["']/g)) assert.ok(files.includes(ref), `${f}: ${ref}`);
  }
  const assets = readFileSync(join(dir, files.find((f) => f.startsWith("assets."))), "utf8");
  const table = JSON.parse(assets.match(/ASSETS\s*=\s*(\{.*?\})\s*;/)[1]);
  for (const [name, { url, bytes }] of Object.entries(table)) {
    assert.ok(files.includes(url), `assets.mjs: ${name} → ${url}`);
    assert.equal(readFileSync(join(dir, url)).length, bytes, `${name}: its size`);
  }
});

test("the page preloads its entry and every module the entry imports before it runs, and no other", () => {
  const html = readFileSync(join(dir, "index.html"), "utf8");
  const preloaded = [...html.matchAll(/<link rel="modulepreload" href="([^"]+)">/g)].map((m) => m[1]);
  const entry = html.match(/<script type="module" src="([^"]+)">/)[1];
  assert.match(entry, /^parents\.[0-9a-f]{10}\.mjs$/);
  const wanted = new Set();
  const visit = (name) => {
    if (wanted.has(name)) return;
    wanted.add(name);
    const text = readFileSync(join(dir, name), "utf8");
    // Static imports only (import(...) is what loads later).
    for (const [, ref] of text.matchAll(/(?:^|[;\s}])(?:import|from)\s*["']\.\/([\w.-]+)["']/g)) visit(ref);
  };
  visit(entry);
  assert.deepEqual(new Set(preloaded), wanted);
  assert.ok(wanted.size <= 6, `${[...wanted].join(", ")}: the page's modules are joined`);
  for (const later of ["outbox.", "offline.", "kiosk."]) {
    assert.ok(![...wanted].some((m) => m.startsWith(later)), `${later}mjs loads after the first frame`);
  }
});

test("the service worker precaches the page and every hashed file, under a version of them all", () => {
  const sw = readFileSync(join(dir, "sw.js"), "utf8");
  const precache = JSON.parse(sw.match(/const PRECACHE = (\[.*\]);/)[1]);
  const expected = ["./", ...files.filter((f) => f !== "index.html" && f !== "sw.js").sort()];
  assert.deepEqual(precache, expected);
  assert.match(sw, /const VERSION = "[0-9a-f]{10}";/);
  assert.ok(!sw.includes("__TASJIL_"), "every placeholder is filled");
});

test("the staff console is a folder of its own that the parents' app neither loads nor precaches", () => {
  const staff = readdirSync(join(dir, "staff"));
  assert.ok(staff.includes("index.html") && staff.includes("index.wasm"));
  const sw = readFileSync(join(dir, "sw.js"), "utf8");
  assert.ok(!sw.match(/const PRECACHE = (\[.*\]);/)[1].includes("staff"));
  // The worker leaves the console's requests to the network.
  assert.match(sw, /startsWith\("\/staff\/"\)/);
  const html = readFileSync(join(dir, "index.html"), "utf8");
  assert.ok(!html.includes("staff"));
});
