// Joins a page's ES modules for the browser (esbuild from npm, pinned by package-lock.json):
// the page's entry module and everything it imports become one module, and each module it
// imports later (import()) one more, with the code two of them share in a module of its own;
// comments and white space go, names stay as written (the modules read the same in a
// debugger). assets.mjs stays a module of its own: the build writes the names and sizes of the
// other files into it afterwards. The page's <link rel="modulepreload"> lines become the
// entry and the modules it imports before it runs, so that the browser fetches them at once.
// Usage: node scripts/join-modules.mjs OUTDIR PAGE.html ENTRY.mjs
import { build } from "esbuild";
import { readFileSync, writeFileSync } from "node:fs";
import { basename, join, relative } from "node:path";

const [out, html, entry] = process.argv.slice(2);
if (!out || !html || !entry) {
  console.error("usage: join-modules.mjs OUTDIR PAGE.html ENTRY.mjs");
  process.exit(2);
}
const result = await build({
  entryPoints: [entry],
  bundle: true,
  splitting: true,
  format: "esm",
  minifyWhitespace: true,
  minifySyntax: true,
  outdir: out,
  entryNames: "[name]",
  // A module loaded later or shared is named after its first module and esbuild's hash of it
  // (scripts/hash-web.mjs replaces that hash by its own).
  chunkNames: "[name]-[hash]",
  outExtension: { ".js": ".mjs" },
  metafile: true,
  logLevel: "warning",
  plugins: [{
    name: "assets-apart",
    setup(b) { b.onResolve({ filter: /^\.\/assets\.mjs$/ }, () => ({ path: "./assets.mjs", external: true })); },
  }],
});

// The entry and what it imports statically, transitively: what the page needs before it runs.
const outputs = result.metafile.outputs;
const byName = new Map(Object.keys(outputs).map((o) => [basename(o), o]));
const first = [];
const visit = (name) => {
  if (first.includes(name)) return;
  first.push(name);
  const output = byName.get(name);
  for (const i of output ? outputs[output].imports : []) {
    if (i.kind === "import-statement") visit(basename(i.path));
  }
};
visit(basename(entry));

const page = readFileSync(html, "utf8");
const preload = /^<link rel="modulepreload" href="[^"]+">\n/gm;
const at = page.search(preload);
if (at < 0) throw new Error(`${html} has no <link rel="modulepreload">`);
const links = first.map((m) => `<link rel="modulepreload" href="${m}">\n`).join("");
writeFileSync(html, page.slice(0, at) + links + page.slice(at).replace(preload, ""));
console.log(`join-modules: ${relative(".", join(out, basename(entry)))} and ${Object.keys(outputs).length - 1} more; ` +
            `${first.length} before it runs`);
