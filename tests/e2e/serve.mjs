// A static file server for the browser tests and benchmarks: serves the deployable app folder
// on loopback, picking the precompressed .br/.gz sibling by Accept-Encoding, as the ministry
// server does. Optional throttling for load benchmarks is done in the browser (CDP), not here.
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize } from "node:path";

const types = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".wasm": "application/wasm",
  ".data": "application/octet-stream",
  ".svg": "image/svg+xml",
  ".webmanifest": "application/manifest+json",
  ".json": "application/json",
};

export async function serve(root, port = 0) {
  const transferred = [];  // {path, bytes, encoding} of every response, for the size benchmark
  const server = createServer(async (req, res) => {
    try {
      let path = decodeURIComponent(new URL(req.url, "http://x").pathname);
      if (path.endsWith("/")) path += "index.html";
      const file = normalize(join(root, path));
      if (!file.startsWith(normalize(root))) { res.writeHead(403).end(); return; }
      await stat(file);
      const accept = String(req.headers["accept-encoding"] || "");
      let body, encoding = null;
      for (const [enc, ext] of [["br", ".br"], ["gzip", ".gz"]]) {
        if (!accept.includes(enc)) continue;
        try { body = await readFile(file + ext); encoding = enc; break; } catch {}
      }
      if (!body) body = await readFile(file);
      // As the ministry server: content-hashed names are immutable, the rest revalidated.
      const immutable = /\.[0-9a-f]{10}\.[A-Za-z.]+$/.test(path);
      const headers = { "Content-Type": types[extname(file)] || "application/octet-stream",
                        "Content-Length": body.length, "Vary": "Accept-Encoding",
                        "Cache-Control": immutable ? "public, max-age=31536000, immutable" : "no-cache" };
      if (encoding) headers["Content-Encoding"] = encoding;
      res.writeHead(200, headers);
      res.end(body);
      transferred.push({ path, bytes: body.length, encoding });
    } catch {
      res.writeHead(404, { "Content-Type": "text/plain" }).end("not found");
    }
  });
  await new Promise((resolve) => server.listen(port, "127.0.0.1", () => resolve(undefined)));
  const { port: bound } = /** @type {import("node:net").AddressInfo} */ (server.address());
  return { server, url: `http://127.0.0.1:${bound}/`, transferred };
}
