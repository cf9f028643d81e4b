// Tasjil page loader, for the parents' app (web/parents.mjs) and the staff console
// (web/staff/console.mjs), each of which calls loadPage. Checks WebAssembly and WebGL2; compiles
// the app's wasm while it downloads (WebAssembly.compileStreaming on the response, so that the
// browser keeps the compiled code for the next visit and the offline start), with a progress
// bar driven by the bytes received; reads back the draft the device kept; shows a plain message
// in the three languages when something is missing, fails, stalls, or the draft is open in
// another tab; then starts the app, and after its first frame the offline app (service worker)
// and the outbox (the console is online only: no draft, no service worker, nothing kept on the
// device). It starts the platform (the DOM layer, window.TasjilPlatform) before the app, so
// that both are there for its first frame. What it remembers is page.loading (web/page.mjs).
import { app } from "./bridge.mjs";
import { page, failed } from "./page.mjs";
import { startPlatform } from "./platform.mjs";
import { clearLayer } from "./dom_layer.mjs";
import { connectOutbox } from "./requests.mjs";
import { ASSETS, assetUrl } from "./assets.mjs";
import { listDrafts, lockDraft } from "./drafts.mjs";

const messages = {
  nowasm: ["متصفحك لا يدعم WebAssembly. المرجو تحديثه أو استعمال متصفح آخر.",
           "ⴰⵎⵙⵙⵉⴳⵍ ⵏⵏⴽ ⵓⵔ ⵉⵙⵙⵓⴷⵓ WebAssembly. ⵙⵏⴼⵍ ⵜ ⵏⵖ ⵙⵙⵎⵔⵙ ⵡⴰⵢⴹ.",
           "Votre navigateur ne prend pas en charge WebAssembly. Mettez-le à jour ou utilisez un autre navigateur."],
  webgl2: ["متصفحك أو جهازك لا يدعم WebGL2 الذي تحتاجه هذه الخدمة. المرجو تحديث المتصفح أو استعمال جهاز آخر.",
           "ⴰⵎⵙⵙⵉⴳⵍ ⵏⵖ ⵜⴰⵎⴰⵙⵉⵏⵜ ⵏⵏⴽ ⵓⵔ ⵙⵙⵓⴷⵓⵏ WebGL2. ⵙⵏⴼⵍ ⴰⵎⵙⵙⵉⴳⵍ ⵏⵖ ⵙⵙⵎⵔⵙ ⵜⴰⵎⴰⵙⵉⵏⵜ ⵢⴰⴹⵏ.",
           "Votre navigateur ou votre appareil ne prend pas en charge WebGL2, nécessaire à ce service. Mettez à jour le navigateur ou utilisez un autre appareil."],
  failed: ["تعذر تحميل الخدمة. تحقق من اتصالك بالإنترنت ثم أعد المحاولة.",
           "ⵓⵔ ⵜⵣⴷⴰⵎ ⵜⵏⴰⴼⵓⵜ. ⵙⵙⵏⵜⵎ ⴰⵙⵖⵓⵏ ⵏⵏⴽ ⵙ ⵉⵏⵜⵔⵏⵉⵜ ⵜⴰⵍⵙⴷ.",
           "Le service n'a pas pu être chargé. Vérifiez votre connexion Internet puis réessayez."],
  stalled: ["التحميل متوقف منذ مدة. قد يكون الاتصال ضعيفا: أعد المحاولة.",
            "ⴰⵣⴷⴰⵎ ⵉⴱⴷⴷ ⵙⴳ ⴽⵔⴰ ⵏ ⵜⵉⵣⵉ. ⵉⵣⵎⵔ ⴰⵙⵖⵓⵏ ⴰⴷ ⵢⵉⵍⵉ ⵉⴷⵄⴼ: ⴰⵍⵙ.",
            "Le chargement est bloqué depuis un moment. La connexion est peut-être faible : réessayez."],
  locked: ["هذا الملف مفتوح في نافذة أو علامة تبويب أخرى. تابع هناك، أو أغلقها ثم أعد المحاولة هنا.",
           "ⴰⵙⵏⴷⵓⵇ ⴰ ⵉⵕⵥⵎ ⴳ ⵢⴰⵏ ⵓⵙⵉⴽⵍ ⵢⴰⴹⵏ. ⴽⵎⵎⵍ ⴷⵉⵏⵏ, ⵏⵖ ⵔⴳⵍ ⵜ ⵜⴰⵍⵙⴷ ⴷⵖⴰ.",
           "Ce dossier est déjà ouvert dans un autre onglet ou une autre fenêtre. Continuez-y, ou fermez-le puis réessayez ici."],
};

function fail(kind) {
  const m = messages[kind] || messages.failed;
  document.getElementById("failure-ar").textContent = m[0];
  document.getElementById("failure-zgh").textContent = m[1];
  document.getElementById("failure-fr").textContent = m[2];
  document.getElementById("loading").hidden = true;
  document.getElementById("failure").hidden = false;
  clearTimeout(page.loading.stallTimer);
}

const total = ASSETS["index.wasm"].bytes + ASSETS["index.data"].bytes;
function progress(name, n) {
  const { received } = page.loading;
  received[name] = n;
  let sum = 0;
  for (const k in received) sum += received[k];
  const pct = Math.min(100, Math.round(100 * sum / total));
  const bar = document.getElementById("bar");
  /** @type {HTMLElement} */ (bar.firstElementChild).style.width = pct + "%";
  bar.setAttribute("aria-valuenow", String(pct));
  clearTimeout(page.loading.stallTimer);
  page.loading.stallTimer = setTimeout(() => fail("stalled"), 20000);
}

