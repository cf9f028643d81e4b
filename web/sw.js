// Tasjil service worker: the app works without network.
//  - Installing a version precaches all of it (content-hashed names, listed by the build) in a
//    cache of its own; the version that runs keeps its cache until the new one has taken over,
//    so an update never leaves the device without a working app.
//  - A new version waits: it takes over only when the page asks (the app offers it between two
//    files) or when no page of the old one is open.
//  - The page is served from the cache (fast and offline); the rules of the school year, the
//    provinces and the school maps from the network, revalidated with their ETag, and from the
//    last copy when the network fails. Nothing personal is cached: posted files go to the
//    network (the page's outbox keeps them), status look-ups are not stored.
const VERSION = "__TASJIL_VERSION__";
const PRECACHE = __TASJIL_PRECACHE__;
const APP_CACHE = "tasjil-app-" + VERSION;
const DATA_CACHE = "tasjil-data-1";
const DATA_PATHS = [/^\/api\/v1\/rules\//, /^\/api\/v1\/provinces$/, /^\/api\/v1\/schoolmap\//];
const DATA_TIMEOUT_MS = 5000;
const PROVINCES = "/api/v1/provinces";
/** The worker's own scope, typed as what it is (tsconfig.sw.json). */
const worker = /** @type {ServiceWorkerGlobalScope} */ (/** @type {unknown} */ (self));

worker.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(APP_CACHE);
    // Straight from the server: a copy in the HTTP cache might be of another version.
    await cache.addAll(PRECACHE.map((url) => new Request(url, { cache: "reload" })));
    // The province list, which the first screens do not need, for a device that goes offline
    // before a screen asked for it (a tablet); kept as data, revalidated when next fetched.
    try {
      await fromData(new Request(new URL(PROVINCES, worker.location.origin).href));
    } catch {
      // Offline: the page fetches it when a screen needs it.
    }
  })());
});

worker.addEventListener("message", (event) => {
  const data = event.data || {};
  if (data.type === "take-over") worker.skipWaiting();
  // Data the page fetched before this worker controlled it (the first visit): kept now, for
  // the next visit without network.
  if (data.type === "keep-data" && Array.isArray(data.urls)) {
    event.waitUntil(Promise.all(data.urls.slice(0, 64).map(async (u) => {
      const url = new URL(String(u), worker.location.origin);
      if (url.origin !== worker.location.origin || !DATA_PATHS.some((p) => p.test(url.pathname))) return;
      try { await fromData(new Request(url.href)); } catch { /* offline: next time */ }
    })));
  }
});

worker.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) {
      if (key.startsWith("tasjil-app-") && key !== APP_CACHE) await caches.delete(key);
    }
    await worker.clients.claim();
  })());
});

async function fromApp(request) {
  const cache = await caches.open(APP_CACHE);
  const hit = await cache.match(request, { ignoreSearch: request.mode === "navigate" });
  if (hit) return hit;
  if (request.mode === "navigate") {
    const page = await cache.match("./");
    if (page) return page;
  }
  return fetch(request);
}

async function fromData(request) {
  const cache = await caches.open(DATA_CACHE);
  const cached = await cache.match(request);
  const headers = new Headers(request.headers);
  const etag = cached && cached.headers.get("ETag");
  if (etag) headers.set("If-None-Match", etag);
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), DATA_TIMEOUT_MS);
  try {
    const response = await fetch(request.url, { headers, cache: "no-store", signal: controller.signal });
    if (response.status === 304 && cached) return cached;
    if (response.ok) await cache.put(request, response.clone());
    return response;
  } catch (error) {
    if (cached) return cached;
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

worker.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;  // the network's: the outbox retries posts itself
  const url = new URL(request.url);
  if (url.origin !== worker.location.origin) return;
  // The staff console is online only and not this app: the network's.
  if (url.pathname.startsWith("/staff/")) return;
  if (DATA_PATHS.some((p) => p.test(url.pathname))) {
    event.respondWith(fromData(request));
  } else if (request.mode === "navigate" || !url.pathname.startsWith("/api/")) {
    event.respondWith(fromApp(request));
  }
});
