// Where the bytes of a wasm are: its sections, its code per library (from the function names of
// a build linked with --profiling-funcs) and its data per symbol (from wasm-ld's link map).
// Usage: node tests/bench/wasm_size.mjs NAMED.wasm [LINK.map] [--top N]
//   NAMED.wasm  the app linked as shipped plus --profiling-funcs (names kept, code the same)
//   LINK.map    wasm-ld's --print-map of that link (data symbols and their sizes before wasm-opt)
// scripts/size-report makes both and runs this; the numbers go to docs/benchmarks.md.
import { readFileSync } from "node:fs";
import { brotliCompressSync, constants } from "node:zlib";

const args = process.argv.slice(2);
const topAt = args.indexOf("--top");
const top = topAt >= 0 ? Number(args.splice(topAt, 2)[1]) : 30;
const [wasmPath, mapPath] = args;
if (!wasmPath) {
  console.error("usage: node tests/bench/wasm_size.mjs NAMED.wasm [LINK.map] [--top N]");
  process.exit(64);
}

// [SECTION] Reading the module ------------------------------------------------------------------
const bytes = readFileSync(wasmPath);
let at = 0;
function leb() {
  let result = 0, shift = 0, b;
  do {
    b = bytes[at++];
    result += (b & 0x7f) * 2 ** shift;
    shift += 7;
  } while (b & 0x80);
  return result;
}
function name() {
  const n = leb();
  const s = bytes.toString("utf8", at, at + n);
  at += n;
  return s;
}
const sectionNames = ["custom", "type", "import", "function", "table", "memory", "global", "export",
  "start", "element", "code", "data", "datacount"];
if (bytes.readUInt32LE(0) !== 0x6d736100) throw new Error(`${wasmPath} is not a wasm module`);
at = 8;
const sections = [];
let importedFunctions = 0;
const bodies = [];      // [size, start]
const names = new Map(); // function index -> name
let dataSection = Buffer.alloc(0);
while (at < bytes.length) {
  const id = bytes[at++];
  const size = leb();
  const start = at;
  let label = sectionNames[id] || `id ${id}`;
  if (id === 0) label = `custom "${name()}"`;
  if (id === 2) {
    for (let n = leb(); n > 0; --n) {
      name(); name();
      const kind = bytes[at++];
      if (kind === 0) { leb(); importedFunctions++; }
      else if (kind === 1) { at++; const f = leb(); leb(); if (f & 1) leb(); }
      else if (kind === 2) { const f = leb(); leb(); if (f & 1) leb(); }
      else if (kind === 3) { at += 2; }
    }
  } else if (id === 10) {
    for (let n = leb(); n > 0; --n) {
      const len = leb();
      bodies.push([len, at]);
      at += len;
    }
  } else if (id === 11) {
    dataSection = bytes.subarray(start, start + size);
  } else if (label === 'custom "name"') {
    while (at < start + size) {
      const sub = bytes[at++];
      const len = leb();
      const end = at + len;
      if (sub === 1) for (let n = leb(); n > 0; --n) { const i = leb(); names.set(i, name()); }
      at = end;
    }
  }
  sections.push({ label, size });
  at = start + size;
}

// [SECTION] Libraries by name -------------------------------------------------------------------
// The first pattern that matches names the library; mangled C++ names carry their namespaces.
// Names are demangled (functions) or mangled (data symbols); a std:: template instantiated for a
// library's types counts for that library.
/** @type {[string, RegExp][]} */
const libraries = [
  ["tasjil app (src/app)", /^tasjil::app|tasjil3app|^tasjil_|^\(anonymous namespace\)::|^main$/],
  ["tasjil text (src/text)", /^tasjil::text|tasjil4text/],
  ["tasjil core (src/core)", /^tasjil::core|tasjil4core/],
  ["tasjil io (src/io)", /^tasjil::io|tasjil2io/],
  ["nlohmann_json", /nlohmann/],
  ["date", /^date::|4date/],
  ["Dear ImGui", /^ImGui|^Im[A-Z]|^stb|ImGui|_ZN?K?\d*Im[A-Z]|_ZL\d*Im|GImGui|^(FONT_ATLAS|proggy)|_ZL\d+(FONT_ATLAS|proggy)/],
  ["FriBidi", /fribidi|^(Bid|Joi|Brk|Brt|Mir)Lev|^ArShap/i],
  ["utf8proc", /utf8proc/],
  ["qrcodegen", /qrcodegen/],
  ["libc++ / libc++abi", /^std::|^_ZN?K?St|St3__2|__cxa|__cxxabi|^operator (new|delete)|^__cxx|^vtable|^typeinfo/],
  ["allocator (malloc)", /^(emmalloc|dlmalloc|dlfree|dlrealloc|malloc|free|realloc|calloc|sbrk|emscripten_builtin_(malloc|free|memalign)|internal_memalign|prepend_alloc|tmalloc|init_mparams|dispose_chunk|sys_alloc|add_segment|_gm_|mparams)/],
  ["libc / compiler-rt / Emscripten", /./],
];
const libraryOf = (n) => libraries.find(([, re]) => re.test(n))[0];