/** Counts the bytes of a response as they arrive (a copy of it: the original is compiled). */
async function count(response, name) {
  if (!response.body) return;
  const reader = response.body.getReader();
  let length = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    length += value.length;
    progress(name, length);
  }
}

async function fetchOk(name, staff) {
  // The console's plain names are revalidated (the server's ETag); hashed names never change.
  const response = await fetch(assetUrl(name), { cache: staff ? "no-cache" : "default" });
  if (!response.ok) throw new Error(`${name}: HTTP ${response.status}`);
  return response;
}

/** The wasm, compiled while it downloads. */
async function compile(staff) {
  const response = await fetchOk("index.wasm", staff);
  count(response.clone(), "index.wasm").catch(() => {});
  return WebAssembly.compileStreaming(response);
}

/** The data package (fonts, the Arabic catalogue; src/io/package.h) as bytes. */
async function data(staff) {
  const response = await fetchOk("index.data", staff);
  count(response.clone(), "index.data").catch(() => {});
  return response.arrayBuffer();
}

/** The device's mode, from the address: ?mode=kiosk | tablet; a parent's device otherwise. */
function deviceMode(staff) {
  if (staff) return "staff";
  const mode = new URLSearchParams(location.search).get("mode");
  return mode === "kiosk" || mode === "tablet" ? mode : "parent";
}

/**
 * The reference a message's link carries (…/?ref=YKQRY-7MKVP), taken out of the address so that
 * reloading the page does not open the look-up again; the app checks it (its check symbol).
 */
function linkedReference() {
  const url = new URL(location.href);
  const ref = url.searchParams.get("ref") || "";
  if (!ref) return "";
  url.searchParams.delete("ref");
  history.replaceState(history.state, "", url);
  return /^[0-9A-Za-z -]{1,16}$/.test(ref) ? ref : "";
}

/**
 * The draft to resume: on a parent's device the newest one, when no other tab has it open.
 * Returns {draft} or {locked: true}.
 */
async function draftToResume(mode) {
  if (mode !== "parent") return { draft: "" };
  let drafts = [];
  try {
    drafts = await listDrafts();
  } catch (error) {
    console.error("tasjil: the saved drafts could not be read:", error && error.name);
    return { draft: "" };
  }
  if (!drafts.length) return { draft: "" };
  const newest = drafts[0];
  if (!(await lockDraft(newest.file_id))) return { locked: true };
  return { draft: newest.json };
}

async function main(extension) {
  const staff = !!extension;
  document.getElementById("retry").onclick = () => location.reload();
  if (typeof WebAssembly !== "object") return fail("nowasm");
  if (!document.createElement("canvas").getContext("webgl2")) return fail("webgl2");
  progress("start", 0);
  const mode = deviceMode(staff);
  const module = compile(staff);
  // A kiosk starts with nothing of the person before (a power cut, a closed window).
  if (mode === "kiosk") {
    await import("./kiosk.mjs").then((k) => k.wipeDevice())
      .catch((e) => console.error("tasjil: the kiosk could not wipe the device:", e && e.name));
  }
  const [bytes, resume] = await Promise.all([data(staff), draftToResume(mode), module]);
  if (resume.locked) return fail("locked");
  startPlatform({ mode, draft: resume.draft, ref: staff ? "" : linkedReference() }, extension);
  const compiled = await module;
  /** @type {any} */ (window).Module = {
    canvas: document.getElementById("canvas"),
    instantiateWasm(imports, done) {
      WebAssembly.instantiate(compiled, imports).then((instance) => done(instance, compiled))
        .catch(() => fail("failed"));
      return {};
    },
    onRuntimeInitialized: () => { if (!app.mount(bytes)) fail("failed"); },
    onAbort: () => fail("failed"),
    print: () => {},
    printErr: (t) => console.warn(t),
  };
  // The app's script was preloaded by the page head; this takes it from that cache.
  const script = document.createElement("script");
  script.src = assetUrl("index.js");
  script.onerror = () => fail("failed");
  document.body.appendChild(script);
}

/** After the first frame: the parents' device parts the first frame did not need. */
async function startDevice() {
  if (page.start.mode === "kiosk") {
    const { startKiosk } = await import("./kiosk.mjs");
    page.kiosk = startKiosk({ wipeScreen: () => { clearLayer(); app.wipe(); }, countdown: (n) => app.idle(n) });
  }
  const outbox = await connectOutbox();
  outbox.startOutbox();
  await outbox.announce();
  const { registerWorker, guardStorage, keepData } = await import("./offline.mjs");
  const storage = await guardStorage();
  if (storage.low) app.device(false, true);
  const registration = await registerWorker(() => app.device(true, storage.low));
  // On the first visit the data came before the worker: it keeps a copy for the next one.
  if (registration && !navigator.serviceWorker.controller) keepData([...page.fetchedData]);
}

/**
 * Loads the page's app: the parents' (no extension: with the device's drafts, kiosk, outbox
 * and offline app) or the console's (its extension of the shared layer, online only).
 * @param {import("./page.mjs").Extension} [extension]
 */
export function loadPage(extension) {
  /** @type {any} */ (window).TasjilFail = fail;
  window.addEventListener("tasjil-ready", () => {
    clearTimeout(page.loading.stallTimer);
    document.getElementById("loading").hidden = true;
    if (!extension) startDevice().catch((error) => failed("the device's parts could not start", error));
  }, { once: true });
  main(extension).catch((error) => {
    console.error("tasjil: the app could not start:", error && error.message);
    fail("failed");
  });
}
