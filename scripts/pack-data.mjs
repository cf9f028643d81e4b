// Writes the browser app's data package (src/io/package.h): the files it needs at start, in one
// download, read by the app without a file system.
// Usage: node scripts/pack-data.mjs OUTPUT /NAME=PATH...   e.g. /fonts/latin.ttf=build/.../latin.ttf
import { readFileSync, renameSync, writeFileSync } from "node:fs";

const [output, ...entries] = process.argv.slice(2);
if (!output || !entries.length) {
  console.error("usage: node scripts/pack-data.mjs OUTPUT /NAME=PATH...");
  process.exit(64);
}
const u32 = (n) => { const b = Buffer.alloc(4); b.writeUInt32LE(n); return b; };
const files = entries.map((e) => {
  const at = e.indexOf("=");
  const name = e.slice(0, at);
  if (!/^\/[A-Za-z0-9._/-]+$/.test(name) || name.includes("..")) throw new Error(`bad name ${name}`);
  return { name, bytes: readFileSync(e.slice(at + 1)) };
});
const parts = [Buffer.from("TSJPKG1\n"), u32(files.length)];
for (const f of files) parts.push(u32(Buffer.byteLength(f.name)), Buffer.from(f.name), u32(f.bytes.length));
for (const f of files) parts.push(f.bytes);
writeFileSync(output + ".tmp", Buffer.concat(parts));
renameSync(output + ".tmp", output);