const codeBy = new Map();
const functions = [];
bodies.forEach(([size], i) => {
  const n = names.get(importedFunctions + i) || `function ${importedFunctions + i}`;
  const lib = libraryOf(n);
  codeBy.set(lib, (codeBy.get(lib) || 0) + size);
  functions.push([size, n, lib]);
});
// Brotli of each library's code alone: how much it costs on the wire (a lower bound of its share,
// since code compresses better in one stream).
const brotli = (b) => brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
const codeBrotli = new Map();
for (const [lib] of libraries) {
  const parts = bodies.filter((_, i) => libraryOf(names.get(importedFunctions + i) || "") === lib)
    .map(([len, start]) => bytes.subarray(start, start + len));
  if (parts.length) {
    codeBrotli.set(lib, brotli(Buffer.concat(parts)));
  }
}

// [SECTION] Report ------------------------------------------------------------------------------
const fmt = (n) => n.toLocaleString("en-US");
console.log(`## ${wasmPath}: ${fmt(bytes.length)} B (names included)`);
console.log("\n| section | bytes |\n|---|---|");
for (const s of sections) console.log(`| ${s.label} | ${fmt(s.size)} |`);
console.log(`\nThe data section alone compresses to ${fmt(brotli(dataSection))} B (brotli 11).`);
console.log("\n| code by library | bytes | brotli alone |\n|---|---|---|");
for (const [lib, n] of [...codeBy].sort((a, b) => b[1] - a[1])) {
  console.log(`| ${lib} | ${fmt(n)} | ${fmt(codeBrotli.get(lib) || 0)} |`);
}
console.log(`\n| largest functions (top ${top}) | bytes | library |\n|---|---|---|`);
for (const [size, n, lib] of functions.sort((a, b) => b[0] - a[0]).slice(0, top)) {
  console.log(`| \`${n.length > 90 ? n.slice(0, 87) + "..." : n}\` | ${fmt(size)} | ${lib} |`);
}

if (mapPath) {
  // wasm-ld's map: "Addr Off Size Out In Symbol"; input sections of the DATA output section.
  /** @type {[number, string, boolean][]} size, symbol, named by its input section */
  const data = [];
  let inData = false;
  for (const line of readFileSync(mapPath, "utf8").split("\n")) {
    // Output sections are indented by one space, input sections by nine, symbols by seventeen.
    const m = /^\s+(\S+)\s+([0-9a-f]+)\s+([0-9a-f]+)( +)(\S.*)$/.exec(line);
    if (!m) continue;
    if (m[4].length === 1) {
      if (/^[A-Z]/.test(m[5])) inData = m[5] === "DATA";
      continue;
    }
    if (!inData) continue;
    const input = m[4].length === 9 && /^(.*):\((.*)\)$/.exec(m[5]);
    if (input) data.push([parseInt(m[3], 16), input[2], false]);
    else if (m[4].length === 17 && data.length && !data.at(-1)[2]) data.at(-1).splice(1, 2, m[5], true);
  }
  const dataBy = new Map();
  for (const [size, sym] of data) {
    const lib = libraryOf(sym.replace(/^\.(rodata|data|bss)\./, ""));
    dataBy.set(lib, (dataBy.get(lib) || 0) + size);
  }
  console.log("\n| data by library (before wasm-opt) | bytes |\n|---|---|");
  for (const [lib, n] of [...dataBy].sort((a, b) => b[1] - a[1])) console.log(`| ${lib} | ${fmt(n)} |`);
  console.log(`\n| largest data symbols (top ${Math.min(top, 20)}) | bytes |\n|---|---|`);
  for (const [size, sym] of data.sort((a, b) => b[0] - a[0]).slice(0, Math.min(top, 20))) {
    console.log(`| \`${sym.length > 90 ? sym.slice(0, 87) + "..." : sym}\` | ${fmt(size)} |`);
  }
}
