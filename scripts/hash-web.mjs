// Gives every build output of the app folder a content-hashed name (name.<10 hex>.ext), so
// that the server sends them as immutable and a browser never mixes two versions, and rewrites
// the references between them. index.html and the service worker (sw.js) keep their names:
// they are what a browser asks for first, and they name everything else.
//  - ES modules are renamed after the modules they import (their text names the hashed files);
//  - assets.mjs receives the names and byte sizes the loader and the platform need;
//  - sw.js receives the list to precache and a version derived from all of it.
// Usage: node scripts/hash-web.mjs OUTDIR
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync, renameSync, readdirSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";

const out = process.argv[2];
if (!out) {
  console.error("usage: hash-web.mjs OUTDIR");
  process.exit(2);
}
const hashOf = (bytes) => createHash("sha256").update(bytes).digest("hex").slice(0, 10);
const path = (name) => join(out, name);
/** @type {Map<string, string>} plain name → hashed name */
const names = new Map();
/** @type {Record<string, number>} plain name → uncompressed bytes */
const sizes = {};

function hashedName(plain, bytes) {
  // A module the join named after its first part and esbuild's hash (outbox-4TRYWJ3F.mjs:
  // scripts/join-modules.mjs) takes this hash in place of esbuild's.
  const base = plain.replace(/-[A-Z2-7]{8}(?=\.mjs$)/, "");
  const dot = base.indexOf(".");
  return `${base.slice(0, dot)}.${hashOf(bytes)}${base.slice(dot)}`;
}

// Replaces references to files already renamed: in a module its import specifiers
// ("./x.mjs"), which are resolved by the browser; elsewhere (the page, the manifest) every
// quoted name. A module names other build outputs by their source name, through assets.mjs.
function rewrite(text, importsOnly = false) {
  for (const [plain, hashed] of names) {
    if (importsOnly && !plain.endsWith(".mjs")) continue;
    for (const q of ['"', "'"]) {
      text = text.split(`${q}./${plain}${q}`).join(`${q}./${hashed}${q}`);
      if (!importsOnly) text = text.split(`${q}${plain}${q}`).join(`${q}${hashed}${q}`);
    }
  }
  return text;
}

// Renames `plain` by its content, or by `text` (its rewritten content) when given.
function rename(plain, text) {
  const bytes = text === undefined ? readFileSync(path(plain)) : Buffer.from(text);
  const hashed = hashedName(plain, bytes);
  if (text === undefined) {
    renameSync(path(plain), path(hashed));
  } else {
    writeFileSync(path(hashed), bytes);
    rmSync(path(plain));
  }
  names.set(plain, hashed);
  sizes[plain] = bytes.length;
}

const present = new Set(readdirSync(out).filter((f) => statSync(path(f)).isFile()));
const unhashed = new Set(["index.html", "sw.js"]);

// Files that name nothing: renamed as they are. index.js is Emscripten's glue: the loader
// gives it the wasm and the data itself, so the names inside it are never used.
for (const plain of ["index.wasm", "index.data", "index.js", "icon.svg", "service.json",
                     "catalogue-fr.json", "catalogue-zgh.json", "countries-ar.json"]) {
  if (!present.has(plain)) throw new Error(`${plain} is missing from ${out}`);
  rename(plain);
}

// assets.mjs: what the loader and the platform need to know of the other files.
const assets = {};
for (const plain of names.keys()) assets[plain] = { url: names.get(plain), bytes: sizes[plain] };
{
  const text = readFileSync(path("assets.mjs"), "utf8");
  if (!text.includes("__TASJIL_ASSETS__")) throw new Error("assets.mjs has no __TASJIL_ASSETS__");
  rename("assets.mjs", text.replace("__TASJIL_ASSETS__", JSON.stringify(assets)));
}

// The other modules, each after those it imports.
const importsOf = (text) =>
  [...text.matchAll(/(?:import|from)\s*\(?\s*["']\.\/([\w.-]+\.mjs)["']/g)].map((m) => m[1]);
const modules = [...present].filter((f) => f.endsWith(".mjs") && !names.has(f));
const pending = new Map(modules.map((m) => [m, readFileSync(path(m), "utf8")]));
while (pending.size) {
  const ready = [...pending].find(([, text]) => importsOf(text).every((i) => names.has(i)));
  if (!ready) throw new Error(`modules import each other in a cycle: ${[...pending.keys()].join(", ")}`);
  const [plain, text] = ready;
  for (const i of importsOf(text)) if (!present.has(i)) throw new Error(`${plain} imports a missing ${i}`);
  rename(plain, rewrite(text, true));
  pending.delete(plain);
}

// The manifest names the icon; the page names the rest.
rename("manifest.webmanifest", rewrite(readFileSync(path("manifest.webmanifest"), "utf8")));
{
  // Emscripten's own <script> for index.js is not used: the loader starts the app.
  let html = readFileSync(path("index.html"), "utf8")
    .replace(/<template id="emscripten-script">[\s\S]*?<\/template>\n?/, "");
  html = rewrite(html);
  for (const m of html.matchAll(/(?:href|src)="([^"]+)"/g)) {
    if (!m[1].startsWith("data:") && ![...names.values()].includes(m[1]))
      throw new Error(`index.html names ${m[1]}, which the build does not have`);
  }
  writeFileSync(path("index.html"), html);
}

// The service worker: everything above, under a version that changes with any byte of it.
{
  const precache = ["./", ...[...names.values()].sort()];
  const html = readFileSync(path("index.html"));
  const version = hashOf(Buffer.concat([html, Buffer.from(precache.join("\n"))]));
  const text = readFileSync(path("sw.js"), "utf8");
  if (!text.includes("__TASJIL_PRECACHE__") || !text.includes("__TASJIL_VERSION__"))
    throw new Error("sw.js has no __TASJIL_PRECACHE__ or __TASJIL_VERSION__");
  writeFileSync(path("sw.js"),
    text.replace("__TASJIL_PRECACHE__", JSON.stringify(precache)).replace("__TASJIL_VERSION__", version));
}

const left = readdirSync(out).filter((f) => statSync(path(f)).isFile() && !unhashed.has(f) &&
  ![...names.values()].includes(f) && !/\.(br|gz)$/.test(f));
if (left.length) throw new Error(`files left without a hashed name: ${left.join(", ")}`);
console.log(`hash-web: ${names.size} files named by their content`);
